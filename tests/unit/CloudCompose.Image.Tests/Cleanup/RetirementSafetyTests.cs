using CloudCompose.Image.Cleanup;
using CloudCompose.Image.Emulator.Admin;
using Xunit.Abstractions;

namespace CloudCompose.Image.Tests.Cleanup;

/// <summary>
/// Seeded randomized safety test: random images, instances in every state, launch template versions, SSM parameters,
/// shared and public images, ages, earlier deprecations and options (plain deregistration or a staged lifecycle);
/// after planning and retiring, an independent oracle checks that nothing that must stay was touched, every image got
/// exactly the action its rules call for (at most one per run), and snapshots were handled right.
/// Reproduce a failure with CC_SAFETY_SEED=&lt;seed&gt; (printed in the failure message).
/// </summary>
public class RetirementSafetyTests : IAsyncLifetime
{
    private const int Cases = 300;
    private static readonly string[] InstanceStates = ["pending", "running", "stopping", "stopped", "shutting-down", "terminated"];
    private static readonly string[] UsingStates = ["pending", "running", "stopping", "stopped"];

    private readonly ITestOutputHelper output;
    private CleanupEmulator emulator = null!;

    public RetirementSafetyTests(ITestOutputHelper output) => this.output = output;

    public async Task InitializeAsync() => emulator = await CleanupEmulator.StartAsync();

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    [Fact]
    public async Task Nothing_in_use_shared_young_protected_or_newest_is_ever_touched()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CC_SAFETY_SEED"), out var fixedSeed) ? fixedSeed : Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var master = new Random(seed);
        var totals = new Dictionary<RetireAction, int>();
        for (var n = 0; n < Cases; n++)
        {
            var caseSeed = master.Next();
            try
            {
                foreach (var action in await RunCase(caseSeed))
                {
                    totals[action] = totals.GetValueOrDefault(action) + 1;
                }
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"Safety case {n} failed (CC_SAFETY_SEED={seed}, case seed {caseSeed}): {e.Message}\n{e}");
            }
        }

        output.WriteLine($"{Cases} cases: {string.Join(", ", totals.Select(t => $"{t.Value} {t.Key}"))}");
        Assert.True(totals.GetValueOrDefault(RetireAction.Deregister) > Cases / 2, $"The cases deregistered only {totals.GetValueOrDefault(RetireAction.Deregister)} images: the test would prove little (seed {seed}).");
        Assert.True(totals.GetValueOrDefault(RetireAction.Disable) > Cases / 20 && totals.GetValueOrDefault(RetireAction.Deprecate) > Cases / 20,
            $"The staged cases disabled {totals.GetValueOrDefault(RetireAction.Disable)} and deprecated {totals.GetValueOrDefault(RetireAction.Deprecate)} images: too few to prove the stages (seed {seed}).");
    }

    private async Task<IEnumerable<RetireAction>> RunCase(int caseSeed)
    {
        var random = new Random(caseSeed);
        emulator.State.Reset();
        emulator.State.Delays.UsageReportDelay = TimeSpan.Zero;
        var now = emulator.State.Clock.UtcNow;

        // Images: a few name+version groups, plus untagged and foreign images that must never be touched.
        var groups = Enumerable.Range(0, random.Next(1, 4)).Select(g => ($"app{g}", random.Next(2) == 0 ? "1.0" : "2.0")).Distinct().ToList();
        var images = new List<SeedImage>();
        foreach (var (name, version) in groups)
        {
            for (var i = random.Next(1, 9); i > 0; i--)
            {
                images.Add(new SeedImage
                {
                    Name = $"{name}_{version}_{images.Count}",
                    Tags = CleanupEmulator.Tags(name, version),
                    AgeDays = Math.Round(random.NextDouble() * 60, 3),
                    State = Pick(random, ["available", "available", "available", "available", "failed", "disabled", "pending"]),
                    DeregistrationProtection = random.Next(10) == 0,
                    Public = random.Next(12) == 0,
                    SharedWith = random.Next(10) == 0 ? ["210987654321"] : null,
                    LastLaunchedTime = random.Next(3) == 0 ? now.AddDays(-random.NextDouble() * 30) : null,
                    DeprecationTime = random.Next(8) == 0 ? now.AddDays(-random.NextDouble() * 10) : null,
                    SnapshotCount = random.Next(1, 3),
                });
            }
        }

        for (var i = random.Next(0, 3); i > 0; i--)
        {
            images.Add(new SeedImage { Name = $"untagged_{images.Count}", AgeDays = 90 });
        }

        images.Add(new SeedImage { Name = $"foreign_{images.Count}", AgeDays = 90, OwnerId = "210987654321", Public = true, Tags = CleanupEmulator.Tags("app0", "1.0") });
        var seeded = emulator.State.Seed(new SeedSpec { Images = images });
        var ids = seeded.ImageIds;
        var ownIds = ids.Take(ids.Count - 1).ToList();

        // Untagged images may share a snapshot with a tagged one (as a registered copy would).
        var untagged = ownIds.Where((_, i) => images[i].Tags == null).ToList();
        var tagged = ownIds.Where((_, i) => images[i].Tags != null).ToList();
        foreach (var other in untagged.Where(_ => random.Next(2) == 0))
        {
            emulator.ShareSnapshot(Pick(random, tagged), other);
        }

        // Usage: instances in every state, launch template versions at any depth, SSM parameters.
        var spec = new SeedSpec();
        for (var i = random.Next(0, 6); i > 0; i--)
        {
            spec.Instances.Add(new SeedInstance { ImageId = Pick(random, ids), State = Pick(random, InstanceStates) });
        }

        for (var t = random.Next(0, 3); t > 0; t--)
        {
            var versions = Enumerable.Range(0, random.Next(1, 26))
                .Select(_ => new SeedLaunchTemplateVersion { ImageId = random.Next(4) == 0 ? Pick(random, ids) : null }).ToList();
            spec.LaunchTemplates.Add(new SeedLaunchTemplate { Name = $"lt{t}", Versions = versions, DefaultVersion = random.Next(1, versions.Count + 1) });
        }

        if (random.Next(3) == 0)
        {
            spec.SsmParameters.Add(new SeedSsmParameter { Name = "/golden/ami/latest", ImageId = Pick(random, ids) });
        }

        // Use in other accounts of shared images: by the account it is shared with, or by one it is not (seen only if public).
        foreach (var (image, id) in images.Zip(ids).Where(p => (p.First.Public || p.First.SharedWith != null) && random.Next(2) == 0))
        {
            spec.ForeignUsage.Add(new SeedForeignUsage { ImageId = id, AccountId = random.Next(2) == 0 ? "210987654321" : "999988887777", Count = random.Next(1, 4) });
        }

        emulator.State.Seed(spec);

        var options = emulator.Options(o =>
        {
            o.Keep = random.Next(1, 4);
            o.MinimumAge = TimeSpan.FromDays(random.Next(0, 21));
            o.MinimumIdle = random.Next(2) == 0 ? TimeSpan.FromDays(random.Next(1, 20)) : null;
            o.IncludeShared = random.Next(6) == 0;
            o.CheckSharedUsage = random.Next(3) == 0;
            o.UsageReportPollInterval = TimeSpan.FromMilliseconds(10);
            if (random.Next(2) == 0)
            {
                // A staged lifecycle: any non-empty subset of the stages, thresholds growing from stage to stage.
                var thresholds = new TimeSpan?[3];
                var days = 0;
                for (var i = 0; i < 3; i++)
                {
                    days += random.Next(i == 0 ? 1 : 10, 25);
                    thresholds[i] = random.Next(3) == 0 ? null : TimeSpan.FromDays(days);
                }

                if (thresholds.All(t => t == null))
                {
                    thresholds[random.Next(3)] = TimeSpan.FromDays(days);
                }
                o.Stages = new LifecycleStages(thresholds[0], thresholds[1], thresholds[2]);
            }
        });

        var before = emulator.State.ListImages().ToDictionary(i => i.Id);
        var snapshotsBefore = emulator.SnapshotIds();
        var instances = emulator.State.ListInstances("us-east-1");
        var protectedIds = ids.Where((_, i) => images[i].DeregistrationProtection).ToHashSet();
        var deprecation = ids.Zip(images).Where(p => p.Second.DeprecationTime != null).ToDictionary(p => p.First, p => p.Second.DeprecationTime!.Value);
        var expected = Oracle(before, instances, spec, protectedIds, deprecation, options, now);
        emulator.State.ClearRequestLog();

        using (var retirement = new ImageRetirement(emulator.Connection, options))
        {
            var query = random.Next(4) == 0
                ? new ImageQuery { ImageIds = ids.Where(_ => random.Next(2) == 0).ToList() }
                : new ImageQuery { Names = random.Next(2) == 0 ? ["app*"] : [] };
            if (query.ImageIds.Count > 0)
            {
                foreach (var id in expected.Keys.Except(query.ImageIds).ToList())
                {
                    expected.Remove(id);
                }
            }

            var plan = await retirement.PlanAsync(query, CancellationToken.None);
            foreach (var candidate in plan.Candidates)
            {
                await retirement.RetireAsync(candidate, CancellationToken.None);
            }
        }

        var after = emulator.ImageIds();
        var removed = before.Keys.Where(id => !after.Contains(id)).ToHashSet();
        var touched = emulator.State.RequestLog.Where(e => Actions.ContainsKey(e.Action) && e.Status == 200)
            .GroupBy(e => e.Parameters["ImageId"]).ToDictionary(g => g.Key, g => g.Select(e => Actions[e.Action]).ToList());
        foreach (var (id, actions) in touched)
        {
            var image = before[id];
            Assert.True(actions.Count == 1, $"{id} was moved {actions.Count} times in one run ({string.Join(", ", actions)})");
            Assert.True(image.OwnerId == "123456789012" && image.Tags.ContainsKey("ImageName"), $"{id} is not ours or not tagged, yet it was {actions[0]}d");
            Assert.False(protectedIds.Contains(id), $"{id} has deregistration protection, yet it was {actions[0]}d");
            Assert.True(expected.TryGetValue(id, out var action), $"{id} ({image.Name}, {image.State}) was {actions[0]}d but the rules keep it");
            Assert.True(action == actions[0], $"{id} ({image.Name}, {image.State}) was {actions[0]}d but its stage is {action}");
        }

        var retired = touched.ToDictionary(t => t.Key, t => t.Value[0]);
        Assert.True(expected.Count == retired.Count && expected.All(e => retired.TryGetValue(e.Key, out var a) && a == e.Value),
            $"expected [{string.Join(", ", expected.Select(e => $"{e.Key}:{e.Value}"))}], got [{string.Join(", ", retired.Select(e => $"{e.Key}:{e.Value}"))}]");
        Assert.True(removed.SetEquals(expected.Where(e => e.Value == RetireAction.Deregister).Select(e => e.Key)), "the deregistered images are not exactly those gone");

        var snapshotsAfter = emulator.SnapshotIds();
        var surviving = after.Select(id => before[id]).SelectMany(i => i.SnapshotIds).ToHashSet();
        Assert.All(surviving, s => Assert.True(snapshotsAfter.Contains(s), $"snapshot {s} of a surviving image was deleted"));
        foreach (var snapshot in removed.SelectMany(id => before[id].SnapshotIds).Where(s => !surviving.Contains(s)))
        {
            Assert.False(snapshotsAfter.Contains(snapshot), $"snapshot {snapshot} of a removed image was left behind");
        }

        Assert.True(snapshotsBefore.Except(snapshotsAfter).All(s => removed.SelectMany(id => before[id].SnapshotIds).Contains(s)), "a snapshot not belonging to a removed image was deleted");
        return retired.Values;
    }

    private static readonly Dictionary<string, RetireAction> Actions = new()
    {
        ["DeregisterImage"] = RetireAction.Deregister,
        ["DisableImage"] = RetireAction.Disable,
        ["EnableImageDeprecation"] = RetireAction.Deprecate,
    };

    /// <summary>The documented rules, written out independently of the engine: which image gets which action.</summary>
    private static Dictionary<string, RetireAction> Oracle(
        Dictionary<string, CloudCompose.Image.Emulator.ImageInfo> images,
        IReadOnlyList<CloudCompose.Image.Emulator.InstanceInfo> instances,
        SeedSpec usage,
        HashSet<string> protectedIds,
        Dictionary<string, DateTime> deprecation,
        RetirementOptions options,
        DateTime now)
    {
        var used = instances.Where(i => UsingStates.Contains(i.State) || i.State == "shutting-down").Select(i => i.ImageId)
            .Concat(usage.LaunchTemplates.SelectMany(t => t.Versions).Select(v => v.ImageId).OfType<string>())
            .Concat(usage.SsmParameters.Select(p => p.ImageId).OfType<string>())
            .ToHashSet();
        var result = new Dictionary<string, RetireAction>();
        var ours = images.Values.Where(i => i.OwnerId == "123456789012" && i.Tags.ContainsKey("ImageName") && i.Tags.ContainsKey("ImageVersion"));
        foreach (var group in ours.GroupBy(i => (i.Tags["ImageName"], i.Tags["ImageVersion"])))
        {
            var newest = group.Where(i => i.State == "available")
                .OrderByDescending(i => i.CreationDate).ThenByDescending(i => i.Id, StringComparer.Ordinal)
                .Take(options.Keep).Select(i => i.Id).ToHashSet();
            foreach (var image in group)
            {
                var protectedImage = protectedIds.Contains(image.Id);
                var keep = image.State == "pending"
                    || protectedImage
                    || newest.Contains(image.Id)
                    || now - image.CreationDate < options.MinimumAge
                    || (options.MinimumIdle is { } idle && image.LastLaunchedTime is { } last && now - last < idle)
                    || used.Contains(image.Id)
                    || (!options.IncludeShared && (image.Public || image.SharedWith.Count > 0) && !(options.CheckSharedUsage && !UsedElsewhere(image, usage)));
                if (keep)
                {
                    continue;
                }

                if (options.Stages is not { } stages)
                {
                    result[image.Id] = RetireAction.Deregister;
                    continue;
                }

                // Stages: idle is the time since the last launch (or creation); the furthest stage reached applies,
                // unless the image is already there: disabled, or deprecated (at the latest within two minutes).
                var lastUse = image.LastLaunchedTime is { } launched && launched > image.CreationDate ? launched : image.CreationDate;
                var idleFor = now - lastUse;
                var steps = new (RetireAction Action, TimeSpan? After, int Rank)[] { (RetireAction.Deprecate, stages.DeprecateAfter, 1), (RetireAction.Disable, stages.DisableAfter, 2), (RetireAction.Deregister, stages.DeregisterAfter, 3) };
                var reached = steps.Where(s => s.After is { } after && after <= idleFor).ToList();
                if (reached.Count == 0)
                {
                    continue;
                }

                var target = reached[^1];
                var at = image.State == "disabled" ? 2 : deprecation.TryGetValue(image.Id, out var when) && when <= now.AddMinutes(2) ? 1 : 0;
                if (at >= target.Rank || (image.State == "failed" && target.Action != RetireAction.Deregister))
                {
                    continue;
                }

                result[image.Id] = target.Action;
            }
        }

        return result;
    }

    /// <summary>A usage report on a public image looks at every account; on one shared with accounts, at those accounts.</summary>
    private static bool UsedElsewhere(CloudCompose.Image.Emulator.ImageInfo image, SeedSpec usage) =>
        usage.ForeignUsage.Any(u => u.ImageId == image.Id && (image.Public || image.SharedWith.Contains(u.AccountId)));

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
