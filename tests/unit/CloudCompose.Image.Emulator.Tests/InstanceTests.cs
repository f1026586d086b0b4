using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Xunit;

namespace CloudCompose.Image.Emulator.Tests;

public sealed class InstanceTests : EmulatorTest
{
    [Fact]
    public async Task RunInstances_returns_a_pending_instance_with_everything_the_request_set()
    {
        var ami = SeedImage();
        var inst = await Launch(ami, "#!/bin/bash\necho hi", tweak: r =>
        {
            r.KeyName = "builder-key";
            r.SecurityGroupIds = ["sg-0123456789abcdef0"];
            r.IamInstanceProfile = new IamInstanceProfileSpecification { Name = "builder-role" };
            r.MetadataOptions = new InstanceMetadataOptionsRequest { HttpTokens = HttpTokensState.Required, HttpPutResponseHopLimit = 3 };
            r.Monitoring = true;
            r.EbsOptimized = true;
            r.InstanceInitiatedShutdownBehavior = ShutdownBehavior.Stop;
            r.BlockDeviceMappings = [new BlockDeviceMapping { DeviceName = "/dev/xvda", Ebs = new EbsBlockDevice { VolumeSize = 30 } }];
            r.TagSpecifications =
            [
                new TagSpecification { ResourceType = ResourceType.Instance, Tags = [new Tag("Name", "builder"), new Tag("cc:build", "b1")] },
                new TagSpecification { ResourceType = ResourceType.Volume, Tags = [new Tag("cc:build", "b1")] },
            ];
        });
        Assert.StartsWith("i-", inst.InstanceId);
        Assert.Equal(InstanceStateName.Pending, inst.State.Name);
        Assert.Equal(0, inst.State.Code);
        Assert.Equal(ami, inst.ImageId);
        Assert.Equal("builder-key", inst.KeyName);
        Assert.Equal("sg-0123456789abcdef0", Assert.Single(inst.SecurityGroups).GroupId);
        Assert.Equal("arn:aws:iam::123456789012:instance-profile/builder-role", inst.IamInstanceProfile.Arn);
        Assert.Equal(HttpTokensState.Required, inst.MetadataOptions.HttpTokens);
        Assert.Equal(3, inst.MetadataOptions.HttpPutResponseHopLimit);
        Assert.Equal(MonitoringState.Enabled, inst.Monitoring.State);
        Assert.True(inst.EbsOptimized);
        Assert.Equal("builder", inst.Tags.Single(t => t.Key == "Name").Value);
        Assert.Equal(InstanceType.T3Micro, inst.InstanceType);
        Assert.Equal(new DateTime(2026, 11, 26, 10, 0, 0, DateTimeKind.Utc), inst.LaunchTime!.Value.ToUniversalTime());
        var root = Assert.Single(inst.BlockDeviceMappings);
        Assert.Equal("/dev/xvda", root.DeviceName);
        var vol = root.Ebs.VolumeId;
        var tags = await Ec2.DescribeTagsAsync(new DescribeTagsRequest { Filters = [new Filter("resource-id", [vol])] });
        Assert.Equal("b1", Assert.Single(tags.Tags).Value);
        Assert.Equal("volume", Assert.Single(tags.Tags).ResourceType.Value);
    }

    [Fact]
    public async Task Lifecycle_follows_the_clock_pending_running_stopping_stopped()
    {
        State.Delays.PendingDelay = TimeSpan.FromSeconds(10);
        State.Delays.ScriptDuration = TimeSpan.FromMinutes(5);
        State.Delays.StopDelay = TimeSpan.FromSeconds(20);
        var inst = await Launch(SeedImage());
        Advance(9);
        Assert.Equal(InstanceStateName.Pending, (await Describe(inst.InstanceId)).State.Name);
        Advance(1);
        Assert.Equal(InstanceStateName.Running, (await Describe(inst.InstanceId)).State.Name);
        Advance(300);
        var stopping = await Describe(inst.InstanceId);
        Assert.Equal(InstanceStateName.Stopping, stopping.State.Name);
        Assert.Equal("Client.InstanceInitiatedShutdown", stopping.StateReason.Code);
        Advance(20);
        var stopped = await Describe(inst.InstanceId);
        Assert.Equal(InstanceStateName.Stopped, stopped.State.Name);
        Assert.Equal(80, stopped.State.Code);
    }

