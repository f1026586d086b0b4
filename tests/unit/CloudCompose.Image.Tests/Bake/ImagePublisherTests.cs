using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Emulator.Admin;

namespace CloudCompose.Image.Tests.Bake;

/// <summary>image.publish against the emulator through the real SDK clients; the emulator's inspection is the witness.</summary>
public sealed class ImagePublisherTests : IAsyncLifetime
{
    private ReleaseEmulator emulator = null!;

    public async Task InitializeAsync() => emulator = await ReleaseEmulator.StartAsync();

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    private Task<IReadOnlyList<PublishedTarget>> Publish(string publish, params (string Region, string ImageId)[] images) => Publish(TimeSpan.FromSeconds(5), publish, images);

    private Task<IReadOnlyList<PublishedTarget>> Publish(TimeSpan timeout, string publish, params (string Region, string ImageId)[] images) =>
        new ImagePublisher(emulator.Connection, NullBuildObserver.Instance).PublishAsync(
            emulator.Config("  publish:\n" + publish), "web_1.0_2026-11-26-10-00-00",
            images.Select(i => new KeyValuePair<string, string>(i.Region, i.ImageId)).ToList(),
            new BakeOptions { PublishTimeout = timeout }, CancellationToken.None);

    private AmazonSimpleSystemsManagementClient Ssm(string region = "us-east-1") =>
        new(new BasicAWSCredentials("AKIDTEST", "secret"), new AmazonSimpleSystemsManagementConfig { ServiceURL = emulator.Emulator.ServiceUrl.ToString(), AuthenticationRegion = region });

    [Fact]
    public async Task A_new_parameter_is_created_tagged_and_reported_only_once_Parameter_Store_has_validated_it()
    {
        var image = emulator.Image();
        var target = Assert.Single(await Publish("    ssm_parameter: /images/web/latest\n", ("us-east-1", image)));

        Assert.True(target.Succeeded, target.Error);
        Assert.Equal((ImagePublisher.SsmParameterKind, "us-east-1", "/images/web/latest", image, 1L, (string?)null), (target.Kind, target.Region, target.Name, target.ImageId, target.Version, target.Previous));
        var parameter = Assert.Single(emulator.State.ListSsmParameters());
        Assert.Equal((image, 1L), (parameter.Value, parameter.Version));
        Assert.Equal(new Dictionary<string, string> { ["ImageName"] = "web", ["ImageVersion"] = "1.0" }, parameter.Tags);
        using var ssm = Ssm();
        Assert.Equal(image, (await ssm.GetParameterAsync(new GetParameterRequest { Name = "/images/web/latest" })).Parameter.Value);

        // The publisher went on looking until the version had validated, not merely until PutParameter answered.
        var log = emulator.State.RequestLog;
        var put = log.Single(e => e.Action == "ssm:PutParameter" && e.Status == 200);
        var lastLook = log.Last(e => e.Action == "ssm:GetParameterHistory");
        Assert.Equal(200, lastLook.Status);
        Assert.True(lastLook.Time >= put.Time + emulator.State.Delays.SsmValidationDelay, $"looked last at {lastLook.Time:O}, put at {put.Time:O}");
    }

    [Fact]
    public async Task An_existing_parameter_is_overwritten_then_retagged_and_keeps_its_history_for_rollback()
    {
        var old = emulator.Image(name: "web_1.0_old");
        var image = emulator.Image();
        emulator.State.Seed(new SeedSpec { SsmParameters = [new SeedSsmParameter { Name = "/images/web/latest", ImageId = old }] });

        var target = Assert.Single(await Publish("    ssm_parameter: /images/web/latest\n", ("us-east-1", image)));

        Assert.True(target.Succeeded, target.Error);
        Assert.Equal((2L, old), (target.Version, target.Previous));
        var parameter = Assert.Single(emulator.State.ListSsmParameters());
        Assert.Equal([old, image], parameter.History.Select(h => h.Value));
        Assert.Equal("1.0", parameter.Tags["ImageVersion"]);
        var puts = emulator.State.RequestLog.Where(e => e.Action == "ssm:PutParameter").ToList();
        Assert.Equal(["ParameterAlreadyExists", null], puts.Select(p => p.ErrorCode));
        Assert.Equal("true", puts[1].Parameters["Overwrite"]);
        Assert.False(puts[1].Parameters.ContainsKey("Tags"));
        Assert.Equal(1, emulator.State.Count("ssm:AddTagsToResource"));
    }

    [Fact]
    public async Task Launch_templates_get_a_new_default_version_from_the_old_default_with_only_the_image_changed()
    {
        var old = emulator.Image(name: "web_1.0_old");
        var image = emulator.Image();
        emulator.State.Seed(new SeedSpec { LaunchTemplates = [new SeedLaunchTemplate { Name = "web", Versions = [new() { ImageId = old, InstanceType = "m5.large" }] }] });

        var target = Assert.Single(await Publish("    launch_templates: [web]\n", ("us-east-1", image)));

        Assert.True(target.Succeeded, target.Error);
        Assert.Equal((ImagePublisher.LaunchTemplateKind, 2L, "1"), (target.Kind, target.Version, target.Previous));
        using var ec2 = new Amazon.EC2.AmazonEC2Client(new BasicAWSCredentials("AKIDTEST", "secret"), new Amazon.EC2.AmazonEC2Config { ServiceURL = emulator.Emulator.ServiceUrl.ToString(), AuthenticationRegion = "us-east-1" });
        var current = Assert.Single((await ec2.DescribeLaunchTemplateVersionsAsync(new DescribeLaunchTemplateVersionsRequest { LaunchTemplateName = "web", Versions = ["$Default"] })).LaunchTemplateVersions);
        Assert.Equal((2L, image, "m5.large"), ((long)current.VersionNumber!, current.LaunchTemplateData.ImageId, current.LaunchTemplateData.InstanceType.Value));
    }

