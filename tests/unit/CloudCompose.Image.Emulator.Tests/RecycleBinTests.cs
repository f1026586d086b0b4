using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Xunit;

namespace CloudCompose.Image.Emulator.Tests;

public sealed class RecycleBinTests : EmulatorTest
{
    private static Admin.SeedRetentionRule Rule(string type, double days, Dictionary<string, string?>? tags = null, Dictionary<string, string?>? exclude = null) =>
        new() { ResourceType = type, RetentionDays = days, ResourceTags = tags, ExcludeResourceTags = exclude };

    [Fact]
    public async Task A_deregistered_image_a_rule_matches_waits_in_the_bin_until_its_retention_ends_and_can_be_restored()
    {
        var seed = State.Seed(new Admin.SeedSpec
        {
            Images = [new Admin.SeedImage { Name = "kept", Tags = new() { ["ImageName"] = "web" } }, new Admin.SeedImage { Name = "gone" }],
            RetentionRules = [Rule("EC2_IMAGE", 7, new() { ["ImageName"] = null }), Rule("EC2_IMAGE", 14, new() { ["ImageName"] = "web" })],
        });
        var (kept, gone) = (seed.ImageIds[0], seed.ImageIds[1]);

        await Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = kept });
        await Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = gone });

        var bin = await Ec2.ListImagesInRecycleBinAsync(new ListImagesInRecycleBinRequest());
        var entry = Assert.Single(bin.Images);
        Assert.Equal((kept, "kept"), (entry.ImageId, entry.Name));
        Assert.Equal(State.Clock.UtcNow, entry.RecycleBinEnterTime!.Value.ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.Equal(State.Clock.UtcNow.AddDays(14), entry.RecycleBinExitTime!.Value.ToUniversalTime(), TimeSpan.FromSeconds(1)); // the longest matching rule
        await Fails(() => Ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [kept] }), "InvalidAMIID.NotFound");
        await Fails(() => Ec2.RestoreImageFromRecycleBinAsync(new RestoreImageFromRecycleBinRequest { ImageId = gone }), "InvalidAMIID.NotFound");

        Assert.True((await Ec2.RestoreImageFromRecycleBinAsync(new RestoreImageFromRecycleBinRequest { ImageId = kept })).Return);
        var restored = await DescribeImage(kept);
        Assert.Equal(ImageState.Available, restored.State);
        Assert.DoesNotContain(restored.Tags, t => t.Key == "aws:recycle-bin:resource-in-bin");
        Assert.Empty((await Ec2.ListImagesInRecycleBinAsync(new ListImagesInRecycleBinRequest())).Images ?? []);

        await Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = kept });
        Assert.Contains(State.ListRecycleBin().Images, b => b.Id == kept);
        Advance(TimeSpan.FromDays(14).TotalSeconds);
        Assert.Empty((await Ec2.ListImagesInRecycleBinAsync(new ListImagesInRecycleBinRequest { ImageIds = [kept] })).Images ?? []);
    }

    [Fact]
    public async Task Snapshots_follow_their_own_rules_whether_deleted_alone_or_with_the_image()
    {
        var seed = State.Seed(new Admin.SeedSpec
        {
            Images = [new Admin.SeedImage { Name = "a", SnapshotCount = 2 }, new Admin.SeedImage { Name = "b", SnapshotTags = new() { ["keep"] = "no" } }],
            RetentionRules = [Rule("EBS_SNAPSHOT", 30, exclude: new() { ["keep"] = "no" })],
        });

        await Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = seed.ImageIds[0], DeleteAssociatedSnapshots = true });
        await Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = seed.ImageIds[1] });
        await Ec2.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = seed.SnapshotIds[2] });

        var bin = await Ec2.ListSnapshotsInRecycleBinAsync(new ListSnapshotsInRecycleBinRequest { MaxResults = 5 });
        Assert.Equal(new[] { seed.SnapshotIds[0], seed.SnapshotIds[1] }.Order(), bin.Snapshots.Select(s => s.SnapshotId).Order());
        Assert.All(bin.Snapshots, s => Assert.Contains(seed.ImageIds[0], s.Description));
        Assert.Empty(State.ListSnapshots());
        Assert.Empty(State.ListRecycleBin().Images); // no image rule: the AMIs are gone for good

        var restored = await Ec2.RestoreSnapshotFromRecycleBinAsync(new RestoreSnapshotFromRecycleBinRequest { SnapshotId = seed.SnapshotIds[0] });
        Assert.Equal(seed.SnapshotIds[0], restored.SnapshotId);
        Assert.Equal([seed.SnapshotIds[0]], State.ListSnapshots().Select(s => s.Id));
        await Fails(() => Ec2.RestoreSnapshotFromRecycleBinAsync(new RestoreSnapshotFromRecycleBinRequest { SnapshotId = seed.SnapshotIds[2] }), "InvalidSnapshot.NotFound");
        await Fails(() => Ec2.ListSnapshotsInRecycleBinAsync(new ListSnapshotsInRecycleBinRequest { MaxResults = 4 }), "InvalidParameterValue");
        await Fails(() => Ec2.ListImagesInRecycleBinAsync(new ListImagesInRecycleBinRequest { ImageIds = Enumerable.Range(0, 21).Select(i => $"ami-{i:x17}").ToList() }), "InvalidParameterValue");
    }

    [Fact]
    public async Task The_simulated_policy_refuses_to_delete_snapshots_without_the_tag_it_requires()
    {
        var seed = State.Seed(new Admin.SeedSpec
        {
            Images = [new Admin.SeedImage { Name = "legacy" }, new Admin.SeedImage { Name = "baked", SnapshotTags = new() { ["ImageName"] = "web" } }, new Admin.SeedImage { Name = "loose" }],
        });
        State.Permissions.DeleteSnapshotRequiresTag = "ImageName";

        var legacy = await Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = seed.ImageIds[0], DeleteAssociatedSnapshots = true });
        var baked = await Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = seed.ImageIds[1], DeleteAssociatedSnapshots = true });
        await Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = seed.ImageIds[2] });

        Assert.Equal("missing-permissions", Assert.Single(legacy.DeleteSnapshotResults).ReturnCode.Value);
        Assert.Equal("success", Assert.Single(baked.DeleteSnapshotResults).ReturnCode.Value);
        await Fails(() => Ec2.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = seed.SnapshotIds[2] }), "UnauthorizedOperation", 403);
        Assert.Equal(new[] { seed.SnapshotIds[0], seed.SnapshotIds[2] }.Order(), State.ListSnapshots().Select(s => s.Id).Order());
    }
}
