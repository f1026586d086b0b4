using CloudCompose.Image.Cleanup;

namespace CloudCompose.Image.Tests.Cleanup;

/// <summary>The keep rules as a pure function: no EC2 involved.</summary>
public class RetirementPlannerTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    private static ImageInfo Image(string id, double ageDays, string state = "available", string name = "web", string version = "1.0", bool? inUse = false) => new()
    {
        ImageId = id, ImageName = $"{name}_{version}_{id}", Name = name, Version = version, State = state,
        CreationDate = Now.AddDays(-ageDays), InUse = inUse,
    };

    private static RetirementOptions Options(Action<RetirementOptions>? tweak = null)
    {
        var options = new RetirementOptions { UtcNow = () => Now, MinimumAge = TimeSpan.FromDays(7) };
        tweak?.Invoke(options);
        return options;
    }

    private static Dictionary<string, KeepReason> Decide(RetirementOptions options, params ImageInfo[] images) =>
        RetirementPlanner.Decide(images, options).ToDictionary(d => d.Image.ImageId, d => d.Keep);

    [Fact]
    public void Keeps_the_newest_N_available_images_of_each_name_and_version()
    {
        var result = Decide(Options(o => o.Keep = 2),
            Image("a", 10), Image("b", 20), Image("c", 30), Image("d", 40),
            Image("x", 50, version: "2.0"));

        Assert.Equal(KeepReason.Newest, result["a"]);
        Assert.Equal(KeepReason.Newest, result["b"]);
        Assert.Equal(KeepReason.None, result["c"]);
        Assert.Equal(KeepReason.None, result["d"]);
        Assert.Equal(KeepReason.Newest, result["x"]); // its own group: the only image of 2.0
    }

    [Fact]
    public void A_failed_or_disabled_image_never_counts_towards_Keep()
    {
        var result = Decide(Options(), Image("failed", 10, "failed"), Image("disabled", 11, "disabled"), Image("good", 12));

        Assert.Equal(KeepReason.Newest, result["good"]);
        Assert.Equal(KeepReason.None, result["failed"]);
        Assert.Equal(KeepReason.None, result["disabled"]);
    }

    [Fact]
    public void Keeps_images_younger_than_MinimumAge_and_those_without_a_creation_date()
    {
        var undated = Image("undated", 0);
        undated.CreationDate = null;
        var result = Decide(Options(), Image("new", 0), Image("young", 6.9), Image("old", 7.1), undated);

        Assert.Equal(KeepReason.TooYoung, result["young"]);
        Assert.Equal(KeepReason.None, result["old"]);
        Assert.NotEqual(KeepReason.None, result["undated"]);
    }

    [Fact]
    public void MinimumIdle_keeps_an_image_launched_recently()
    {
        var recent = Image("recent", 30);
        recent.LastLaunchedTime = Now.AddDays(-2);
        var idle = Image("idle", 30);
        idle.LastLaunchedTime = Now.AddDays(-20);
        var result = Decide(Options(o => o.MinimumIdle = TimeSpan.FromDays(14)), Image("newest", 1), recent, idle);

        Assert.Equal(KeepReason.RecentlyLaunched, result["recent"]);
        Assert.Equal(KeepReason.None, result["idle"]);
    }

    [Fact]
    public void Protected_pending_used_unknown_and_public_images_are_never_candidates()
    {
        var protectedImage = Image("protected", 30);
        protectedImage.DeregistrationProtection = true;
        var publicImage = Image("public", 30);
        publicImage.IsPublic = true;
        var result = Decide(Options(), Image("newest", 1), protectedImage, Image("pending", 30, "pending"),
            Image("used", 30, inUse: true), Image("unknown", 30, inUse: null), publicImage);

        Assert.Equal(KeepReason.DeregistrationProtection, result["protected"]);
        Assert.Equal(KeepReason.Pending, result["pending"]);
        Assert.Equal(KeepReason.InUse, result["used"]);
        Assert.Equal(KeepReason.InUse, result["unknown"]);
        Assert.Equal(KeepReason.Shared, result["public"]);

        var included = Decide(Options(o => o.IncludeShared = true), Image("newest", 1), publicImage);
        Assert.Equal(KeepReason.None, included["public"]);
    }

    [Fact]
    public void The_bake_keeps_its_own_image_and_anything_newer_whatever_Keep_says()
    {
        var built = Image("built", 0.5);
        var result = Decide(Options(o => { o.ProtectImageId = "built"; o.NotNewerThan = built.CreationDate; o.MinimumAge = TimeSpan.Zero; }),
            Image("newer", 0.1), built, Image("older", 0.9), Image("oldest", 30));

        Assert.Equal(KeepReason.NewerThanBuild, result["newer"]);
        Assert.Equal(KeepReason.JustBuilt, result["built"]);
        Assert.Equal(KeepReason.None, result["older"]);
        Assert.Equal(KeepReason.None, result["oldest"]);
    }

    [Fact]
    public void Disable_and_Deprecate_skip_images_already_retired_that_way()
    {
        var deprecated = Image("deprecated", 30);
        deprecated.DeprecationTime = Now.AddDays(-1);
        var disable = Decide(Options(o => o.Action = RetireAction.Disable), Image("newest", 1), Image("disabled", 30, "disabled"), Image("old", 30));
        var deprecate = Decide(Options(o => o.Action = RetireAction.Deprecate), Image("newest", 1), deprecated, Image("old", 30));

        Assert.Equal(KeepReason.AlreadyRetired, disable["disabled"]);
        Assert.Equal(KeepReason.None, disable["old"]);
        Assert.Equal(KeepReason.AlreadyRetired, deprecate["deprecated"]);
        Assert.Equal(KeepReason.None, deprecate["old"]);
    }

    [Fact]
    public void Keep_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetirementPlanner.Decide(new[] { Image("a", 30) }, Options(o => o.Keep = 0)));
    }

    [Theory]
    [InlineData("web*", "web-api", true)]
    [InlineData("web?", "webs", true)]
    [InlineData("w[ae]b", "wab", true)]
    [InlineData("w[ae]b", "wib", false)]
    [InlineData("Web", "web", false)]
    [InlineData("a.b", "axb", false)]
    public void Name_patterns_match_like_PowerShell_wildcards_but_case_sensitively(string pattern, string value, bool expected)
    {
        Assert.Equal(expected, Wildcard.Matches(pattern, value));
    }

    private static readonly LifecycleStages ThirtySixtyNinety = new(TimeSpan.FromDays(30), TimeSpan.FromDays(60), TimeSpan.FromDays(90));

    private static Dictionary<string, RetirementDecision> Staged(LifecycleStages stages, params ImageInfo[] images) =>
        RetirementPlanner.Decide(images, Options(o => o.Stages = stages)).ToDictionary(d => d.Image.ImageId);

    [Fact]
    public void Each_image_gets_the_furthest_stage_its_age_has_reached_in_one_step()
    {
        var result = Staged(ThirtySixtyNinety, Image("newest", 1), Image("d20", 20), Image("d45", 45), Image("d75", 75), Image("d120", 120));

        Assert.Equal(KeepReason.Newest, result["newest"].Keep);
        Assert.Equal(KeepReason.TooYoung, result["d20"].Keep);
        Assert.Contains("-DeprecateAfter 30d", result["d20"].Reason);
        Assert.Equal((KeepReason.None, RetireAction.Deprecate), (result["d45"].Keep, result["d45"].Action));
        Assert.Equal((KeepReason.None, RetireAction.Disable), (result["d75"].Keep, result["d75"].Action));
        Assert.Equal((KeepReason.None, RetireAction.Deregister), (result["d120"].Keep, result["d120"].Action));
        Assert.StartsWith("stage deregister: unused, 120d old, never launched (reached -DeregisterAfter 90d)", result["d120"].Reason);
    }

    [Fact]
    public void Idle_time_since_the_last_launch_holds_an_image_back_as_well_as_its_age()
    {
        var launched = Image("launched", 120);
        launched.LastLaunchedTime = Now.AddDays(-40);
        var recent = Image("recent", 120);
        recent.LastLaunchedTime = Now.AddDays(-10);

        var result = Staged(ThirtySixtyNinety, Image("newest", 1), launched, recent);

        Assert.Equal((KeepReason.None, RetireAction.Deprecate), (result["launched"].Keep, result["launched"].Action));
        Assert.Contains("last launched 40d ago", result["launched"].Reason);
        Assert.Equal(KeepReason.RecentlyLaunched, result["recent"].Keep);
    }

    [Fact]
    public void An_image_already_at_its_stage_or_beyond_is_left_alone()
    {
        var deprecated = Image("deprecated", 45);
        deprecated.DeprecationTime = Now.AddDays(-5);
        var deprecatedLater = Image("deprecated-later", 75);
        deprecatedLater.DeprecationTime = Now.AddDays(-5);
        var disabled = Image("disabled", 45, "disabled");
        var scheduled = Image("scheduled", 45);
        scheduled.DeprecationTime = Now.AddDays(3); // deprecation set for the future: not deprecated yet

        var result = Staged(ThirtySixtyNinety, Image("newest", 1), deprecated, deprecatedLater, disabled, scheduled);

        Assert.Equal(KeepReason.AlreadyRetired, result["deprecated"].Keep);
        Assert.Contains("disable after 60d idle", result["deprecated"].Reason);
        Assert.Equal((KeepReason.None, RetireAction.Disable), (result["deprecated-later"].Keep, result["deprecated-later"].Action));
        Assert.Equal(KeepReason.AlreadyRetired, result["disabled"].Keep);
        Assert.Equal((KeepReason.None, RetireAction.Deprecate), (result["scheduled"].Keep, result["scheduled"].Action));
    }

    [Fact]
    public void Stages_may_be_partial_keep_rules_still_apply_and_a_failed_image_waits_for_deregistration()
    {
        var disableOnly = new LifecycleStages(null, TimeSpan.FromDays(60), null);
        var used = Image("used", 100, inUse: true);
        used.UsedBy = ["i-0123456789abcdef0 (stopped)"];
        var shared = Image("public", 100);
        shared.IsPublic = true;

        var result = Staged(disableOnly, Image("newest", 1), Image("d50", 50), Image("d100", 100), Image("failed", 100, "failed"), used, shared);

        Assert.Equal(KeepReason.TooYoung, result["d50"].Keep);
        Assert.Equal((KeepReason.None, RetireAction.Disable), (result["d100"].Keep, result["d100"].Action));
        Assert.Equal(KeepReason.AlreadyRetired, result["failed"].Keep);
        Assert.Equal(KeepReason.InUse, result["used"].Keep);
        Assert.Equal(KeepReason.Shared, result["public"].Keep);
        Assert.Equal(RetireAction.Deregister, Staged(ThirtySixtyNinety, Image("newest", 1), Image("failed", 100, "failed"))["failed"].Action);
    }

    [Fact]
    public void Stages_must_grow_in_order()
    {
        var options = Options(o => o.Stages = new LifecycleStages(TimeSpan.FromDays(60), TimeSpan.FromDays(30), null));

        var error = Assert.Throws<CloudCompose.Image.Errors.CloudComposeException>(() => RetirementPlanner.Decide([Image("a", 1)], options));

        Assert.Equal(("LifecycleStagesOutOfOrder", "DisableAfter"), (error.ErrorId, error.Target));
        Assert.Contains("-DisableAfter (30d) must be longer than -DeprecateAfter (60d)", error.Message);
    }
}
