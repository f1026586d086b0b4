using Amazon.EC2.Model;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Xunit;

namespace CloudCompose.Image.Emulator.Tests;

public sealed class PaginationTests : EmulatorTest
{
    [Fact]
    public async Task Images_paginator_walks_every_page_once()
    {
        State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "img-{i}", Count = 2500 }] });
        State.ResetCounters();
        var seen = new List<string>();
        await foreach (var img in Ec2.Paginators.DescribeImages(new DescribeImagesRequest { Owners = ["self"], MaxResults = 1000 }).Images)
            seen.Add(img.ImageId);
        Assert.Equal(2500, seen.Count);
        Assert.Equal(2500, seen.Distinct().Count());
        Assert.Equal(3, State.Count("DescribeImages"));
        var unpaged = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["self"] });
        Assert.Equal(2500, unpaged.Images.Count);
        Assert.Null(unpaged.NextToken);
    }

    [Fact]
    public async Task MaxResults_bounds_follow_EC2()
    {
        await Fails(() => Ec2.DescribeImagesAsync(new DescribeImagesRequest { MaxResults = 0 }), "InvalidParameterValue");
        await Fails(() => Ec2.DescribeImagesAsync(new DescribeImagesRequest { MaxResults = 1001 }), "InvalidParameterValue");
        await Ec2.DescribeImagesAsync(new DescribeImagesRequest { MaxResults = 1 });
        var e = await Fails(() => Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { MaxResults = 4 }), "InvalidParameterValue");
        Assert.Contains("maxResults", e.Message);
        await Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { MaxResults = 5 });
        await Fails(() => Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { MaxResults = 1001 }), "InvalidParameterValue");
        await Fails(() => Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { MaxResults = 5, InstanceIds = ["i-0123456789abcdef0"] }), "InvalidParameterCombination");
        await Fails(() => Ec2.DescribeTagsAsync(new DescribeTagsRequest { MaxResults = 4 }), "InvalidParameterValue");
        await Fails(() => Ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { MaxResults = 1 }), "InvalidParameterValue");
    }

    [Fact]
    public async Task Invalid_or_foreign_tokens_are_rejected()
    {
        State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "i-{i}", Count = 3 }] });
        await Fails(() => Ec2.DescribeImagesAsync(new DescribeImagesRequest { NextToken = "garbage!" }), "InvalidPaginationToken");
        var page = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { MaxResults = 1 });
        Assert.NotNull(page.NextToken);
        await Fails(() => Ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { NextToken = page.NextToken }), "InvalidPaginationToken");
        var next = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { MaxResults = 1, NextToken = page.NextToken });
        Assert.NotEqual(page.Images[0].ImageId, next.Images[0].ImageId);
    }

    [Fact]
    public async Task Instances_tags_and_snapshots_page()
    {
        var ami = SeedImage();
        State.Seed(new Admin.SeedSpec { Instances = [new Admin.SeedInstance { ImageId = ami, Count = 12, State = "stopped", Tags = new() { ["t"] = "v" } }] });
        var ids = new List<string>();
        await foreach (var r in Ec2.Paginators.DescribeInstances(new DescribeInstancesRequest { MaxResults = 5 }).Reservations)
            ids.AddRange(r.Instances.Select(i => i.InstanceId));
        Assert.Equal(12, ids.Distinct().Count());
        var tags = new List<string>();
        await foreach (var t in Ec2.Paginators.DescribeTags(new DescribeTagsRequest { MaxResults = 5 }).Tags) tags.Add(t.ResourceId);
        Assert.Equal(12, tags.Count);
        State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "s-{i}", Count = 7 }] });
        var snaps = 0;
        await foreach (var _ in Ec2.Paginators.DescribeSnapshots(new DescribeSnapshotsRequest { OwnerIds = ["self"], MaxResults = 5 }).Snapshots) snaps++;
        Assert.Equal(8, snaps);
    }
}
