using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Cleanup;
using CloudCompose.Image.Emulator.Admin;

namespace CloudCompose.Image.Tests.Cleanup;

public class ImageRetirementTests : IAsyncLifetime
{
    private CleanupEmulator emulator = null!;

    public async Task InitializeAsync() => emulator = await CleanupEmulator.StartAsync();

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    private static readonly ImageQuery Web = new() { Names = ["web"] };

    private async Task<List<RetirementOutcome>> RetireAll(ImageRetirement retirement, ImageQuery query)
    {
        var plan = await retirement.PlanAsync(query, CancellationToken.None);
        var outcomes = new List<RetirementOutcome>();
        foreach (var candidate in plan.Candidates)
        {
            outcomes.Add(await retirement.RetireAsync(candidate, CancellationToken.None));
        }

        return outcomes;
    }

    private AmazonEC2Client Ec2() => emulator.Ec2();

    [Fact]
    public async Task Deregisters_old_unused_images_deletes_their_snapshots_and_keeps_the_rest()
    {
        var newest = emulator.Image("web", "1.0", 1);
        var young = emulator.Image("web", "1.0", 3);
        var used = emulator.Image("web", "1.0", 20);
        var old = emulator.Image("web", "1.0", 30, i => i.SnapshotCount = 2);
        emulator.Instance(used, "stopped");
        var oldSnapshots = emulator.State.ListImages().Single(i => i.Id == old).SnapshotIds;
        using var retirement = emulator.Retirement();

        var outcome = Assert.Single(await RetireAll(retirement, Web));

        var result = outcome.Result;
        Assert.Equal((old, "Deregistered", "web", "1.0"), (result.ImageId, result.Action, result.Name, result.Version));
        Assert.Equal(oldSnapshots.OrderBy(s => s), result.SnapshotsDeleted.OrderBy(s => s));
        Assert.Empty(outcome.Failures);
        Assert.Equal(new[] { newest, young, used }.ToHashSet(), emulator.ImageIds());
        Assert.DoesNotContain(oldSnapshots, emulator.SnapshotIds().Contains);
    }

    [Fact]
    public async Task A_snapshot_another_image_uses_is_kept_and_KeepSnapshots_keeps_them_all()
    {
        emulator.Image("web", "1.0", 1);
        var old = emulator.Image("web", "1.0", 30, i => i.SnapshotCount = 2);
        var other = emulator.State.Seed(new SeedSpec { Images = [new SeedImage { Name = "untagged-copy" }] }).ImageIds[0];
        var shared = emulator.ShareSnapshot(old, other);
        emulator.Image("api", "1.0", 1);
        var api = emulator.Image("api", "1.0", 30);
        var apiSnapshot = emulator.State.ListImages().Single(i => i.Id == api).SnapshotIds.Single();
        using var retirement = emulator.Retirement();
        using var keeping = emulator.Retirement(o => o.KeepSnapshots = true);

        var result = Assert.Single(await RetireAll(retirement, Web)).Result;
        var kept = Assert.Single(await RetireAll(keeping, new ImageQuery { Names = ["api"] })).Result;

        Assert.Equal(new[] { shared }, result.SnapshotsKept);
        Assert.Single(result.SnapshotsDeleted);
        Assert.Contains(shared, emulator.SnapshotIds());
        Assert.Contains(other, emulator.ImageIds());
        Assert.Empty(kept.SnapshotsDeleted);
        Assert.Contains(apiSnapshot, emulator.SnapshotIds());
    }

