using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using CloudCompose.Image.Cleanup;
using CloudCompose.Image.Emulator.Admin;

namespace CloudCompose.Image.Tests.Cleanup;

/// <summary>Undoing retirements through the SDK: enable and re-share, cancel deprecation, back from the Recycle Bin.</summary>
public class ImageRestorationTests : IAsyncLifetime
{
    private static readonly ImageQuery Web = new() { Names = ["web"] };
    private CleanupEmulator emulator = null!;

    public async Task InitializeAsync() => emulator = await CleanupEmulator.StartAsync();

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    private AmazonEC2Client Ec2() => emulator.Ec2();

    private async Task<List<RemovalResult>> Retire(Action<RetirementOptions> tweak)
    {
        using var retirement = emulator.Retirement(tweak);
        var plan = await retirement.PlanAsync(Web, CancellationToken.None);
        var results = new List<RemovalResult>();
        foreach (var candidate in plan.Candidates)
        {
            results.Add((await retirement.RetireAsync(candidate, CancellationToken.None)).Result);
        }

        return results;
    }

    private async Task<(RestorePlan Plan, List<RestoreOutcome> Outcomes)> Restore(params string[] ids)
    {
        using var restoration = new ImageRestoration(emulator.Connection, mutatingCallsPerSecond: 100_000, mutatingBurst: 100_000);
        var plan = await restoration.PlanAsync(ids, CancellationToken.None);
        var outcomes = new List<RestoreOutcome>();
        foreach (var candidate in plan.Candidates)
        {
            outcomes.Add(await restoration.RestoreAsync(candidate, CancellationToken.None));
        }

        return (plan, outcomes);
    }

