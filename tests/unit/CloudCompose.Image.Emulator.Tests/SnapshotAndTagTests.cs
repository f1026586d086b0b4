using Amazon.EC2.Model;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Xunit;

namespace CloudCompose.Image.Emulator.Tests;

public sealed class SnapshotAndTagTests : EmulatorTest
{
    [Fact]
    public async Task DeleteSnapshot_refuses_while_an_image_uses_it()
    {
        var seed = State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "a" }] });
        var snap = seed.SnapshotIds[0];
        var e = await Fails(() => Ec2.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = snap }), "InvalidSnapshot.InUse");
        Assert.Contains(seed.ImageIds[0], e.Message);
        await Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = seed.ImageIds[0] });
        await Ec2.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = snap });
        await Fails(() => Ec2.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = snap }), "InvalidSnapshot.NotFound");
        await Fails(() => Ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { SnapshotIds = [snap] }), "InvalidSnapshot.NotFound");
        await Fails(() => Ec2.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = "snap-1" }), "InvalidSnapshotID.Malformed");
    }

    [Fact]
    public async Task DescribeSnapshots_filters_and_owner_scope()
    {
        var seed = State.Seed(new Admin.SeedSpec
        {
            Images = [new Admin.SeedImage { Name = "a", SnapshotCount = 2 }, new Admin.SeedImage { Name = "theirs", OwnerId = "210987654321", Public = true }],
        });
        await Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [seed.SnapshotIds[0]], Tags = [new Tag("keep", "yes")] });
        var mine = await Ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { OwnerIds = ["self"] });
        Assert.Equal(2, mine.Snapshots.Count);
        var tagged = await Ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { Filters = [new Filter("tag:keep", ["yes"])] });
        Assert.Equal(seed.SnapshotIds[0], Assert.Single(tagged.Snapshots).SnapshotId);
        var byId = await Ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { Filters = [new Filter("snapshot-id", [seed.SnapshotIds[1]]), new Filter("status", ["completed"])] });
        Assert.Single(byId.Snapshots);
        var desc = await Ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { Filters = [new Filter("description", [$"*{seed.ImageIds[0]}"])] });
        Assert.Equal(2, desc.Snapshots.Count);
        Assert.Equal("123456789012", desc.Snapshots[0].OwnerId);
        await Fails(() => Ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { SnapshotIds = [seed.SnapshotIds[0]], MaxResults = 5 }), "InvalidParameterCombination");
    }

    [Fact]
    public async Task CreateTags_DeleteTags_DescribeTags()
    {
        var ami = SeedImage();
        var inst = await Launch(ami);
        await Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [ami, inst.InstanceId], Tags = [new Tag("env", "dev"), new Tag("owner", "me")] });
        var all = await Ec2.DescribeTagsAsync(new DescribeTagsRequest());
        Assert.Equal(4, all.Tags.Count);
        var images = await Ec2.DescribeTagsAsync(new DescribeTagsRequest { Filters = [new Filter("resource-type", ["image"])] });
        Assert.Equal(2, images.Tags.Count);
        Assert.All(images.Tags, t => Assert.Equal(ami, t.ResourceId));
        var byKey = await Ec2.DescribeTagsAsync(new DescribeTagsRequest { Filters = [new Filter("key", ["own*"]), new Filter("resource-id", [inst.InstanceId])] });
        Assert.Equal("me", Assert.Single(byKey.Tags).Value);
        var byValue = await Ec2.DescribeTagsAsync(new DescribeTagsRequest { Filters = [new Filter("value", ["de?"])] });
        Assert.Equal(2, byValue.Tags.Count);

        await Ec2.DeleteTagsAsync(new DeleteTagsRequest { Resources = [ami], Tags = [new Tag { Key = "env", Value = "prod" }] });
        Assert.Equal(2, (await DescribeImage(ami)).Tags.Count);
        await Ec2.DeleteTagsAsync(new DeleteTagsRequest { Resources = [ami], Tags = [new Tag { Key = "env" }] });
        Assert.Equal("owner", Assert.Single((await DescribeImage(ami)).Tags).Key);

        await Fails(() => Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = ["ami-0123456789abcdef0"], Tags = [new Tag("a", "b")] }), "InvalidAMIID.NotFound");
        await Fails(() => Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [ami], Tags = [new Tag("aws:x", "b")] }), "InvalidParameterValue");
        var many = Enumerable.Range(0, 50).Select(i => new Tag($"k{i}", "v")).ToList();
        await Fails(() => Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [ami], Tags = many }), "TagLimitExceeded");
    }

    [Fact]
    public async Task Tag_filters_on_instances_and_images()
    {
        var a = SeedImage("web-1", tags: new() { ["role"] = "web", ["stage"] = "1" });
        SeedImage("db-1", tags: new() { ["role"] = "db" });
        SeedImage("untagged");
        var web = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["self"], Filters = [new Filter("tag:role", ["web", "api"])] });
        Assert.Equal(a, Assert.Single(web.Images).ImageId);
        var keyed = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { Filters = [new Filter("tag-key", ["role"])] });
        Assert.Equal(2, keyed.Images.Count);
        var valued = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { Filters = [new Filter("tag-value", ["d*"])] });
        Assert.Equal("db-1", Assert.Single(valued.Images).Name);
        var anded = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { Filters = [new Filter("tag:role", ["*"]), new Filter("name", ["db-?"])] });
        Assert.Equal("db-1", Assert.Single(anded.Images).Name);
        var stateAndOwner = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { Filters = [new Filter("state", ["available"]), new Filter("owner-id", ["123456789012"]), new Filter("description", ["*"])] });
        Assert.True(stateAndOwner.Images is null or { Count: 0 });

        var i1 = await Launch(a, tweak: r => r.TagSpecifications = [new TagSpecification { ResourceType = "instance", Tags = [new Tag("cc:build", "b-1")] }]);
        await Launch(a);
        var tagged = await Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new Filter("tag:cc:build", ["b-*"])] });
        Assert.Equal(i1.InstanceId, Assert.Single(Assert.Single(tagged.Reservations).Instances).InstanceId);
        var running = await Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new Filter("instance-state-name", ["running", "stopped"])] });
        Assert.True(running.Reservations is null or { Count: 0 });
        var byImage = await Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new Filter("image-id", [a]), new Filter("instance-id", [i1.InstanceId])] });
        Assert.Single(byImage.Reservations);
    }

    [Theory]
    [InlineData("nmae")]
    [InlineData("tag:")]
    [InlineData("instance-state")]
    public async Task Unsupported_filter_names_are_rejected(string name)
    {
        var e = await Fails(() => Ec2.DescribeImagesAsync(new DescribeImagesRequest { Filters = [new Filter(name, ["x"])] }), "InvalidParameterValue");
        Assert.Equal($"The filter '{name}' is invalid", e.Message);
        await Fails(() => Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new Filter(name == "instance-state" ? "state" : name, ["x"])] }), "InvalidParameterValue");
    }
}
