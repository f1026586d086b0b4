using Amazon.EC2.Model;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Xunit;

namespace CloudCompose.Image.Emulator.Tests;

public sealed class ImageUsageReportTests : EmulatorTest
{
    [Fact]
    public async Task A_report_is_pending_then_lists_the_accounts_that_use_the_image_per_resource_type()
    {
        var seed = State.Seed(new Admin.SeedSpec
        {
            Images = [new Admin.SeedImage { Name = "shared", SharedWith = ["210987654321", "111122223333"] }],
            ForeignUsage =
            [
                new Admin.SeedForeignUsage { ImageName = "shared", AccountId = "210987654321", ResourceType = "ec2:Instance", Count = 3 },
                new Admin.SeedForeignUsage { ImageName = "shared", AccountId = "210987654321", ResourceType = "ec2:LaunchTemplate", Count = 1 },
                new Admin.SeedForeignUsage { ImageName = "shared", AccountId = "444455556666", ResourceType = "ec2:Instance", Count = 1 },
            ],
        });
        var image = seed.ImageIds[0];

        var created = await Ec2.CreateImageUsageReportAsync(new CreateImageUsageReportRequest
        {
            ImageId = image,
            ResourceTypes = [new ImageUsageResourceTypeRequest { ResourceType = "ec2:Instance" }, new ImageUsageResourceTypeRequest { ResourceType = "ec2:LaunchTemplate" }],
            AccountIds = ["210987654321", "111122223333"],
            TagSpecifications = [new TagSpecification { ResourceType = "image-usage-report", Tags = [new Tag("team", "web")] }],
        });
        Assert.StartsWith("amiur-", created.ReportId);

        var pending = Assert.Single((await Ec2.DescribeImageUsageReportsAsync(new DescribeImageUsageReportsRequest { ImageIds = [image] })).ImageUsageReports);
        Assert.Equal(("pending", image, created.ReportId), (pending.State, pending.ImageId, pending.ReportId));
        Assert.Equal(["111122223333", "210987654321"], pending.AccountIds.Order());
        Assert.Equal("20", pending.ResourceTypes.Single(t => t.ResourceType == "ec2:LaunchTemplate").ResourceTypeOptions.Single().OptionValues.Single().ToString()); // documented default depth
        Assert.Equal(State.Clock.UtcNow.AddDays(30), pending.ExpirationTime!.Value.ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.Equal("web", pending.Tags.Single().Value);
        Assert.Empty((await Ec2.DescribeImageUsageReportEntriesAsync(new DescribeImageUsageReportEntriesRequest { ReportIds = [created.ReportId] })).ImageUsageReportEntries ?? []);

        Advance(State.Delays.UsageReportDelay.TotalSeconds);
        var available = await Ec2.DescribeImageUsageReportsAsync(new DescribeImageUsageReportsRequest { Filters = [new Filter("state", ["available"])] });
        Assert.Equal(created.ReportId, Assert.Single(available.ImageUsageReports).ReportId);
        var entries = (await Ec2.DescribeImageUsageReportEntriesAsync(new DescribeImageUsageReportEntriesRequest { ReportIds = [created.ReportId] })).ImageUsageReportEntries;
        Assert.Equal(
            new[] { ("210987654321", "ec2:Instance", 3L), ("210987654321", "ec2:LaunchTemplate", 1L) },
            entries.Select(e => (e.AccountId, e.ResourceType, e.UsageCount!.Value)).Order()); // 444455556666 was not asked about
        var filtered = await Ec2.DescribeImageUsageReportEntriesAsync(new DescribeImageUsageReportEntriesRequest { ImageIds = [image], Filters = [new Filter("resource-type", ["ec2:Instance"])] });
        Assert.Equal(3, Assert.Single(filtered.ImageUsageReportEntries).UsageCount);

        Advance(TimeSpan.FromDays(30).TotalSeconds);
        Assert.Empty((await Ec2.DescribeImageUsageReportsAsync(new DescribeImageUsageReportsRequest())).ImageUsageReports ?? []);
    }

    [Fact]
    public async Task Parameters_are_checked_and_a_client_token_makes_the_call_idempotent()
    {
        var image = SeedImage();
        CreateImageUsageReportRequest Request(Action<CreateImageUsageReportRequest>? tweak = null)
        {
            var request = new CreateImageUsageReportRequest { ImageId = image, ResourceTypes = [new ImageUsageResourceTypeRequest { ResourceType = "ec2:Instance" }], ClientToken = "token-1" };
            tweak?.Invoke(request);
            return request;
        }

        var first = await Ec2.CreateImageUsageReportAsync(Request());
        var again = await Ec2.CreateImageUsageReportAsync(Request());

        Assert.Equal(first.ReportId, again.ReportId);
        await Fails(() => Ec2.CreateImageUsageReportAsync(Request(r => r.AccountIds = ["210987654321"])), "IdempotentParameterMismatch");
        await Fails(() => Ec2.CreateImageUsageReportAsync(Request(r => { r.ClientToken = null; r.ResourceTypes = [new ImageUsageResourceTypeRequest { ResourceType = "ssm:Parameter" }]; })), "InvalidParameterValue");
        await Fails(() => Ec2.CreateImageUsageReportAsync(Request(r => { r.ClientToken = null; r.ResourceTypes = [new ImageUsageResourceTypeRequest { ResourceType = "ec2:Instance", ResourceTypeOptions = [new ImageUsageResourceTypeOptionRequest { OptionName = "version-depth", OptionValues = ["5"] }] }]; })), "InvalidParameterValue");
        await Fails(() => Ec2.CreateImageUsageReportAsync(Request(r => { r.ClientToken = null; r.ResourceTypes = [new ImageUsageResourceTypeRequest { ResourceType = "ec2:LaunchTemplate", ResourceTypeOptions = [new ImageUsageResourceTypeOptionRequest { OptionName = "version-depth", OptionValues = ["10001"] }] }]; })), "InvalidParameterValue");
        await Fails(() => Ec2.CreateImageUsageReportAsync(Request(r => { r.ClientToken = null; r.AccountIds = Enumerable.Range(0, 201).Select(i => $"{100000000000L + i}").ToList(); })), "InvalidParameterValue");
        await Fails(() => Ec2.CreateImageUsageReportAsync(Request(r => { r.ClientToken = null; r.TagSpecifications = [new TagSpecification { ResourceType = "image", Tags = [new Tag("a", "b")] }]; })), "InvalidParameterValue");
        await Fails(() => Ec2.DescribeImageUsageReportsAsync(new DescribeImageUsageReportsRequest { MaxResults = 0 }), "InvalidParameterValue");
    }

    [Fact]
    public async Task A_report_that_fails_ends_in_state_error_with_no_entries()
    {
        var image = SeedImage();
        State.Faults.FailNextUsageReports();
        var created = await Ec2.CreateImageUsageReportAsync(new CreateImageUsageReportRequest { ImageId = image, ResourceTypes = [new ImageUsageResourceTypeRequest { ResourceType = "ec2:Instance" }] });

        Advance(State.Delays.UsageReportDelay.TotalSeconds);

        var report = Assert.Single((await Ec2.DescribeImageUsageReportsAsync(new DescribeImageUsageReportsRequest { ReportIds = [created.ReportId] })).ImageUsageReports);
        Assert.Equal("error", report.State);
        Assert.NotEmpty(report.StateReason);
    }
}
