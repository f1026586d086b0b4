using System.Collections;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.Tests.Bake;

/// <summary>The fingerprint covers everything that decides the image and nothing that does not.</summary>
public sealed class BuildFingerprintTests : IDisposable
{
    private const string Ami = "ami-6d1c2007";
    private readonly TempFolder folder = new();

    public BuildFingerprintTests()
    {
        folder.Write("image.sh", "#!/bin/bash\n{% include 'base.sh' %}\necho {{ name }} {{ version }}\n");
        folder.Write("lib/base.sh", "apt-get install -y docker.io\n");
    }

    public void Dispose() => folder.Dispose();

    private string Fingerprint(string aws = "", string extra = "", string ami = Ami, bool noTemplate = false)
    {
        var file = folder.Write("cloud-compose.yml",
            $"image:\n  name: web\n  version: '1.0'\n  search_path: [lib]\n  aws:\n    ami: {ami}\n    subnet: subnet-9f0074c6\n{aws}{extra}");
        var config = ConfigReader.Read(file, _ => null);
        var script = ScriptRenderer.Render(config, new Hashtable(), renderTemplate: !noTemplate);
        return BuildFingerprint.Compute(config, script, ami, noTemplate).Value;
    }

    [Fact]
    public void The_same_inputs_give_the_same_fingerprint_of_64_hex_digits()
    {
        var a = Fingerprint();
        Assert.Matches("^[0-9a-f]{64}$", a);
        Assert.Equal(a, Fingerprint());
    }

    [Theory]
    [InlineData("    instance_type: t3.small\n", "")]
    [InlineData("    instance_type: [t2.micro, t3.micro]\n", "")]
    [InlineData("    volume_size: 30\n", "")]
    [InlineData("    volume_type: gp2\n", "")]
    [InlineData("    encrypted: true\n", "")]
    [InlineData("    kms_key_id: alias/images\n", "")]
    [InlineData("    tags:\n      Team: platform\n", "")]
    [InlineData("    tags:\n      Name: web-image\n", "")]
    [InlineData("", "  hygiene: false\n")]
    [InlineData("", "  hygiene: [machine-id]\n")]
    [InlineData("", "  greeting: a template variable that image.sh does not use\n")]
    public void Each_input_that_decides_the_image_changes_it(string aws, string extra)
    {
        var before = Fingerprint();
        if (extra.Contains("greeting"))
        {
            // A variable only changes the image when the script uses it.
            Assert.Equal(before, Fingerprint(aws, extra));
            folder.Write("image.sh", "#!/bin/bash\n{% include 'base.sh' %}\necho {{ name }} {{ version }} {{ greeting }}\n");
            before = Fingerprint(aws, "  greeting: hello\n");
        }

        Assert.NotEqual(before, Fingerprint(aws, extra));
    }

    [Fact]
    public void An_edited_include_a_new_source_image_and_another_version_change_it()
    {
        var before = Fingerprint();
        folder.Write("lib/base.sh", "apt-get install -y docker.io containerd\n");
        var edited = Fingerprint();
        Assert.NotEqual(before, edited);
        Assert.NotEqual(edited, Fingerprint(ami: "ami-0123456789abcdef0"));
        Assert.NotEqual(Fingerprint(noTemplate: true), edited);
    }

    [Theory]
    [InlineData("    keypair: drydock\n")]
    [InlineData("    security_groups: [sg-11111111]\n")]
    [InlineData("    iam_instance_profile: builder\n")]
    [InlineData("    detailed_monitoring: true\n")]
    [InlineData("    ebs_optimized: true\n")]
    [InlineData("    associate_public_ip: true\n")]
    [InlineData("    copy_to_regions: [us-west-2]\n")]
    [InlineData("    share_with_accounts: ['111122223333']\n")]
    [InlineData("    region: us-east-1\n")]
    public void Settings_that_only_decide_how_or_where_the_build_runs_do_not(string aws) =>
        Assert.Equal(Fingerprint(), Fingerprint(aws));

    [Fact]
    public void Testing_and_publishing_do_not_change_the_image()
    {
        folder.Write("test.sh", "echo ok\n");
        Assert.Equal(Fingerprint(), Fingerprint(extra: "  test: test.sh\n  publish:\n    ssm_parameter: /images/web/latest\n"));
    }

    [Fact]
    public void The_inputs_list_what_was_hashed_with_the_module_major_version()
    {
        var file = folder.Write("cloud-compose.yml", $"image:\n  name: web\n  version: '1.0'\n  search_path: [lib]\n  aws:\n    ami: {Ami}\n    subnet: subnet-9f0074c6\n    tags:\n      Team: platform\n");
        var config = ConfigReader.Read(file, _ => null);
        var print = BuildFingerprint.Compute(config, ScriptRenderer.Render(config, new Hashtable()), Ami, noTemplate: false);
        Assert.Contains($"module-major: {typeof(BuildFingerprint).Assembly.GetName().Version!.Major}\n", print.Inputs);
        Assert.Contains($"source-image: {Ami}\n", print.Inputs);
        Assert.Contains("instance-types: t2.micro\n", print.Inputs);
        Assert.Contains("tag: ImageName=web\ntag: ImageVersion=1.0\ntag: Name=web:1.0\ntag: Team=platform\n", print.Inputs);
        Assert.DoesNotContain(BuildTags.BuildId, print.Inputs);
        Assert.Equal(print.Value.Substring(0, 12), print.Short);
    }
}
