using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Cleanup;
using CloudCompose.Image.Emulator.Admin;

namespace CloudCompose.Image.Tests.Cleanup;

/// <summary>How a retired image goes: snapshots in the same call, fallbacks, refused deletes, sharing, the Recycle Bin.</summary>
public class DeregistrationTests : IAsyncLifetime
{
    private static readonly ImageQuery Web = new() { Names = ["web"] };
    private CleanupEmulator emulator = null!;

    public async Task InitializeAsync() => emulator = await CleanupEmulator.StartAsync();

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    private async Task<RetirementOutcome> RetireOne(Action<RetirementOptions>? tweak = null, IBuildObserver? observer = null)
    {
        using var retirement = new ImageRetirement(emulator.Connection, emulator.Options(tweak), observer);
        var plan = await retirement.PlanAsync(Web, CancellationToken.None);
        return await retirement.RetireAsync(Assert.Single(plan.Candidates), CancellationToken.None);
    }

    private AmazonEC2Client Ec2() => emulator.Ec2();

    [Fact]
    public async Task Snapshots_go_in_the_DeregisterImage_call_and_one_another_image_uses_is_reported_kept()
    {
        emulator.Image("web", "1.0", 1);
        var old = emulator.Image("web", "1.0", 30, i => i.SnapshotCount = 2);
        var copy = emulator.State.Seed(new SeedSpec { Images = [new SeedImage { Name = "untagged-copy" }] }).ImageIds[0];
        var shared = emulator.ShareSnapshot(old, copy);
        emulator.State.ResetCounters();

        var outcome = await RetireOne();

        var deregister = Assert.Single(emulator.State.RequestLog, e => e.Action == "DeregisterImage");
        Assert.Equal("true", deregister.Parameters["DeleteAssociatedSnapshots"]);
        Assert.Equal(0, emulator.State.Count("DeleteSnapshot"));
        Assert.Equal([shared], outcome.Result.SnapshotsKept);
        Assert.Single(outcome.Result.SnapshotsDeleted);
        Assert.Empty(outcome.Failures);
        Assert.Contains(shared, emulator.SnapshotIds());
        Assert.DoesNotContain(outcome.Result.SnapshotsDeleted[0], emulator.SnapshotIds());
    }

    [Fact]
    public async Task An_endpoint_that_does_not_know_DeleteAssociatedSnapshots_gets_a_plain_deregister_and_one_delete_per_snapshot()
    {
        emulator.Image("web", "1.0", 1);
        var old = emulator.Image("web", "1.0", 30, i => i.SnapshotCount = 2);
        var snapshots = emulator.State.ListImages().Single(i => i.Id == old).SnapshotIds;
        emulator.State.Faults.FailNext("DeregisterImage", 1, "UnknownParameter");

        var outcome = await RetireOne();

        var calls = emulator.State.RequestLog.Where(e => e.Action == "DeregisterImage").ToList();
        Assert.Equal(2, calls.Count);
        Assert.False(calls[1].Parameters.ContainsKey("DeleteAssociatedSnapshots"));
        Assert.Equal(2, emulator.State.Count("DeleteSnapshot"));
        Assert.Equal(snapshots.Order(), outcome.Result.SnapshotsDeleted.Order());
        Assert.DoesNotContain(old, emulator.ImageIds());
    }

    [Fact]
    public async Task Untagged_snapshots_the_tag_conditioned_policy_refuses_are_named_with_the_reason_and_the_way_out()
    {
        emulator.Image("web", "1.0", 1);
        var legacy = emulator.Image("web", "1.0", 30, i => i.SnapshotCount = 2);
        var snapshots = emulator.State.ListImages().Single(i => i.Id == legacy).SnapshotIds;
        emulator.State.Permissions.DeleteSnapshotRequiresTag = BuildTags.ImageName;

        var outcome = await RetireOne();

        Assert.Equal("Deregistered", outcome.Result.Action);
        Assert.Equal(snapshots.Order(), outcome.Result.SnapshotsLeft.Order());
        Assert.Empty(outcome.Result.SnapshotsDeleted);
        Assert.Equal(2, outcome.Failures.Count);
        var failure = outcome.Failures.Single(f => f.Target == snapshots[0]);
        Assert.Equal("SnapshotDeleteNotAuthorized", failure.ErrorId);
        Assert.Contains("has no ImageName tag", failure.Message);
        Assert.Contains("Python cloud-compose plugin", failure.Message);
        Assert.Contains("docs/iam-policy-migration.json", failure.Hint);
        Assert.True(snapshots.All(emulator.SnapshotIds().Contains));
    }