    [Fact]
    public async Task Disable_and_Deprecate_are_reversible_retirements_that_keep_the_image()
    {
        emulator.Image("web", "1.0", 1);
        var toDisable = emulator.Image("web", "1.0", 30);
        emulator.Image("api", "1.0", 1);
        var toDeprecate = emulator.Image("api", "1.0", 30);
        using var disabling = emulator.Retirement(o => o.Action = RetireAction.Disable);
        using var deprecating = emulator.Retirement(o => o.Action = RetireAction.Deprecate);

        var disabled = Assert.Single(await RetireAll(disabling, Web)).Result;
        var deprecated = Assert.Single(await RetireAll(deprecating, new ImageQuery { Names = ["api"] })).Result;

        Assert.Equal("Disabled", disabled.Action);
        Assert.Equal("Deprecated", deprecated.Action);
        var images = emulator.State.ListImages().ToDictionary(i => i.Id);
        Assert.Equal("disabled", images[toDisable].State);
        Assert.Equal(0, emulator.State.Count("DeregisterImage"));
        Assert.Equal(0, emulator.State.Count("DeleteSnapshot"));
        using var ec2 = Ec2();
        var described = (await ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [toDeprecate] })).Images.Single();
        Assert.NotNull(described.DeprecationTime);
        Assert.Empty(await RetireAll(disabling, Web)); // already disabled: nothing left to do
    }

    [Fact]
    public async Task A_staged_lifecycle_moves_each_image_once_per_run_to_the_stage_its_idle_time_reached()
    {
        var newest = emulator.Image("web", "1.0", 1);
        var d45 = emulator.Image("web", "1.0", 45);
        var d75 = emulator.Image("web", "1.0", 75);
        var d120 = emulator.Image("web", "1.0", 120);
        var launched = emulator.Image("web", "1.0", 120, i => i.LastLaunchedTime = emulator.State.Clock.UtcNow.AddDays(-10));
        var stages = new LifecycleStages(TimeSpan.FromDays(30), TimeSpan.FromDays(60), TimeSpan.FromDays(90));
        using var ec2 = Ec2();
        async Task<Dictionary<string, Amazon.EC2.Model.Image>> Images() =>
            (await ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["self"], IncludeDisabled = true, IncludeDeprecated = true })).Images.ToDictionary(i => i.ImageId);
        Dictionary<string, int> CallsPerImage() => emulator.State.RequestLog
            .Where(e => e.Action is "DeregisterImage" or "DisableImage" or "EnableImageDeprecation")
            .GroupBy(e => e.Parameters["ImageId"]).ToDictionary(g => g.Key, g => g.Count());

        using (var retirement = emulator.Retirement(o => o.Stages = stages))
        {
            var first = (await RetireAll(retirement, Web)).Select(o => o.Result).ToDictionary(r => r.ImageId, r => r.Action);
            Assert.Equal(new Dictionary<string, string> { [d45] = "Deprecated", [d75] = "Disabled", [d120] = "Deregistered" }, first);
        }

        Assert.All(CallsPerImage().Values, count => Assert.Equal(1, count));
        var after = await Images();
        Assert.NotNull(after[d45].DeprecationTime);
        Assert.Equal(ImageState.Disabled, after[d75].State);
        Assert.False(after.ContainsKey(d120));
        Assert.Null(after[newest].DeprecationTime);
        Assert.Null(after[launched].DeprecationTime);

        // A second run at once finds every image at its stage already.
        emulator.State.ClearRequestLog();
        using (var again = emulator.Retirement(o => o.Stages = stages))
        {
            Assert.Empty(await RetireAll(again, Web));
        }

        Assert.Empty(CallsPerImage());

        // Twenty days on, the deprecated image has been idle long enough to be disabled, and only that happens.
        emulator.State.Clock.Advance(TimeSpan.FromDays(20));
        using (var later = emulator.Retirement(o => o.Stages = stages))
        {
            var moved = (await RetireAll(later, Web)).Select(o => (o.Result.ImageId, o.Result.Action)).ToList();
            Assert.Contains((d45, "Disabled"), moved);
            Assert.Contains((launched, "Deprecated"), moved);
            Assert.Contains((d75, "Deregistered"), moved);
            Assert.Equal(3, moved.Count);
        }
    }

    [Fact]
    public async Task An_image_published_in_an_SSM_parameter_is_kept_by_DescribeImageReferences()
    {
        emulator.Image("web", "1.0", 1);
        var published = emulator.Image("web", "1.0", 30);
        emulator.State.Seed(new SeedSpec { SsmParameters = [new SeedSsmParameter { Name = "/golden/ami/latest", ImageId = published }] });
        using var retirement = emulator.Retirement();

        var plan = await retirement.PlanAsync(Web, CancellationToken.None);

        var decision = plan.Decisions.Single(d => d.Image.ImageId == published);
        Assert.Equal(KeepReason.InUse, decision.Keep);
        Assert.Contains("/golden/ami/latest", decision.Reason);
        Assert.Empty(plan.Candidates);
    }

    [Fact]
    public async Task The_reference_check_names_every_state_but_terminated_every_template_version_SSM_and_Image_Builder()
    {
        emulator.Image("web", "1.0", 1);
        emulator.Image("web", "1.0", 30);
        using var retirement = emulator.Retirement();

        await retirement.PlanAsync(Web, CancellationToken.None);

        var sent = Assert.Single(emulator.State.RequestLog, e => e.Action == "DescribeImageReferences").Parameters;
        Assert.False(sent.ContainsKey("IncludeAllResourceTypes"));
        var expected = new Dictionary<string, string>
        {
            ["ResourceType.1.ResourceType"] = "ec2:Instance",
            ["ResourceType.1.ResourceTypeOption.1.OptionName"] = "state-name",
            ["ResourceType.1.ResourceTypeOption.1.OptionValue.1"] = "pending",
            ["ResourceType.1.ResourceTypeOption.1.OptionValue.2"] = "running",
            ["ResourceType.1.ResourceTypeOption.1.OptionValue.3"] = "shutting-down",
            ["ResourceType.1.ResourceTypeOption.1.OptionValue.4"] = "stopping",
            ["ResourceType.1.ResourceTypeOption.1.OptionValue.5"] = "stopped",
            ["ResourceType.2.ResourceType"] = "ec2:LaunchTemplate",
            ["ResourceType.2.ResourceTypeOption.1.OptionName"] = "version-depth",
            ["ResourceType.2.ResourceTypeOption.1.OptionValue.1"] = "10000",
            ["ResourceType.3.ResourceType"] = "ssm:Parameter",
            ["ResourceType.4.ResourceType"] = "imagebuilder:ImageRecipe",
            ["ResourceType.5.ResourceType"] = "imagebuilder:ContainerRecipe",
        };
        Assert.Equal(expected, sent.Where(p => p.Key.StartsWith("ResourceType.", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value));
    }

    [Fact]
    public async Task An_image_whose_only_instances_are_terminated_is_retired_though_EC2s_default_reference_check_counts_them()
    {
        emulator.Image("web", "1.0", 1);
        var ended = emulator.Image("web", "1.0", 30);
        emulator.Instance(ended, "terminated");
        using var ec2 = Ec2();
        var byDefault = await ec2.DescribeImageReferencesAsync(new DescribeImageReferencesRequest { ImageIds = [ended], IncludeAllResourceTypes = true });
        Assert.Contains(byDefault.ImageReferences, r => r.ResourceType == "ec2:Instance"); // what IncludeAllResourceTypes would have kept
        using var retirement = emulator.Retirement();

        var removed = await RetireAll(retirement, Web);

        Assert.Equal(ended, Assert.Single(removed).Result.ImageId);
        Assert.DoesNotContain(ended, emulator.ImageIds());
    }

    [Fact]
    public async Task Images_named_by_an_old_launch_template_version_or_an_Image_Builder_recipe_are_kept()
    {
        emulator.Image("web", "1.0", 1);
        var pinned = emulator.Image("web", "1.0", 30);
        var recipe = emulator.Image("web", "1.0", 31);
        // Version 1 of 15 is beyond EC2's default depth of 10; an Auto Scaling group may still pin it.
        emulator.Template("fifteen", [pinned, .. Enumerable.Repeat<string?>(null, 14)]);
        emulator.State.Seed(new SeedSpec { ImageRecipes = [new SeedImageRecipe { Name = "web", ImageId = recipe }] });
        using var retirement = emulator.Retirement();

        var plan = await retirement.PlanAsync(Web, CancellationToken.None);

        Assert.Equal(KeepReason.InUse, plan.Decisions.Single(d => d.Image.ImageId == pinned).Keep);
        var byRecipe = plan.Decisions.Single(d => d.Image.ImageId == recipe);
        Assert.Equal(KeepReason.InUse, byRecipe.Keep);
        Assert.Contains("imagebuilder:ImageRecipe", byRecipe.Reason);
        Assert.Empty(plan.Candidates);
    }

    [Fact]
    public async Task Shared_and_public_images_are_kept_unless_IncludeShared()
    {
        emulator.Image("web", "1.0", 1);
        var shared = emulator.Image("web", "1.0", 30, i => i.SharedWith = ["210987654321"]);
        var published = emulator.Image("web", "1.0", 31, i => i.Public = true);
        using var retirement = emulator.Retirement();
        using var including = emulator.Retirement(o => o.IncludeShared = true);

        var plan = await retirement.PlanAsync(Web, CancellationToken.None);
        Assert.Equal(KeepReason.Shared, plan.Decisions.Single(d => d.Image.ImageId == shared).Keep);
        Assert.Contains("210987654321", plan.Decisions.Single(d => d.Image.ImageId == shared).Reason);
        Assert.Equal(KeepReason.Shared, plan.Decisions.Single(d => d.Image.ImageId == published).Keep);
        Assert.Equal(1, emulator.State.Count("DescribeImageAttribute")); // only the final candidate is asked (the public one is known already)

        var removed = await RetireAll(including, Web);
        Assert.Equal(new[] { shared, published }.ToHashSet(), removed.Select(o => o.Result.ImageId).ToHashSet());
    }

    [Fact]
    public async Task Planning_calls_no_mutating_API_and_asks_DescribeImageReferences_ten_candidates_at_a_time()
    {
        emulator.State.Seed(new SeedSpec { Images = [new SeedImage { Name = "web_1.0_{i}", Count = 25, AgeDays = 30, Tags = CleanupEmulator.Tags("web", "1.0") }] });
        emulator.State.ResetCounters();
        using var retirement = emulator.Retirement();

        var plan = await retirement.PlanAsync(Web, CancellationToken.None);

        Assert.Equal(24, plan.Candidates.Count());
        Assert.Equal(0, emulator.MutatingCalls());
        Assert.Equal(3, emulator.State.Count("DescribeImageReferences"));
        Assert.Equal(25, emulator.ImageIds().Count);
    }

    [Fact]
    public async Task Given_ids_are_judged_within_their_whole_group_and_foreign_or_untagged_ids_are_never_candidates()
    {
        var newest = emulator.Image("web", "1.0", 30);
        var older = emulator.Image("web", "1.0", 40);
        var untagged = emulator.State.Seed(new SeedSpec { Images = [new SeedImage { Name = "plain", AgeDays = 90 }] }).ImageIds[0];
        var foreign = emulator.State.Seed(new SeedSpec { Images = [new SeedImage { Name = "theirs", AgeDays = 90, OwnerId = "210987654321", Public = true, Tags = CleanupEmulator.Tags("web", "1.0") }] }).ImageIds[0];
        using var retirement = emulator.Retirement();

        var plan = await retirement.PlanAsync(new ImageQuery { ImageIds = [newest, older, untagged, foreign] }, CancellationToken.None);

        Assert.Equal(KeepReason.Newest, plan.Decisions.Single(d => d.Image.ImageId == newest).Keep);
        Assert.Equal(older, Assert.Single(plan.Candidates).Image.ImageId);
        Assert.Equal(new[] { untagged, foreign }, plan.UnmanagedImageIds);
    }

    [Fact]
    public async Task Throttled_deletes_are_retried()
    {
        emulator.Image("web", "1.0", 1);
        var old = emulator.Image("web", "1.0", 30);
        emulator.State.Faults.FailNext("DeregisterImage", 2, "RequestLimitExceeded");
        emulator.State.Faults.FailNext("DeleteSnapshot", 1, "RequestLimitExceeded");
        using var retirement = emulator.Retirement();

        var result = Assert.Single(await RetireAll(retirement, Web)).Result;

        Assert.Equal("Deregistered", result.Action);
        Assert.Single(result.SnapshotsDeleted);
        Assert.Equal(3, emulator.State.Count("DeregisterImage"));
        Assert.DoesNotContain(old, emulator.ImageIds());
    }

    [Fact]
    public async Task A_failed_deregistration_has_its_own_error_id_and_the_rest_go_on()
    {
        emulator.Image("web", "1.0", 1);
        emulator.Image("web", "1.0", 30);
        emulator.Image("web", "1.0", 31);
        emulator.State.Faults.FailNext("DeregisterImage", 1, "InvalidAMIID.Unavailable");
        using var retirement = emulator.Retirement();
        var plan = await retirement.PlanAsync(Web, CancellationToken.None);
        var candidates = plan.Candidates.ToList();

        var error = await Assert.ThrowsAsync<CloudCompose.Image.Errors.CloudComposeException>(() => retirement.RetireAsync(candidates[0], CancellationToken.None));
        var second = await retirement.RetireAsync(candidates[1], CancellationToken.None);

        Assert.Equal("ImageDeregisterFailed", error.ErrorId);
        Assert.Equal(candidates[0].Image.ImageId, error.Target);
        Assert.Equal("Deregistered", second.Result.Action);
    }

    [Fact]
    public async Task The_client_side_token_bucket_paces_mutating_calls()
    {
        var bucket = new TokenBucket(perSecond: 20, capacity: 2);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 6; i++)
        {
            await bucket.TakeAsync(CancellationToken.None);
        }

        // Two from the burst, then four at 20 a second: at least ~200 ms.
        Assert.InRange(watch.ElapsedMilliseconds, 150, 5000);
    }

    [Fact]
    public async Task Race_an_instance_launched_from_a_candidate_between_listing_and_removal_keeps_it()
    {
        emulator.Image("web", "1.0", 1);
        var candidate = emulator.Image("web", "1.0", 30);
        using var retirement = emulator.Retirement();
        var plan = await retirement.PlanAsync(Web, CancellationToken.None);
        Assert.Equal(candidate, Assert.Single(plan.Candidates).Image.ImageId);

        using var ec2 = Ec2();
        await ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = candidate, MinCount = 1, MaxCount = 1, InstanceType = InstanceType.T3Micro });
        var outcome = await retirement.RetireAsync(plan.Candidates.Single(), CancellationToken.None);

        Assert.False(outcome.Result.Removed);
        Assert.Equal("Skipped", outcome.Result.Action);
        Assert.Contains("ec2:Instance", outcome.Result.Reason);
        Assert.Contains(candidate, emulator.ImageIds());
        Assert.Equal(0, emulator.MutatingCalls() - emulator.State.Count("RunInstances"));
    }

    [Fact]
    public async Task Race_when_the_newer_image_goes_away_meanwhile_the_candidate_becomes_the_newest_and_stays()
    {
        var newest = emulator.Image("web", "1.0", 10);
        var candidate = emulator.Image("web", "1.0", 30);
        using var retirement = emulator.Retirement();
        var plan = await retirement.PlanAsync(Web, CancellationToken.None);

        using var ec2 = Ec2();
        await ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = newest });
        var outcome = await retirement.RetireAsync(plan.Candidates.Single(), CancellationToken.None);

        Assert.Equal("Skipped", outcome.Result.Action);
        Assert.Contains("newest", outcome.Result.Reason);
        Assert.Contains(candidate, emulator.ImageIds());
    }

    [Fact]
    public async Task The_bake_cleanup_keeps_the_new_image_and_anything_newer_and_retires_older_unused_ones()
    {
        var older = emulator.Image("web", "1.0", 30);
        var olderUsed = emulator.Image("web", "1.0", 40);
        emulator.Instance(olderUsed, "running");
        var built = emulator.Image("web", "1.0", 0.01);
        var newer = emulator.Image("web", "1.0", 0);
        var otherVersion = emulator.Image("web", "2.0", 50);
        var info = new ImageInfo { ImageId = built, Name = "web", Version = "1.0", CreationDate = emulator.State.ListImages().Single(i => i.Id == built).CreationDate };
        var observer = new RecordingObserver();

        var removed = await ImageRetirement.RetireOlderAsync(emulator.Connection, observer, info, CancellationToken.None);

        Assert.Equal(older, Assert.Single(removed).ImageId);
        Assert.Equal(new[] { olderUsed, built, newer, otherVersion }.ToHashSet(), emulator.ImageIds());
        Assert.Contains(observer.Verbose, m => m.StartsWith($"Deregistered {older}", StringComparison.Ordinal));
        Assert.Empty(observer.Warnings);
    }

    private sealed class RecordingObserver : IBuildObserver
    {
        public List<string> Verbose { get; } = new();

        public List<string> Warnings { get; } = new();

        void IBuildObserver.Verbose(string message) => Verbose.Add(message);

        public void Warning(string message) => Warnings.Add(message);

        public void Progress(BuildProgress progress)
        {
        }
    }
}
