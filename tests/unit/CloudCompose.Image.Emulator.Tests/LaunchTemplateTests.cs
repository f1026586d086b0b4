using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Xunit;

namespace CloudCompose.Image.Emulator.Tests;

public sealed class LaunchTemplateTests : EmulatorTest
{
    private async Task<LaunchTemplate> Create(string name, string imageId) =>
        (await Ec2.CreateLaunchTemplateAsync(new CreateLaunchTemplateRequest
        {
            LaunchTemplateName = name,
            VersionDescription = "v1",
            LaunchTemplateData = new RequestLaunchTemplateData
            {
                ImageId = imageId, InstanceType = InstanceType.T3Small, KeyName = "k", UserData = B64("TOKEN=abc"),
                SecurityGroupIds = ["sg-0aaaaaaaaaaaaaaaa"],
                IamInstanceProfile = new LaunchTemplateIamInstanceProfileSpecificationRequest { Name = "role" },
                MetadataOptions = new LaunchTemplateInstanceMetadataOptionsRequest { HttpTokens = LaunchTemplateHttpTokensState.Required },
                TagSpecifications = [new LaunchTemplateTagSpecificationRequest { ResourceType = ResourceType.Instance, Tags = [new Tag("from", "lt")] }],
            },
            TagSpecifications = [new TagSpecification { ResourceType = ResourceType.LaunchTemplate, Tags = [new Tag("team", "x")] }],
        })).LaunchTemplate;

    [Fact]
    public async Task Templates_and_versions_round_trip_through_the_SDK()
    {
        var ami1 = SeedImage("one");
        var ami2 = SeedImage("two");
        var lt = await Create("web-template", ami1);
        Assert.StartsWith("lt-", lt.LaunchTemplateId);
        Assert.Equal(1, lt.DefaultVersionNumber);
        Assert.Equal(1, lt.LatestVersionNumber);
        Assert.Equal("x", lt.Tags.Single().Value);
        var v2 = (await Ec2.CreateLaunchTemplateVersionAsync(new CreateLaunchTemplateVersionRequest
        {
            LaunchTemplateName = "web-template", SourceVersion = "1", VersionDescription = "v2",
            LaunchTemplateData = new RequestLaunchTemplateData { ImageId = ami2 },
        })).LaunchTemplateVersion;
        Assert.Equal(2, v2.VersionNumber);
        Assert.False(v2.DefaultVersion);
        Assert.Equal(ami2, v2.LaunchTemplateData.ImageId);
        Assert.Equal("k", v2.LaunchTemplateData.KeyName);
        Assert.Equal(InstanceType.T3Small, v2.LaunchTemplateData.InstanceType);
        Assert.Equal("sg-0aaaaaaaaaaaaaaaa", Assert.Single(v2.LaunchTemplateData.SecurityGroupIds));
        Assert.Equal("role", v2.LaunchTemplateData.IamInstanceProfile.Name);
        Assert.Equal("lt", v2.LaunchTemplateData.TagSpecifications[0].Tags[0].Value);
        Assert.Equal(LaunchTemplateHttpTokensState.Required, v2.LaunchTemplateData.MetadataOptions.HttpTokens);

        var latest = await Ec2.DescribeLaunchTemplateVersionsAsync(new DescribeLaunchTemplateVersionsRequest { LaunchTemplateId = lt.LaunchTemplateId, Versions = ["$Latest"] });
        Assert.Equal(2, Assert.Single(latest.LaunchTemplateVersions).VersionNumber);
        var dflt = await Ec2.DescribeLaunchTemplateVersionsAsync(new DescribeLaunchTemplateVersionsRequest { LaunchTemplateName = "web-template", Versions = ["$Default"] });
        Assert.Equal(ami1, Assert.Single(dflt.LaunchTemplateVersions).LaunchTemplateData.ImageId);
        var both = await Ec2.DescribeLaunchTemplateVersionsAsync(new DescribeLaunchTemplateVersionsRequest { LaunchTemplateId = lt.LaunchTemplateId });
        Assert.Equal([1, 2], both.LaunchTemplateVersions.Select(v => v.VersionNumber!.Value));
        var byImage = await Ec2.DescribeLaunchTemplateVersionsAsync(new DescribeLaunchTemplateVersionsRequest { LaunchTemplateId = lt.LaunchTemplateId, Filters = [new Filter("image-id", [ami2])] });
        Assert.Equal(2, Assert.Single(byImage.LaunchTemplateVersions).VersionNumber);

        var lts = await Ec2.DescribeLaunchTemplatesAsync(new DescribeLaunchTemplatesRequest { Filters = [new Filter("launch-template-name", ["web-*"])] });
        Assert.Equal(2, Assert.Single(lts.LaunchTemplates).LatestVersionNumber);
        var byTag = await Ec2.DescribeLaunchTemplatesAsync(new DescribeLaunchTemplatesRequest { Filters = [new Filter("tag:team", ["x"])] });
        Assert.Single(byTag.LaunchTemplates);
    }