    [Fact]
    public async Task A_retention_rule_keeps_the_image_in_the_Recycle_Bin_and_the_result_says_until_when()
    {
        emulator.Image("web", "1.0", 1);
        var old = emulator.Image("web", "1.0", 30);
        emulator.State.Seed(new SeedSpec { RetentionRules = [new SeedRetentionRule { ResourceType = "EC2_IMAGE", RetentionDays = 10 }] });
        var observer = new RecordingObserver();

        var outcome = await RetireOne(observer: observer);

        Assert.Equal(emulator.State.Clock.UtcNow.AddDays(10), outcome.Result.RecycleBinExitTime!.Value, TimeSpan.FromSeconds(1));
        Assert.Empty(outcome.Result.SnapshotsInRecycleBin);
        Assert.Contains(observer.Messages, m => m.StartsWith($"{old} (", StringComparison.Ordinal) && m.Contains("is in the Recycle Bin until"));
        Assert.Contains(observer.Warnings, m => m.Contains("deleted for good") && m.Contains(outcome.Result.SnapshotsDeleted[0]));
        Assert.Contains(emulator.State.ListRecycleBin().Images, b => b.Id == old);
    }

    [Fact]
    public async Task With_a_snapshot_rule_too_the_snapshots_wait_in_the_Recycle_Bin_and_no_warning_is_given()
    {
        emulator.Image("web", "1.0", 1);
        emulator.Image("web", "1.0", 30);
        emulator.State.Seed(new SeedSpec { RetentionRules = [new SeedRetentionRule { ResourceType = "EC2_IMAGE", RetentionDays = 10 }, new SeedRetentionRule { ResourceType = "EBS_SNAPSHOT", RetentionDays = 10 }] });
        var observer = new RecordingObserver();

        var outcome = await RetireOne(observer: observer);

        Assert.Equal(outcome.Result.SnapshotsDeleted, outcome.Result.SnapshotsInRecycleBin);
        Assert.Empty(observer.Warnings);
    }

    [Fact]
    public async Task Without_a_rule_the_image_is_gone_at_once_and_RecycleBinExitTime_stays_empty()
    {
        emulator.Image("web", "1.0", 1);
        emulator.Image("web", "1.0", 30);

        var outcome = await RetireOne();

        Assert.Null(outcome.Result.RecycleBinExitTime);
        Assert.Equal(1, emulator.State.Count("ListImagesInRecycleBin"));
        Assert.Equal(0, emulator.State.Count("ListSnapshotsInRecycleBin"));
    }

    [Fact]
    public async Task A_shared_image_is_unshared_and_its_sharing_recorded_before_it_is_deregistered_or_disabled()
    {
        emulator.Image("web", "1.0", 1);
        var deregistered = emulator.Image("web", "1.0", 30, i => i.SharedWith = ["210987654321", "111122223333"]);
        emulator.State.Seed(new SeedSpec { RetentionRules = [new SeedRetentionRule { ResourceType = "EC2_IMAGE", RetentionDays = 10 }] });

        var gone = await RetireOne(o => o.IncludeShared = true);

        Assert.Equal(new[] { "111122223333", "210987654321" }, gone.Result.LaunchPermissionsRemoved.Order());
        var log = emulator.State.RequestLog.Select(e => e.Action).ToList();
        Assert.True(log.IndexOf("CreateTags") < log.IndexOf("ModifyImageAttribute") && log.IndexOf("ModifyImageAttribute") < log.IndexOf("DeregisterImage"), string.Join(", ", log));
        var modify = emulator.State.RequestLog.Single(e => e.Action == "ModifyImageAttribute").Parameters;
        Assert.Equal(new[] { "111122223333", "210987654321" }, modify.Where(p => p.Key.StartsWith("LaunchPermission.Remove.", StringComparison.Ordinal)).Select(p => p.Value).Order());
        lock (emulator.State.Sync)
        {
            var binned = emulator.State.Store("us-east-1").BinImages[deregistered].Resource;
            Assert.Empty(binned.SharedWith);
            Assert.Equal("111122223333 210987654321", string.Join(" ", binned.Tags["CloudComposeLaunchPermissions"].Split(' ').Order()));
        }
    }