    [Fact]
    public async Task Shutdown_behaviour_terminate_ends_terminated_and_vanishes_after_retention()
    {
        var inst = await Launch(SeedImage(), tweak: r => r.InstanceInitiatedShutdownBehavior = ShutdownBehavior.Terminate);
        Advance(5 + 60);
        Assert.Equal(InstanceStateName.ShuttingDown, (await Describe(inst.InstanceId)).State.Name);
        Advance(10);
        Assert.Equal(InstanceStateName.Terminated, (await Describe(inst.InstanceId)).State.Name);
        Advance(3600);
        await Fails(() => Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [inst.InstanceId] }), "InvalidInstanceID.NotFound");
        var all = await Ec2.DescribeInstancesAsync(new DescribeInstancesRequest());
        Assert.True(all.Reservations is null or { Count: 0 });
    }

    [Fact]
    public async Task StopInstances_and_TerminateInstances_report_transitions_and_take_their_delays()
    {
        var inst = await Launch(SeedImage(), tweak: r => r.InstanceInitiatedShutdownBehavior = ShutdownBehavior.Stop);
        await Fails(() => Ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [inst.InstanceId] }), "IncorrectInstanceState");
        State.SetInstanceOutcome(inst.InstanceId, new ScriptOutcome { NeverStops = true });
        Advance(5);
        var stop = await Ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [inst.InstanceId] });
        var change = Assert.Single(stop.StoppingInstances);
        Assert.Equal(InstanceStateName.Running, change.PreviousState.Name);
        Assert.Equal(InstanceStateName.Stopping, change.CurrentState.Name);
        Assert.Contains("User initiated", (await Describe(inst.InstanceId)).StateTransitionReason);
        Advance(10);
        Assert.Equal(InstanceStateName.Stopped, (await Describe(inst.InstanceId)).State.Name);

        var term = await Ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [inst.InstanceId] });
        var t = Assert.Single(term.TerminatingInstances);
        Assert.Equal(InstanceStateName.Stopped, t.PreviousState.Name);
        Assert.Equal(InstanceStateName.ShuttingDown, t.CurrentState.Name);
        Advance(10);
        Assert.Equal(InstanceStateName.Terminated, (await Describe(inst.InstanceId)).State.Name);
        var again = await Ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [inst.InstanceId] });
        Assert.Equal(InstanceStateName.Terminated, again.TerminatingInstances[0].CurrentState.Name);
        await Fails(() => Ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [inst.InstanceId] }), "IncorrectInstanceState");
    }

    [Fact]
    public async Task Unknown_and_malformed_instance_ids_fail_as_EC2_does()
    {
        var e = await Fails(() => Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = ["i-0123456789abcdef0"] }), "InvalidInstanceID.NotFound");
        Assert.Contains("i-0123456789abcdef0", e.Message);
        await Fails(() => Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = ["i-nothex"] }), "InvalidInstanceID.Malformed");
        await Fails(() => Ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = ["i-0123456789abcdef0"] }), "InvalidInstanceID.NotFound");
        await Fails(() => Ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = "i-0123456789abcdef0" }), "InvalidInstanceID.NotFound");
    }

    [Fact]
    public async Task ClientToken_makes_RunInstances_idempotent()
    {
        var ami = SeedImage();
        var first = await Ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = ami, MinCount = 1, MaxCount = 1, ClientToken = "tok-1" });
        var second = await Ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = ami, MinCount = 1, MaxCount = 1, ClientToken = "tok-1" });
        Assert.Equal(first.Reservation.ReservationId, second.Reservation.ReservationId);
        Assert.Equal(first.Reservation.Instances[0].InstanceId, second.Reservation.Instances[0].InstanceId);
        Assert.Single(State.ListInstances());
        Assert.Equal("tok-1", (await Describe(first.Reservation.Instances[0].InstanceId)).ClientToken);
        await Fails(() => Ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = ami, MinCount = 1, MaxCount = 1, ClientToken = "tok-1", KeyName = "other" }),
            "IdempotentParameterMismatch");
    }

    [Fact]
    public async Task UserData_must_be_base64_and_at_most_16384_bytes()
    {
        var ami = SeedImage();
        await Launch(ami, new string('x', 16384));
        var e = await Fails(() => Launch(ami, new string('x', 16385)), "InvalidParameterValue");
        Assert.Equal("User data is limited to 16384 bytes", e.Message);
        await Fails(() => Ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = ami, MinCount = 1, MaxCount = 1, UserData = "not base64!!" }), "InvalidParameterValue");
    }

    [Fact]
    public async Task RunInstances_checks_the_image()
    {
        await Fails(() => Launch("ami-0123456789abcdef0"), "InvalidAMIID.NotFound");
        await Fails(() => Launch("ami-zz"), "InvalidAMIID.Malformed");
        var pending = State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "p", State = "pending" }] }).ImageIds[0];
        await Fails(() => Launch(pending), "InvalidAMIID.Unavailable");
        await Fails(() => Ec2.RunInstancesAsync(new RunInstancesRequest { MinCount = 1, MaxCount = 1 }), "MissingParameter");
    }

    [Fact]
    public async Task Launching_sets_LastLaunchedTime_on_the_image()
    {
        var ami = SeedImage();
        Assert.Null((await DescribeImage(ami)).LastLaunchedTime);
        Advance(90);
        await Launch(ami);
        Assert.Equal("2026-11-26T10:01:30.000Z", (await DescribeImage(ami)).LastLaunchedTime);
        var attr = await Ec2.DescribeImageAttributeAsync(new DescribeImageAttributeRequest { ImageId = ami, Attribute = ImageAttributeName.LastLaunchedTime });
        Assert.Equal("2026-11-26T10:01:30.000Z", attr.ImageAttribute.LastLaunchedTime);
    }

    [Fact]
    public async Task MinCount_and_MaxCount_launch_several_in_one_reservation()
    {
        var resp = await Ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = SeedImage(), MinCount = 1, MaxCount = 3 });
        Assert.Equal(3, resp.Reservation.Instances.Count);
        Assert.Equal([0, 1, 2], resp.Reservation.Instances.Select(i => i.AmiLaunchIndex!.Value));
        var d = await Ec2.DescribeInstancesAsync(new DescribeInstancesRequest());
        Assert.Equal(3, Assert.Single(d.Reservations).Instances.Count);
    }

    [Fact]
    public async Task Terminating_deletes_the_root_volume()
    {
        var inst = await Launch(SeedImage());
        var vol = inst.BlockDeviceMappings[0].Ebs.VolumeId;
        await Ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [inst.InstanceId] });
        Advance(10);
        await Describe(inst.InstanceId);
        await Fails(() => Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [vol], Tags = [new Tag("a", "b")] }), "InvalidVolume.NotFound");
    }
}