    [Fact]
    public async Task Versions_without_a_template_allow_only_the_aliases()
    {
        await Create("a-template", SeedImage("one"));
        await Create("b-template", SeedImage("two"));
        var latest = await Ec2.DescribeLaunchTemplateVersionsAsync(new DescribeLaunchTemplateVersionsRequest { Versions = ["$Latest"] });
        Assert.Equal(2, latest.LaunchTemplateVersions.Count);
        await Fails(() => Ec2.DescribeLaunchTemplateVersionsAsync(new DescribeLaunchTemplateVersionsRequest { Versions = ["1"] }), "InvalidParameterValue");
        await Fails(() => Ec2.DescribeLaunchTemplateVersionsAsync(new DescribeLaunchTemplateVersionsRequest()), "MissingParameter");
    }

    [Fact]
    public async Task Template_errors()
    {
        var ami = SeedImage();
        await Create("dup-name", ami);
        await Fails(() => Create("dup-name", ami), "InvalidLaunchTemplateName.AlreadyExistsException");
        await Fails(() => Create("no", ami), "InvalidLaunchTemplateName.MalformedException");
        await Fails(() => Ec2.DescribeLaunchTemplatesAsync(new DescribeLaunchTemplatesRequest { LaunchTemplateNames = ["nope"] }), "InvalidLaunchTemplateName.NotFoundException");
        await Fails(() => Ec2.DescribeLaunchTemplatesAsync(new DescribeLaunchTemplatesRequest { LaunchTemplateIds = ["lt-0123456789abcdef0"] }), "InvalidLaunchTemplateId.NotFound");
        await Fails(() => Ec2.DescribeLaunchTemplateVersionsAsync(new DescribeLaunchTemplateVersionsRequest { LaunchTemplateName = "dup-name", Versions = ["7"] }), "InvalidLaunchTemplateId.VersionNotFound");
        await Fails(() => Ec2.DescribeLaunchTemplatesAsync(new DescribeLaunchTemplatesRequest { MaxResults = 201 }), "InvalidParameterValue");
    }

    [Fact]
    public async Task RunInstances_from_a_template_uses_its_data_under_the_request()
    {
        var ami = SeedImage();
        var lt = await Create("runner", ami);
        var resp = await Ec2.RunInstancesAsync(new RunInstancesRequest
        {
            MinCount = 1, MaxCount = 1, InstanceType = InstanceType.T3Large,
            LaunchTemplate = new LaunchTemplateSpecification { LaunchTemplateId = lt.LaunchTemplateId, Version = "$Latest" },
        });
        var inst = resp.Reservation.Instances[0];
        Assert.Equal(ami, inst.ImageId);
        Assert.Equal(InstanceType.T3Large, inst.InstanceType);
        Assert.Equal("k", inst.KeyName);
        Assert.Equal("lt", inst.Tags.Single(t => t.Key == "from").Value);
        Assert.Equal(lt.LaunchTemplateId, inst.Tags.Single(t => t.Key == "aws:ec2launchtemplate:id").Value);
        Assert.Equal("TOKEN=abc", State.GetInstance(inst.InstanceId)!.UserData);
    }

    [Fact]
    public async Task ResolveAlias_shows_the_AMI_an_SSM_alias_points_to()
    {
        var image = SeedImage("golden");
        State.Seed(new Admin.SeedSpec
        {
            SsmParameters = [new Admin.SeedSsmParameter { Name = "/golden/latest", ImageId = image }],
            LaunchTemplates = [new Admin.SeedLaunchTemplate { Name = "aliased", Versions = [new() { ImageId = "resolve:ssm:/golden/latest" }] }],
        });

        var plain = await Ec2.DescribeLaunchTemplateVersionsAsync(new DescribeLaunchTemplateVersionsRequest { LaunchTemplateName = "aliased" });
        var resolved = await Ec2.DescribeLaunchTemplateVersionsAsync(new DescribeLaunchTemplateVersionsRequest { LaunchTemplateName = "aliased", ResolveAlias = true });

        Assert.Equal("resolve:ssm:/golden/latest", Assert.Single(plain.LaunchTemplateVersions).LaunchTemplateData.ImageId);
        Assert.Equal(image, Assert.Single(resolved.LaunchTemplateVersions).LaunchTemplateData.ImageId);
    }
}
