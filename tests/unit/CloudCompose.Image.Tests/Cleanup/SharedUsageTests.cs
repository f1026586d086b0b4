using CloudCompose.Image.Cleanup;
using CloudCompose.Image.Emulator.Admin;

namespace CloudCompose.Image.Tests.Cleanup;

/// <summary>-CheckSharedUsage through the SDK: usage reports decide whether a shared image may go.</summary>
public class SharedUsageTests : IAsyncLifetime
{
    private static readonly ImageQuery Web = new() { Names = ["web"] };
    private CleanupEmulator emulator = null!;

    public async Task InitializeAsync()
    {
        emulator = await CleanupEmulator.StartAsync();
        emulator.State.Delays.UsageReportDelay = TimeSpan.Zero; // reports are ready at once unless a test says otherwise
    }

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    private ImageRetirement Checking(Action<RetirementOptions>? tweak = null) => emulator.Retirement(o =>
    {
        o.CheckSharedUsage = true;
        o.UsageReportPollInterval = TimeSpan.FromMilliseconds(50);
        tweak?.Invoke(o);
    });

    private void Uses(string imageId, string account, string type = "ec2:Instance", long count = 1) =>
        emulator.State.Seed(new SeedSpec { ForeignUsage = [new SeedForeignUsage { ImageId = imageId, AccountId = account, ResourceType = type, Count = count }] });

    [Fact]
    public async Task An_unused_shared_image_is_retired_unshared_first_and_a_used_one_is_kept_with_its_users_named()
    {
        emulator.Image("web", "1.0", 1);
        var unused = emulator.Image("web", "1.0", 30, i => i.SharedWith = ["210987654321"]);
        var used = emulator.Image("web", "1.0", 31, i => i.SharedWith = ["210987654321", "111122223333"]);
        Uses(used, "111122223333", "ec2:Instance", 4);
        Uses(used, "111122223333", "ec2:LaunchTemplate");
        using var retirement = Checking();

        var plan = await retirement.PlanAsync(Web, CancellationToken.None);

        var kept = plan.Decisions.Single(d => d.Image.ImageId == used);
        Assert.Equal(KeepReason.Shared, kept.Keep);
        Assert.StartsWith("used in other accounts: 111122223333 (ec2:Instance ×4, ec2:LaunchTemplate ×1)", kept.Reason);
        var candidate = Assert.Single(plan.Candidates);
        Assert.Equal(unused, candidate.Image.ImageId);
        Assert.Contains("usage report amiur-", candidate.Reason);
        Assert.Contains("finds no use in 210987654321", candidate.Reason);
        var created = emulator.State.RequestLog.Where(e => e.Action == "CreateImageUsageReport").Select(e => e.Parameters).ToList();
        Assert.Equal(2, created.Count);
        var request = created.Single(p => p["ImageId"] == unused);
        Assert.Equal("210987654321", request["AccountId.1"]);
        Assert.Equal(("ec2:Instance", "ec2:LaunchTemplate", "version-depth", "10000"),
            (request["ResourceType.1.ResourceType"], request["ResourceType.2.ResourceType"], request["ResourceType.2.ResourceTypeOption.1.OptionName"], request["ResourceType.2.ResourceTypeOption.1.OptionValue.1"]));
        Assert.Equal(0, emulator.MutatingCalls() - emulator.State.Count("CreateImageUsageReport"));

        var outcome = await retirement.RetireAsync(candidate, CancellationToken.None);

        Assert.Equal("Deregistered", outcome.Result.Action);
        Assert.Equal(["210987654321"], outcome.Result.LaunchPermissionsRemoved);
        var log = emulator.State.RequestLog.Select(e => e.Action).ToList();
        Assert.True(log.LastIndexOf("ModifyImageAttribute") < log.LastIndexOf("DeregisterImage"), "launch permissions go before the image");
        Assert.Contains(used, emulator.ImageIds());
    }