    private async Task<Amazon.EC2.Model.Image> Describe(string id)
    {
        using var ec2 = Ec2();
        return (await ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [id], IncludeDisabled = true })).Images.Single();
    }

    private async Task<List<string>> SharedWith(string id)
    {
        using var ec2 = Ec2();
        var attribute = await ec2.DescribeImageAttributeAsync(new DescribeImageAttributeRequest { ImageId = id, Attribute = ImageAttributeName.LaunchPermission });
        return (attribute.ImageAttribute.LaunchPermissions ?? []).Select(p => p.UserId ?? p.Group?.Value ?? p.OrganizationArn ?? p.OrganizationalUnitArn).Order().ToList()!;
    }

    [Fact]
    public async Task Undoing_Disable_enables_the_image_and_shares_it_again_as_it_was_shared()
    {
        const string org = "arn:aws:organizations::123456789012:organization/o-abc123";
        emulator.Image("web", "1.0", 1);
        var shared = emulator.Image("web", "1.0", 30, i => { i.SharedWith = ["210987654321"]; i.Public = true; });
        using (var ec2 = Ec2())
        {
            await ec2.ModifyImageAttributeAsync(new ModifyImageAttributeRequest { ImageId = shared, LaunchPermission = new LaunchPermissionModifications { Add = [new LaunchPermission { OrganizationArn = org }] } });
        }

        var before = await SharedWith(shared);
        Assert.Equal("Disabled", Assert.Single(await Retire(o => { o.Action = RetireAction.Disable; o.IncludeShared = true; })).Action);
        Assert.Empty(await SharedWith(shared)); // DisableImage took every permission away

        var (plan, outcomes) = await Restore(shared);

        Assert.Equal(["enable", $"share again with all, 210987654321, {org}"], plan.Candidates.Single().Steps);
        var result = Assert.Single(outcomes).Result;
        Assert.Equal(["Enabled", "SharingRestored"], result.Actions);
        Assert.Equal(("web", "1.0", "available"), (result.Name, result.Version, result.State));
        Assert.Equal(before, await SharedWith(shared));
        var image = await Describe(shared);
        Assert.Equal(ImageState.Available, image.State);
        Assert.True(image.Public);
        Assert.DoesNotContain(image.Tags, t => t.Key.StartsWith("CloudComposeLaunchPermissions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Undoing_Deprecate_cancels_the_deprecation()
    {
        emulator.Image("web", "1.0", 1);
        var old = emulator.Image("web", "1.0", 30);
        await Retire(o => o.Action = RetireAction.Deprecate);
        Assert.NotNull((await Describe(old)).DeprecationTime);

        var result = Assert.Single((await Restore(old)).Outcomes).Result;

        Assert.Equal(["DeprecationCancelled"], result.Actions);
        Assert.Null((await Describe(old)).DeprecationTime);
    }

    [Fact]
    public async Task A_deregistered_image_comes_back_from_the_Recycle_Bin_with_its_snapshots_and_its_sharing()
    {
        emulator.Image("web", "1.0", 1);
        var old = emulator.Image("web", "1.0", 30, i => { i.SnapshotCount = 2; i.SharedWith = ["210987654321"]; });
        var snapshots = emulator.State.ListImages().Single(i => i.Id == old).SnapshotIds;
        emulator.State.Seed(new SeedSpec
        {
            RetentionRules = [new SeedRetentionRule { ResourceType = "EC2_IMAGE", RetentionDays = 7 }, new SeedRetentionRule { ResourceType = "EBS_SNAPSHOT", RetentionDays = 7 }],
        });
        var removed = Assert.Single(await Retire(o => o.IncludeShared = true));
        Assert.NotNull(removed.RecycleBinExitTime);
        Assert.Equal(snapshots.Order(), removed.SnapshotsInRecycleBin.Order());

        var (plan, outcomes) = await Restore(old);

        Assert.Contains(plan.Candidates.Single().Steps, s => s.StartsWith("restore snapshots", StringComparison.Ordinal));
        var result = Assert.Single(outcomes).Result;
        Assert.Equal(["RestoredFromRecycleBin", "SharingRestored"], result.Actions);
        Assert.Equal(snapshots.Order(), result.SnapshotsRestored.Order());
        Assert.Empty(result.SnapshotsMissing);
        Assert.Empty(outcomes[0].Failures);
        Assert.Contains(old, emulator.ImageIds());
        Assert.True(snapshots.All(emulator.SnapshotIds().Contains));
        Assert.Equal(["210987654321"], await SharedWith(old));
        var log = emulator.State.RequestLog.Select(e => e.Action).ToList();
        Assert.True(log.LastIndexOf("RestoreSnapshotFromRecycleBin") < log.IndexOf("RestoreImageFromRecycleBin"), "snapshots come back before the image");
    }

    [Fact]
    public async Task Without_a_snapshot_rule_the_image_comes_back_but_its_lost_snapshots_are_named()
    {
        emulator.Image("web", "1.0", 1);
        var old = emulator.Image("web", "1.0", 30);
        emulator.State.Seed(new SeedSpec { RetentionRules = [new SeedRetentionRule { ResourceType = "EC2_IMAGE", RetentionDays = 7 }] });
        var removed = Assert.Single(await Retire(_ => { }));

        var result = Assert.Single((await Restore(old)).Outcomes).Result;

        Assert.Equal(["RestoredFromRecycleBin"], result.Actions);
        Assert.Equal(removed.SnapshotsDeleted, result.SnapshotsMissing);
    }

    [Fact]
    public async Task Ids_that_are_not_ours_not_retired_or_gone_for_good_are_sorted_out_before_anything_changes()
    {
        var current = emulator.Image("web", "1.0", 1);
        var untagged = emulator.State.Seed(new SeedSpec { Images = [new SeedImage { Name = "plain", State = "disabled" }] }).ImageIds[0];
        var gone = emulator.Image("web", "1.0", 30);
        await Retire(_ => { });
        emulator.State.ResetCounters();

        var (plan, outcomes) = await Restore(current, untagged, gone, "ami-0123456789abcdef0");

        Assert.Empty(outcomes);
        Assert.Equal([untagged], plan.UnmanagedImageIds);
        Assert.Equal([gone, "ami-0123456789abcdef0"], plan.MissingImageIds);
        Assert.Equal(current, Assert.Single(plan.Unchanged).ImageId);
        Assert.Equal(0, emulator.MutatingCalls() - emulator.State.Count("ListImagesInRecycleBin"));
    }
}
