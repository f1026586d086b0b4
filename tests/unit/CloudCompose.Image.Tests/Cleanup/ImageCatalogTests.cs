using CloudCompose.Image.Cleanup;
using CloudCompose.Image.Emulator.Admin;

namespace CloudCompose.Image.Tests.Cleanup;

public class ImageCatalogTests : IAsyncLifetime
{
    private CleanupEmulator emulator = null!;

    public async Task InitializeAsync() => emulator = await CleanupEmulator.StartAsync();

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    private async Task<ImageListing> List(ImageQuery query)
    {
        using var catalog = new ImageCatalog(emulator.Connection);
        return await catalog.ListAsync(query, CancellationToken.None);
    }

    [Fact]
    public async Task Lists_only_owned_images_tagged_ImageName_newest_first_per_name_and_version_disabled_included()
    {
        var old = emulator.Image("web", "1.0", 30);
        var newest = emulator.Image("web", "1.0", 1);
        var disabled = emulator.Image("web", "1.0", 10, i => i.State = "disabled");
        var api = emulator.Image("api", "2.0", 5, i => { i.DeregistrationProtection = true; i.LastLaunchedTime = DateTime.UtcNow.AddDays(-1); });
        emulator.State.Seed(new SeedSpec
        {
            Images =
            [
                new SeedImage { Name = "untagged", AgeDays = 3 },
                new SeedImage { Name = "someone-elses", OwnerId = "210987654321", SharedWith = ["123456789012"], Tags = CleanupEmulator.Tags("web", "1.0") },
            ],
        });

        var images = (await List(new ImageQuery())).Images;

        Assert.Equal(new[] { api, newest, disabled, old }, images.Select(i => i.ImageId));
        var first = images[1];
        Assert.Equal("web", first.Name);
        Assert.Equal("1.0", first.Version);
        Assert.Equal("available", first.State);
        Assert.Equal("us-east-1", first.Region);
        Assert.Single(first.SnapshotIds);
        Assert.Equal("web:1.0", first.Tags["Name"]);
        Assert.InRange(first.Age!.Value.TotalDays, 0.9, 1.1);
        Assert.Equal("disabled", images[2].State);
        Assert.True(images[0].DeregistrationProtection);
        Assert.NotNull(images[0].LastLaunchedTime);
        Assert.All(images, i => Assert.False(i.InUse));
    }

    [Fact]
    public async Task Usage_counts_pending_running_stopping_stopped_instances_and_the_default_and_latest_template_versions()
    {
        var ids = Enumerable.Range(0, 9).Select(n => emulator.Image("web", "1.0", 10 + n)).ToArray();
        emulator.Instance(ids[0], "running");
        emulator.Instance(ids[1], "stopped");
        emulator.Instance(ids[2], "pending");
        emulator.Instance(ids[3], "stopping");
        emulator.Instance(ids[4], "terminated");
        emulator.Instance(ids[5], "shutting-down");
        // Version 1 of 30 names ids[6] (neither $Default nor $Latest); the default (15) names ids[7], the latest (30) ids[8].
        var versions = Enumerable.Range(1, 30).Select(v => new SeedLaunchTemplateVersion { ImageId = v == 1 ? ids[6] : v == 15 ? ids[7] : v == 30 ? ids[8] : null }).ToList();
        emulator.State.Seed(new SeedSpec { LaunchTemplates = [new SeedLaunchTemplate { Name = "asg-web", Versions = versions, DefaultVersion = 15 }] });

        var images = (await List(new ImageQuery())).Images.ToDictionary(i => i.ImageId);
        var referenced = (await List(new ImageQuery { IncludeReferences = true })).Images.ToDictionary(i => i.ImageId);

        Assert.True(images[ids[0]].InUse);
        Assert.Matches(@"^i-[0-9a-f]+ \(running\)$", Assert.Single(images[ids[0]].UsedBy));
        Assert.True(images[ids[1]].InUse);
        Assert.True(images[ids[2]].InUse);
        Assert.True(images[ids[3]].InUse);
        Assert.False(images[ids[4]].InUse);
        Assert.False(images[ids[5]].InUse);
        Assert.Matches(@"^lt-[0-9a-f]+:15 \(asg-web\)$", Assert.Single(images[ids[7]].UsedBy));
        Assert.Matches(@"^lt-[0-9a-f]+:30 \(asg-web\)$", Assert.Single(images[ids[8]].UsedBy));
        Assert.False(images[ids[6]].InUse); // an older version is for DescribeImageReferences to find:
        Assert.True(referenced[ids[6]].InUse);
        Assert.Matches(@"^ec2:LaunchTemplate arn:aws:ec2:us-east-1:123456789012:launch-template/lt-[0-9a-f]+$", Assert.Single(referenced[ids[6]].UsedBy));
        Assert.True(referenced[ids[5]].InUse); // and it sees shutting-down instances too
        Assert.False(referenced[ids[4]].InUse); // but never terminated ones
    }

