using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Emulator;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.Tests.Bake;

/// <summary>instance_type as a list: the next type on InsufficientInstanceCapacity or Unsupported, each with a client token of its own.</summary>
public sealed class CapacityFallbackTests : ReleaseEmulatorTest
{
    private RunInstancesRequest Request() =>
        new() { ImageId = Emulator.SourceAmi, MinCount = 1, MaxCount = 1, SubnetId = "subnet-0123abcd" };

    private List<(string Type, string Token, string? Error)> Launches() =>
        Emulator.State.RequestLog.Where(e => e.Action == "RunInstances").Select(e => (e.Parameters["InstanceType"], e.Parameters["ClientToken"], e.ErrorCode)).ToList();

    [Fact]
    public async Task A_type_without_capacity_gives_way_to_the_next_with_a_new_client_token()
    {
        Emulator.State.Faults.FailInstanceType("t3.small");
        Emulator.State.Faults.FailInstanceType("t3a.small", "Unsupported");
        var verbose = new List<string>();

        var launch = await CapacityFallback.RunAsync(Ec2, Request(), ["t3.small", "t3a.small", "m5.large"], "cc-build1", verbose.Add, CancellationToken.None);

        Assert.Equal("m5.large", launch.InstanceType);
        Assert.Equal(["t3.small (InsufficientInstanceCapacity)", "t3a.small (Unsupported)"], launch.Refused);
        Assert.Equal("m5.large", Emulator.State.GetInstance(launch.Response.Reservation.Instances[0].InstanceId)!.InstanceType);
        var launches = Launches();
        // The SDK retries a 500 (InsufficientInstanceCapacity) with the same token; a 400 (Unsupported) it does not.
        Assert.All(launches.Where(l => l.Type == "t3.small"), l => Assert.Equal(("cc-build1", "InsufficientInstanceCapacity"), (l.Token, l.Error)));
        Assert.Equal([("t3a.small", "cc-build1-2", "Unsupported")], launches.Where(l => l.Type == "t3a.small"));
        Assert.Equal([("m5.large", "cc-build1-3", null)], launches.Where(l => l.Type == "m5.large"));
        Assert.Equal(2, verbose.Count);
        Assert.Contains("t3.small refused (InsufficientInstanceCapacity", verbose[0]);
        Assert.EndsWith("trying t3a.small.", verbose[0]);
    }

    [Fact]
    public async Task The_first_type_launches_with_the_builds_own_token_when_it_has_capacity()
    {
        var launch = await CapacityFallback.RunAsync(Ec2, Request(), ["t3.small", "t3a.small"], "cc-build2", _ => { }, CancellationToken.None);
        Assert.Equal(("t3.small", 0), (launch.InstanceType, launch.Refused.Count));
        Assert.Equal([("t3.small", "cc-build2", null)], Launches());
    }

    [Fact]
    public async Task When_every_type_is_refused_the_last_refusal_is_the_error()
    {
        Emulator.State.Faults.FailInstanceType("t3.small", "Unsupported");
        Emulator.State.Faults.FailInstanceType("t3a.small", "Unsupported");
        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() => CapacityFallback.RunAsync(Ec2, Request(), ["t3.small", "t3a.small"], "cc-b", _ => { }, CancellationToken.None));
        Assert.Equal("Unsupported", e.ErrorCode);
        Assert.Contains("t3a.small", e.Message);
        Assert.Empty(Emulator.State.ListInstances("us-east-1"));
    }

    [Fact]
    public async Task Any_other_refusal_is_not_a_capacity_problem_and_stops_at_once()
    {
        Emulator.State.Faults.FailNext("RunInstances", 1, "InvalidSubnetID.NotFound");
        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() => CapacityFallback.RunAsync(Ec2, Request(), ["t3.small", "t3a.small"], "cc-c", _ => { }, CancellationToken.None));
        Assert.Equal("InvalidSubnetID.NotFound", e.ErrorCode);
        Assert.Single(Launches());
    }

    [Fact]
    public async Task The_test_instance_falls_back_through_the_same_list()
    {
        Emulator.State.Faults.FailInstanceType("c6i.large", "Unsupported");
        Emulator.State.AddOutcomeRule(new OutcomeRule { ImageName = "web_1.0_*", Outcome = new Emulator.ScriptOutcome { ConsoleText = ReleaseEmulator.MarkerConsole, ScriptDuration = TimeSpan.FromSeconds(20) } });
        var config = Emulator.Config("    instance_type: [c6i.large, c5.large]\n  test: test.sh\n");
        var options = new BakeOptions();
        var build = await Emulator.PlanAsync(config, options);
        var plan = ImageTestRun.Plan(config, ScriptRenderer.RenderTest(config, new System.Collections.Hashtable()), options)!;
        Assert.Equal(["c6i.large", "c5.large"], plan.InstanceTypes);
        var image = (await Ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [Emulator.Image()] })).Images[0];

        var outcome = await new ImageTestRun(Emulator.Connection, Ec2, NullBuildObserver.Instance)
            .RunAsync(build, plan, image, options, () => { }, _ => { }, _ => { }, CancellationToken.None);

        Assert.Equal("c5.large", Emulator.State.GetInstance(outcome.InstanceId)!.InstanceType);
        Assert.Equal([("c6i.large", $"cc-test-{build.BuildId}", "Unsupported"), ("c5.large", $"cc-test-{build.BuildId}-2", null)], Launches());
    }
}