    [Fact]
    public async Task Every_region_the_image_was_copied_to_gets_its_own_copy_id()
    {
        var east = emulator.Image();
        var west = emulator.Image("us-west-2");
        emulator.State.Seed(new SeedSpec { Region = "us-west-2", LaunchTemplates = [new SeedLaunchTemplate { Name = "web", Versions = [new() { ImageId = west }] }] });
        emulator.State.Seed(new SeedSpec { LaunchTemplates = [new SeedLaunchTemplate { Name = "web", Versions = [new() { ImageId = east }] }] });

        var targets = await Publish("    ssm_parameter: /images/web/latest\n    launch_templates: [web]\n", ("us-east-1", east), ("us-west-2", west));

        Assert.All(targets, t => Assert.True(t.Succeeded, t.Error));
        Assert.Equal([("us-east-1", "SsmParameter", east), ("us-east-1", "LaunchTemplate", east), ("us-west-2", "SsmParameter", west), ("us-west-2", "LaunchTemplate", west)],
            targets.Select(t => (t.Region, t.Kind, t.ImageId)));
        Assert.Equal(west, Assert.Single(emulator.State.ListSsmParameters("us-west-2")).Value);
        Assert.Equal(east, Assert.Single(emulator.State.ListSsmParameters("us-east-1")).Value);
    }

    [Fact]
    public async Task A_failed_target_is_reported_and_the_others_before_and_after_it_stand()
    {
        var image = emulator.Image();
        var old = emulator.Image(name: "web_1.0_old");
        emulator.State.Seed(new SeedSpec
        {
            LaunchTemplates = [new SeedLaunchTemplate { Name = "worker", Versions = [new() { ImageId = old }] }],
            SsmParameters = [new SeedSsmParameter { Name = "/fleet/b", ImageId = old }],
        });
        // /fleet/b exists, so it is overwritten and then re-tagged; the re-tagging is refused (no ssm:AddTagsToResource).
        emulator.State.Faults.FailNext("ssm:AddTagsToResource", 1, "UnauthorizedOperation");

        var targets = await Publish("    ssm_parameter: [/fleet/a, /fleet/b]\n    launch_templates: [missing, worker]\n", ("us-east-1", image));

        Assert.Equal([true, false, false, true], targets.Select(t => t.Succeeded));
        Assert.Contains("AccessDeniedException", targets[1].Error);
        Assert.Contains("InvalidLaunchTemplateName.NotFoundException", targets[2].Error);
        Assert.Equal(image, emulator.State.ListSsmParameters().Single(p => p.Name == "/fleet/a").Value);
        var e = ImagePublisher.Failure(targets[2]);
        Assert.Equal("ImagePublishFailed", e.ErrorId);
        Assert.Contains("launch template missing in us-east-1", e.Message);
    }

    [Fact]
    public async Task A_version_that_never_validates_fails_its_target_and_the_parameter_keeps_resolving_to_the_old_image()
    {
        var old = emulator.Image(name: "web_1.0_old");
        emulator.State.Seed(new SeedSpec { SsmParameters = [new SeedSsmParameter { Name = "/images/web/latest", ImageId = old }] });

        // An id Parameter Store cannot see in this region: its validation fails and the parameter is not updated.
        var target = Assert.Single(await Publish("    ssm_parameter: /images/web/latest\n", ("us-east-1", "ami-0123456789abcdef0")));

        Assert.False(target.Succeeded);
        Assert.Contains($"still resolves to {old}", target.Error);
        var parameter = Assert.Single(emulator.State.ListSsmParameters());
        Assert.Equal(old, parameter.Value);
        Assert.Equal(2L, Assert.Single(parameter.FailedValidations).Version);
    }

    [Fact]
    public async Task A_put_while_another_version_is_validating_waits_for_it_and_then_goes_through()
    {
        // Two emulated minutes (two real seconds): still validating when the publisher's first put arrives.
        emulator.State.Delays.SsmValidationDelay = TimeSpan.FromMinutes(2);
        var other = emulator.Image(name: "web_1.0_other");
        var image = emulator.Image();
        using (var ssm = Ssm())
        {
            await ssm.PutParameterAsync(new PutParameterRequest { Name = "/images/web/latest", Value = other, Type = ParameterType.String, DataType = "aws:ec2:image" });
        }

        var target = Assert.Single(await Publish(TimeSpan.FromMinutes(1), "    ssm_parameter: /images/web/latest\n", ("us-east-1", image)));

        Assert.True(target.Succeeded, target.Error);
        Assert.Equal((2L, other), (target.Version, target.Previous));
        Assert.Contains(emulator.State.RequestLog, e => e.Action == "ssm:PutParameter" && e.ErrorCode == "TooManyUpdates");
    }
}
