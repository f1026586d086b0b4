using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Xunit;

namespace CloudCompose.Image.Emulator.Tests;

public sealed class ImageTests : EmulatorTest
{
    private async Task<Instance> StoppedBuilder()
    {
        var inst = await Launch(SeedImage(), tweak: r => r.BlockDeviceMappings =
        [
            new BlockDeviceMapping { DeviceName = "/dev/xvda", Ebs = new EbsBlockDevice { VolumeSize = 20 } },
            new BlockDeviceMapping { DeviceName = "/dev/xvdb", Ebs = new EbsBlockDevice { VolumeSize = 50, VolumeType = VolumeType.Gp3 } },
        ]);
        Advance(5 + 60 + 10);
        Assert.Equal(InstanceStateName.Stopped, (await Describe(inst.InstanceId)).State.Name);
        return inst;
    }

    [Fact]
    public async Task CreateImage_makes_a_pending_image_with_one_tagged_snapshot_per_volume_then_available()
    {
        var inst = await StoppedBuilder();
        var resp = await Ec2.CreateImageAsync(new CreateImageRequest
        {
            InstanceId = inst.InstanceId, Name = "cc-web (2026.11) [x86_64] v1.0/final", Description = "web", NoReboot = true,
            TagSpecifications =
            [
                new TagSpecification { ResourceType = ResourceType.Image, Tags = [new Tag("cc:recipe", "web")] },
                new TagSpecification { ResourceType = ResourceType.Snapshot, Tags = [new Tag("cc:image", "web")] },
            ],
        });
        var img = await DescribeImage(resp.ImageId);
        Assert.Equal(ImageState.Pending, img.State);
        Assert.Equal("cc-web (2026.11) [x86_64] v1.0/final", img.Name);
        Assert.Equal("web", img.Description);
        Assert.Equal("123456789012", img.OwnerId);
        Assert.Equal("web", img.Tags.Single(t => t.Key == "cc:recipe").Value);
        Assert.Equal(inst.InstanceId, img.SourceInstanceId);
        Assert.Equal("2026-11-26T10:01:15.000Z", img.CreationDate);
        Assert.False(img.Public);
        Assert.Equal("/dev/xvda", img.RootDeviceName);
        Assert.Equal(2, img.BlockDeviceMappings.Count);
        Assert.Equal(50, img.BlockDeviceMappings.Single(b => b.DeviceName == "/dev/xvdb").Ebs.VolumeSize);
        var snaps = await Ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { OwnerIds = ["self"], Filters = [new Filter("tag:cc:image", ["web"])] });
        Assert.Equal(2, snaps.Snapshots.Count);
        Assert.All(snaps.Snapshots, s => Assert.Equal("web", s.Tags.Single().Value));
        Assert.All(snaps.Snapshots, s => Assert.Equal(SnapshotState.Pending, s.State));
        Assert.Equal(img.BlockDeviceMappings.Select(b => b.Ebs.SnapshotId).Order(), snaps.Snapshots.Select(s => s.SnapshotId).Order());
        Advance(30);
        Assert.Equal(ImageState.Available, (await DescribeImage(resp.ImageId)).State);
        var done = await Ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { OwnerIds = ["self"], Filters = [new Filter("tag-key", ["cc:image"])] });
        Assert.All(done.Snapshots, s => Assert.Equal(SnapshotState.Completed, s.State));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("bad*name")]
    [InlineData("semi;colon")]
    public async Task CreateImage_rejects_malformed_names(string name)
    {
        var inst = await StoppedBuilder();
        await Fails(() => Ec2.CreateImageAsync(new CreateImageRequest { InstanceId = inst.InstanceId, Name = name }), "InvalidAMIName.Malformed");
    }

    [Fact]
    public async Task CreateImage_rejects_long_names_duplicates_and_wrong_states()
    {
        var inst = await StoppedBuilder();
        await Fails(() => Ec2.CreateImageAsync(new CreateImageRequest { InstanceId = inst.InstanceId, Name = new string('a', 129) }), "InvalidAMIName.Malformed");
        await Ec2.CreateImageAsync(new CreateImageRequest { InstanceId = inst.InstanceId, Name = new string('a', 128) });
        await Fails(() => Ec2.CreateImageAsync(new CreateImageRequest { InstanceId = inst.InstanceId, Name = new string('a', 128) }), "InvalidAMIName.Duplicate");
        // The same name is free in another region.
        var west = Client("us-west-2");
        var westInst = await Launch(SeedImage(region: "us-west-2"), client: west);
        await Fails(() => west.CreateImageAsync(new CreateImageRequest { InstanceId = westInst.InstanceId, Name = "pending-one" }), "IncorrectInstanceState");
        Advance(5);
        await west.CreateImageAsync(new CreateImageRequest { InstanceId = westInst.InstanceId, Name = new string('a', 128) });
        await Fails(() => Ec2.CreateImageAsync(new CreateImageRequest { InstanceId = "i-0123456789abcdef0", Name = "abc" }), "InvalidInstanceID.NotFound");
        await Fails(() => Ec2.CreateImageAsync(new CreateImageRequest { InstanceId = inst.InstanceId }), "MissingParameter");
    }

    [Fact]
    public async Task Image_faults_make_images_end_failed()
    {
        var inst = await StoppedBuilder();
        State.Faults.FailNextImages(1);
        State.Faults.FailImagesNamed("doomed-*");
        var a = await Ec2.CreateImageAsync(new CreateImageRequest { InstanceId = inst.InstanceId, Name = "first" });
        var b = await Ec2.CreateImageAsync(new CreateImageRequest { InstanceId = inst.InstanceId, Name = "second" });
        var c = await Ec2.CreateImageAsync(new CreateImageRequest { InstanceId = inst.InstanceId, Name = "doomed-3" });
        Advance(30);
        var failed = await DescribeImage(a.ImageId);
        Assert.Equal(ImageState.Failed, failed.State);
        Assert.NotNull(failed.StateReason.Message);
        Assert.Equal(ImageState.Available, (await DescribeImage(b.ImageId)).State);
        Assert.Equal(ImageState.Failed, (await DescribeImage(c.ImageId)).State);
    }

    [Fact]
    public async Task DescribeImages_scopes_by_owner_executable_users_and_ids()
    {
        var own = SeedImage("own");
        var seeded = State.Seed(new Admin.SeedSpec
        {
            Images =
            [
                new Admin.SeedImage { Name = "amazon-linux", OwnerId = "137112412989", Public = true },
                new Admin.SeedImage { Name = "shared-to-me", OwnerId = "210987654321", SharedWith = ["123456789012"] },
                new Admin.SeedImage { Name = "someone-elses", OwnerId = "210987654321" },
                new Admin.SeedImage { Name = "mine-shared-out", SharedWith = ["999999999999"] },
            ],
        });
        var all = await Ec2.DescribeImagesAsync(new DescribeImagesRequest());
        Assert.Equal(["amazon-linux", "mine-shared-out", "own", "shared-to-me"], all.Images.Select(i => i.Name).Order());
        var self = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["self"] });
        Assert.Equal(["mine-shared-out", "own"], self.Images.Select(i => i.Name).Order());
        var byId = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["123456789012"] });
        Assert.Equal(2, byId.Images.Count);
        var amazon = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["amazon"] });
        Assert.Equal("amazon-linux", Assert.Single(amazon.Images).Name);
        var sharedWithMe = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { ExecutableUsers = ["self"] });
        Assert.Equal("shared-to-me", Assert.Single(sharedWithMe.Images).Name);
        var publicOnes = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { ExecutableUsers = ["all"] });
        Assert.Equal("amazon-linux", Assert.Single(publicOnes.Images).Name);
        Assert.Equal(own, (await DescribeImage(own)).ImageId);
        await Fails(() => Ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [seeded.ImageIds[2]] }), "InvalidAMIID.NotFound");
        await Fails(() => Ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = ["ami-123"] }), "InvalidAMIID.Malformed");
    }

    [Fact]
    public async Task DeregisterImage_removes_the_image_and_optionally_its_snapshots()
    {
        var ids = State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "a" }, new Admin.SeedImage { Name = "b", SnapshotCount = 2 }] });
        await Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = ids.ImageIds[0] });
        await Fails(() => Ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [ids.ImageIds[0]] }), "InvalidAMIID.NotFound");
        Assert.Equal(3, State.ListSnapshots().Count);
        var resp = await Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = ids.ImageIds[1], DeleteAssociatedSnapshots = true });
        Assert.True(resp.Return);
        Assert.Equal(2, resp.DeleteSnapshotResults.Count);
        Assert.All(resp.DeleteSnapshotResults, r => Assert.Equal("success", r.ReturnCode.Value));
        Assert.Single(State.ListSnapshots());
        await Fails(() => Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = ids.ImageIds[1] }), "InvalidAMIID.NotFound");
    }

    [Fact]
    public async Task DeleteAssociatedSnapshots_skips_a_snapshot_another_image_uses()
    {
        var ids = State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "a", SnapshotCount = 2 }, new Admin.SeedImage { Name = "b" }] });
        lock (State.Sync)
        {
            var store = State.Store("us-east-1");
            store.Images[ids.ImageIds[1]].Devices.Add(new Model.ImageDevice { DeviceName = "/dev/xvdz", SnapshotId = store.Images[ids.ImageIds[0]].Devices[1].SnapshotId });
        }

        var resp = await Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = ids.ImageIds[0], DeleteAssociatedSnapshots = true });

        Assert.Equal(
            new[] { (ids.SnapshotIds[0], "success"), (ids.SnapshotIds[1], "skipped") },
            resp.DeleteSnapshotResults.Select(r => (r.SnapshotId, r.ReturnCode.Value)));
        Assert.Equal(new[] { ids.SnapshotIds[1], ids.SnapshotIds[2] }.Order(), State.ListSnapshots().Select(s => s.Id).Order());
    }

    [Fact]
    public async Task CopyImage_copies_across_regions_with_tags_only_when_asked()
    {
        var src = SeedImage("golden", "us-east-1", new() { ["team"] = "web" });
        var west = Client("us-west-2");
        var plain = await west.CopyImageAsync(new CopyImageRequest { SourceImageId = src, SourceRegion = "us-east-1", Name = "golden" });
        var img = await DescribeImage(plain.ImageId, west);
        Assert.Equal(ImageState.Pending, img.State);
        Assert.True(img.Tags is null or { Count: 0 });
        Assert.Equal(src, img.SourceImageId);
        Assert.Equal("us-east-1", img.SourceImageRegion);
        var tagged = await west.CopyImageAsync(new CopyImageRequest
        {
            SourceImageId = src, SourceRegion = "us-east-1", Name = "golden-2", CopyImageTags = true,
            TagSpecifications = [new TagSpecification { ResourceType = ResourceType.Image, Tags = [new Tag("copied", "yes")] }],
        });
        var img2 = await DescribeImage(tagged.ImageId, west);
        Assert.Equal(["copied", "team"], img2.Tags.Select(t => t.Key).Order());
        Assert.NotEqual(src, img2.BlockDeviceMappings[0].Ebs.SnapshotId);
        await Fails(() => west.CopyImageAsync(new CopyImageRequest { SourceImageId = src, SourceRegion = "us-east-1", Name = "golden" }), "InvalidAMIName.Duplicate");
        await Fails(() => Ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [plain.ImageId] }), "InvalidAMIID.NotFound");
        await Fails(() => west.CopyImageAsync(new CopyImageRequest { SourceImageId = "ami-0123456789abcdef0", SourceRegion = "us-east-1", Name = "x-y-z" }), "InvalidAMIID.NotFound");
        Advance(30);
        Assert.Equal(ImageState.Available, (await DescribeImage(plain.ImageId, west)).State);
    }
}