    [Fact]
    public async Task Launch_permission_records_split_over_tags_at_256_characters_and_read_back_in_order()
    {
        var accounts = Enumerable.Range(0, 40).Select(i => (100000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var entries = accounts.Concat(["all", "arn:aws:organizations::123456789012:organization/o-abc123"]).ToList();

        var tags = LaunchPermissionRecord.ToTags(entries)!;

        Assert.Equal(["CloudComposeLaunchPermissions", "CloudComposeLaunchPermissions2", "CloudComposeLaunchPermissions3"], tags.Select(t => t.Key));
        Assert.All(tags, t => Assert.True(t.Value.Length <= 256));
        var reversed = tags.AsEnumerable().Reverse().ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(entries, LaunchPermissionRecord.Read(reversed));
        Assert.Null(LaunchPermissionRecord.ToTags(Enumerable.Range(0, 1000).Select(i => $"{200000000000L + i}").ToList()));
    }

    [Fact]
    public async Task Deprecation_is_timed_by_EC2s_clock_when_the_hosts_clock_lags_behind()
    {
        emulator.Image("web", "1.0", 1);
        var old = emulator.Image("web", "1.0", 30);
        emulator.State.Clock.Advance(TimeSpan.FromHours(3)); // EC2 is three hours ahead of this host

        var outcome = await RetireOne(o => { o.Action = RetireAction.Deprecate; o.UtcNow = () => DateTime.UtcNow; });

        Assert.Equal("Deprecated", outcome.Result.Action);
        using var ec2 = Ec2();
        var at = DateTime.Parse((await ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [old] })).Images[0].DeprecationTime, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.InRange(at - emulator.State.Clock.UtcNow, TimeSpan.Zero, TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task A_protected_image_says_when_it_becomes_deletable()
    {
        emulator.Image("web", "1.0", 1);
        var cooled = emulator.Image("web", "1.0", 30);
        var cooldown = emulator.Image("web", "1.0", 31);
        var plain = emulator.Image("web", "1.0", 32);
        using var ec2 = Ec2();
        await ec2.EnableImageDeregistrationProtectionAsync(new EnableImageDeregistrationProtectionRequest { ImageId = cooled, WithCooldown = true });
        await ec2.DisableImageDeregistrationProtectionAsync(new DisableImageDeregistrationProtectionRequest { ImageId = cooled });
        await ec2.EnableImageDeregistrationProtectionAsync(new EnableImageDeregistrationProtectionRequest { ImageId = cooldown, WithCooldown = true });
        await ec2.EnableImageDeregistrationProtectionAsync(new EnableImageDeregistrationProtectionRequest { ImageId = plain });
        using var retirement = emulator.Retirement();

        var plan = (await retirement.PlanAsync(Web, CancellationToken.None)).Decisions.ToDictionary(d => d.Image.ImageId);

        var until = emulator.State.Clock.UtcNow.AddHours(24);
        Assert.Equal(KeepReason.DeregistrationProtection, plan[cooled].Keep);
        Assert.Equal($"deregistration protection cooldown: deletable from {until:yyyy-MM-dd HH:mm}Z", plan[cooled].Reason);
        Assert.Equal(until, plan[cooled].Image.DeregistrationProtectedUntil!.Value, TimeSpan.FromSeconds(1));
        Assert.Contains("24-hour cooldown", plan[cooldown].Reason);
        Assert.Contains("deletable once it is disabled", plan[plain].Reason);

        emulator.State.Clock.Advance(TimeSpan.FromHours(25));
        using var later = emulator.Retirement();
        Assert.Contains((await later.PlanAsync(Web, CancellationToken.None)).Candidates, c => c.Image.ImageId == cooled);
    }

    private sealed class RecordingObserver : IBuildObserver
    {
        public List<string> Messages { get; } = new();

        public List<string> Warnings { get; } = new();

        public void Verbose(string message) => Messages.Add(message);

        public void Warning(string message) => Warnings.Add(message);

        public void Progress(BuildProgress progress)
        {
        }
    }
}
