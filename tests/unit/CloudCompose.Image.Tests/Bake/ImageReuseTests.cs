using CloudCompose.Image.Bake;
using CloudCompose.Image.Emulator.Admin;

namespace CloudCompose.Image.Tests.Bake;

/// <summary>Which existing image a build may return instead of running, against the Emulator's DescribeImages.</summary>
public sealed class ImageReuseTests : ReleaseEmulatorTest
{
    private const string Print = "aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000";
    private string Seed(string name, double ageDays, string fingerprint = Print, string version = "1.0", string state = "available", DateTime? deprecated = null, bool testFailed = false)
    {
        var tags = new Dictionary<string, string> { ["ImageName"] = "web", ["ImageVersion"] = version, [BuildFingerprint.TagKey] = fingerprint };
        if (testFailed)
        {
            tags[ImageTestRun.ResultTag] = "failed";
        }

        return Emulator.State.Seed(new SeedSpec { Images = [new SeedImage { Name = name, AgeDays = ageDays, Tags = tags, State = state, DeprecationTime = deprecated }] }).ImageIds[0];
    }

    private async Task<ReuseDecision> Decide(bool force = false, TimeSpan? maxAge = null) =>
        ImageReuse.Decide(await ImageReuse.FingerprintedImagesAsync(Ec2, CancellationToken.None), Emulator.Config(""), Print, force, maxAge, Emulator.State.Clock.UtcNow);

    [Fact]
    public async Task The_newest_available_image_of_the_same_name_version_and_fingerprint_is_reused()
    {
        Seed("web_1.0_old", 9);
        var newest = Seed("web_1.0_new", 3);
        Seed("web_1.0_other", 1, fingerprint: "b" + Print[1..]);
        Seed("web_2.0_same", 1, version: "2.0");
        Seed("web_1.0_failed", 0.5, testFailed: true);
        Seed("web_1.0_deprecated", 0.2, deprecated: Emulator.State.Clock.UtcNow.AddHours(-1));
        Seed("web_1.0_disabled", 0.1, state: "disabled");
        Emulator.State.Seed(new SeedSpec { Images = [new SeedImage { Name = "web_1.0_untagged", Tags = new() { ["ImageName"] = "web", ["ImageVersion"] = "1.0" } }] });

        var decision = await Decide();

        Assert.Equal(newest, decision.Image!.ImageId);
        Assert.Equal($"unchanged: reusing {newest} built 3d ago", decision.Reason);
        Assert.Equal(1, Emulator.State.Count("DescribeImages"));
    }

    [Fact]
    public async Task Force_and_MaxAge_build_anyway_and_say_why()
    {
        var image = Seed("web_1.0_a", 40);
        var forced = await Decide(force: true);
        Assert.Null(forced.Image);
        Assert.Equal($"{image} built 40d ago has the same fingerprint aaaaaaaaaaaa; building anyway (-Force)", forced.Reason);

        var old = await Decide(maxAge: TimeSpan.FromDays(30));
        Assert.Null(old.Image);
        Assert.Equal($"{image} built 40d ago has the same fingerprint aaaaaaaaaaaa but is older than -MaxAge 30d", old.Reason);
        Assert.Equal(image, (await Decide(maxAge: TimeSpan.FromDays(41))).Image!.ImageId);
    }

    [Fact]
    public async Task Without_a_match_the_reason_names_the_fingerprint()
    {
        var decision = await Decide();
        Assert.Null(decision.Image);
        Assert.Equal("no image of web:1.0 has fingerprint aaaaaaaaaaaa yet", decision.Reason);
    }

    [Fact]
    public async Task The_listing_pages_through_many_images()
    {
        Emulator.State.Seed(new SeedSpec { Images = [new SeedImage { Name = "bulk-{i}", Count = 2100, Tags = new() { [BuildFingerprint.TagKey] = "c" + Print[1..] } }] });
        Seed("web_1.0_a", 2);
        var all = await ImageReuse.FingerprintedImagesAsync(Ec2, CancellationToken.None);
        Assert.Equal(2101, all.Count);
        Assert.Equal(3, Emulator.State.Count("DescribeImages"));
    }

    [Theory]
    [InlineData(0.2, "1m")]
    [InlineData(59, "59m")]
    [InlineData(61, "1h")]
    [InlineData(60 * 24 * 3 + 5, "3d")]
    public void Ages_read_as_people_say_them(double minutes, string expected) =>
        Assert.Equal(expected, ImageReuse.Age(TimeSpan.FromMinutes(minutes)));
}
