using System.Diagnostics;
using Amazon.EC2.Model;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace CloudCompose.Image.Emulator.Tests;

/// <summary>Prints figures rather than asserting on time: the shared machine's speed varies.</summary>
public sealed class PerformanceTests(ITestOutputHelper output) : EmulatorTest
{
    [Fact]
    public async Task Seeding_10000_images_and_paging_through_them_with_the_SDK()
    {
        var sw = Stopwatch.StartNew();
        State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "perf-{i}", Count = 10_000, Tags = new() { ["cc:recipe"] = "perf" } }] });
        var seedMs = sw.ElapsedMilliseconds;
        sw.Restart();
        var n = 0;
        await foreach (var _ in Ec2.Paginators.DescribeImages(new DescribeImagesRequest { Owners = ["self"], MaxResults = 1000 }).Images) n++;
        var pageMs = sw.ElapsedMilliseconds;
        Assert.Equal(10_000, n);
        var calls = State.Count("DescribeImages");
        // The same pages over raw HTTP separate the emulator's own cost from the SDK's XML parsing.
        using var http = new HttpClient { BaseAddress = Emulator.ServiceUrl };
        sw.Restart();
        var raw = await http.GetStringAsync("/?Action=DescribeImages&Version=2016-11-15&Owner.1=self");
        var rawMs = sw.ElapsedMilliseconds;
        Assert.Contains("perf-9999", raw);
        var line = $"emulator perf: seeded 10000 images in {seedMs} ms; paged all {n} with the SDK paginator (1000/page, {State.Count("DescribeImages")} calls) in {pageMs} ms; "
            + $"all 10000 in one raw HTTP call ({raw.Length / 1024} KiB) in {rawMs} ms";
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