    [Fact]
    public async Task A_fresh_report_is_reused_and_an_old_one_is_not()
    {
        emulator.Image("web", "1.0", 1);
        emulator.Image("web", "1.0", 30, i => i.SharedWith = ["210987654321"]);
        using (var first = Checking())
        {
            await first.PlanAsync(Web, CancellationToken.None);
        }

        emulator.State.Clock.Advance(TimeSpan.FromHours(20));
        using (var second = Checking())
        {
            Assert.Single((await second.PlanAsync(Web, CancellationToken.None)).Candidates);
        }

        Assert.Equal(1, emulator.State.Count("CreateImageUsageReport"));

        emulator.State.Clock.Advance(TimeSpan.FromHours(5));
        using (var third = Checking())
        {
            await third.PlanAsync(Web, CancellationToken.None);
        }

        Assert.Equal(2, emulator.State.Count("CreateImageUsageReport")); // 25 hours old: past -UsageReportMaxAge
    }

    [Fact]
    public async Task A_public_image_is_asked_about_every_account_and_a_report_that_is_not_ready_in_time_keeps_it()
    {
        emulator.Image("web", "1.0", 1);
        var published = emulator.Image("web", "1.0", 30, i => i.Public = true);
        emulator.State.Delays.UsageReportDelay = TimeSpan.FromHours(1);
        using var retirement = Checking(o => o.UsageReportTimeout = TimeSpan.FromMilliseconds(300));

        var plan = await retirement.PlanAsync(Web, CancellationToken.None);

        var decision = plan.Decisions.Single(d => d.Image.ImageId == published);
        Assert.Equal(KeepReason.Shared, decision.Keep);
        Assert.Contains("is not ready yet", decision.Reason);
        Assert.DoesNotContain(emulator.State.RequestLog.Single(e => e.Action == "CreateImageUsageReport").Parameters.Keys, k => k.StartsWith("AccountId", StringComparison.Ordinal));
        Assert.True(emulator.State.Count("DescribeImageUsageReports") >= 2, "the pending report was polled");

        // Once the report is ready, the next run reuses it instead of making another.
        emulator.State.Clock.Advance(TimeSpan.FromHours(1));
        using var later = Checking();
        Assert.Equal(published, Assert.Single((await later.PlanAsync(Web, CancellationToken.None)).Candidates).Image.ImageId);
        Assert.Equal(1, emulator.State.Count("CreateImageUsageReport"));
    }

    [Fact]
    public async Task A_failed_report_keeps_the_image_and_says_so()
    {
        emulator.Image("web", "1.0", 1);
        var shared = emulator.Image("web", "1.0", 30, i => i.SharedWith = ["210987654321"]);
        emulator.State.Faults.FailNextUsageReports();
        using var retirement = Checking();

        var decision = (await retirement.PlanAsync(Web, CancellationToken.None)).Decisions.Single(d => d.Image.ImageId == shared);

        Assert.Equal(KeepReason.Shared, decision.Keep);
        Assert.Contains("is error", decision.Reason);
    }

    [Fact]
    public async Task An_image_shared_with_a_new_account_after_its_report_is_skipped_at_the_recheck()
    {
        emulator.Image("web", "1.0", 1);
        var shared = emulator.Image("web", "1.0", 30, i => i.SharedWith = ["210987654321"]);
        using var retirement = Checking();
        var plan = await retirement.PlanAsync(Web, CancellationToken.None);
        lock (emulator.State.Sync)
        {
            emulator.State.Store("us-east-1").Images[shared].SharedWith.Add("111122223333");
        }

        var outcome = await retirement.RetireAsync(Assert.Single(plan.Candidates), CancellationToken.None);

        Assert.Equal("Skipped", outcome.Result.Action);
        Assert.Contains("111122223333", outcome.Result.Reason);
        Assert.Contains(shared, emulator.ImageIds());
    }

    [Fact]
    public async Task Without_the_switch_shared_images_stay_and_no_report_is_made()
    {
        emulator.Image("web", "1.0", 1);
        var shared = emulator.Image("web", "1.0", 30, i => i.SharedWith = ["210987654321"]);
        using var retirement = emulator.Retirement();

        var plan = await retirement.PlanAsync(Web, CancellationToken.None);

        Assert.Equal(KeepReason.Shared, plan.Decisions.Single(d => d.Image.ImageId == shared).Keep);
        Assert.Equal(0, emulator.State.Count("CreateImageUsageReport") + emulator.State.Count("DescribeImageUsageReports"));
    }
}