    [Fact]
    public async Task Usage_is_one_batched_pass_never_a_call_per_image()
    {
        emulator.State.Seed(new SeedSpec
        {
            Images = new[] { "web", "api", "db" }.Select(n => new SeedImage { Name = n + "_1.0_{i}", Count = 250, AgeDays = 20, Tags = CleanupEmulator.Tags(n, "1.0") }).ToList(),
            LaunchTemplates = [new SeedLaunchTemplate { Name = "a", Versions = [new SeedLaunchTemplateVersion { ImageName = "web_1.0_7" }] }, new SeedLaunchTemplate { Name = "b" }],
            Instances = [new SeedInstance { ImageName = "api_1.0_3", State = "running", Count = 5 }],
        });
        emulator.State.ResetCounters();

        var images = (await List(new ImageQuery())).Images;

        Assert.Equal(750, images.Count);
        Assert.Equal(2, images.Count(i => i.InUse == true)); // web_1.0_7 (template) + api_1.0_3 (5 instances, one image)
        Assert.Equal(1, emulator.State.Count("DescribeImages"));
        Assert.Equal(4, emulator.State.Count("DescribeInstances")); // 750 ids in chunks of 200
        Assert.Equal(0, emulator.State.Count("DescribeLaunchTemplates"));
        Assert.Equal(1, emulator.State.Count("DescribeLaunchTemplateVersions")); // $Default and $Latest of every template at once
        Assert.Equal(0, emulator.State.Count("DescribeImageReferences"));
        Assert.Equal(0, emulator.State.Count("DescribeImageAttribute"));
    }

    [Fact]
    public async Task Past_ten_chunks_of_ids_the_instances_in_using_states_are_scanned_once_instead()
    {
        emulator.State.Seed(new SeedSpec { Images = [new SeedImage { Name = "web_1.0_{i}", Count = 2_001, AgeDays = 20, Tags = CleanupEmulator.Tags("web", "1.0") }, new SeedImage { Name = "other" }] });
        emulator.State.Seed(new SeedSpec
        {
            Instances = [new SeedInstance { ImageName = "web_1.0_1999", State = "stopped" }, new SeedInstance { ImageName = "other", State = "running" }, new SeedInstance { ImageName = "web_1.0_5", State = "terminated" }],
        });
        emulator.State.ClearRequestLog();

        var images = (await List(new ImageQuery())).Images;

        var scan = Assert.Single(emulator.State.RequestLog, e => e.Action == "DescribeInstances").Parameters;
        Assert.DoesNotContain(scan.Values, v => v == "image-id");
        Assert.Equal("web_1.0_1999", Assert.Single(images, i => i.InUse == true).ImageName);
    }

    [Fact]
    public async Task SkipUsage_lists_with_DescribeImages_alone()
    {
        emulator.Image("web", "1.0", 3);
        emulator.State.ResetCounters();

        var image = Assert.Single((await List(new ImageQuery { SkipUsage = true })).Images);

        Assert.Null(image.InUse);
        Assert.Equal(new[] { "DescribeImages" }, emulator.State.Counters.Keys);
    }

    [Fact]
    public async Task Name_and_version_filters_go_to_EC2_and_brackets_are_matched_locally()
    {
        emulator.Image("web", "1.0", 3);
        emulator.Image("web", "2.0", 3);
        emulator.Image("wab", "1.0", 3);
        emulator.Image("api", "1.0", 3);
        emulator.State.ClearRequestLog();

        var web = (await List(new ImageQuery { Names = ["we*"], Versions = ["2.?"], SkipUsage = true })).Images;
        var request = Assert.Single(emulator.State.RequestLog, r => r.Action == "DescribeImages");
        var bracket = (await List(new ImageQuery { Names = ["w[ae]b"], SkipUsage = true })).Images;

        Assert.Equal(("web", "2.0"), (Assert.Single(web).Name, web[0].Version));
        Assert.Contains(request.Parameters, p => p.Value == "tag:ImageName");
        Assert.Contains(request.Parameters, p => p.Value == "tag:ImageVersion");
        Assert.Equal(new[] { "wab", "web", "web" }, bracket.Select(i => i.Name));
    }

    [Fact]
    public async Task Ids_that_are_not_tagged_images_of_this_account_are_reported_missing()
    {
        var web = emulator.Image("web", "1.0", 3);
        var untagged = emulator.State.Seed(new SeedSpec { Images = [new SeedImage { Name = "plain" }] }).ImageIds[0];

        var listing = await List(new ImageQuery { ImageIds = [web, untagged, "ami-0123456789abcdef0"] });

        Assert.Equal(web, Assert.Single(listing.Images).ImageId);
        Assert.Equal(new[] { untagged, "ami-0123456789abcdef0" }, listing.MissingImageIds);
    }
}
