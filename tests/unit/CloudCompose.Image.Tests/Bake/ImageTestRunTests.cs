using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Emulator;
using CloudCompose.Image.Errors;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.Tests.Bake;

/// <summary>image.test on an instance of the new image, against the emulator; instances from that image get their own outcome.</summary>
public sealed class ImageTestRunTests : IAsyncLifetime
{
    private ReleaseEmulator emulator = null!;
    private AmazonEC2Client ec2 = null!;

    public async Task InitializeAsync()
    {
        emulator = await ReleaseEmulator.StartAsync();
        ec2 = new AmazonEC2Client(new BasicAWSCredentials("AKIDTEST", "secret"), new AmazonEC2Config { ServiceURL = emulator.Emulator.ServiceUrl.ToString(), AuthenticationRegion = "us-east-1" });
    }

    public async Task DisposeAsync()
    {
        ec2.Dispose();
        await emulator.DisposeAsync();
    }

    /// <summary>Instances of images named web_1.0_* run the test; the rest (builders) keep the default outcome.</summary>
    private void TestOutcome(int exitCode, bool neverStops = false) =>
        emulator.State.AddOutcomeRule(new OutcomeRule
        {
            ImageName = "web_1.0_*",
            Outcome = new Emulator.ScriptOutcome { ConsoleText = "smoke test output\n" + ReleaseEmulator.MarkerConsole, ExitCode = exitCode, ScriptDuration = TimeSpan.FromSeconds(40), NeverStops = neverStops },
        });

    private async Task<(Task<TestOutcome> Run, List<string> Events)> Start(BakeOptions options)
    {
        var config = emulator.Config("  test:\n    script: test.sh\n    instance_type: t3.small\n");
        var build = await emulator.PlanAsync(config, options);
        var plan = ImageTestRun.Plan(config, ScriptRenderer.RenderTest(config, new System.Collections.Hashtable()), options)!;
        var image = (await ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [emulator.Image()] })).Images[0];
        var events = new List<string>();
        var run = new ImageTestRun(emulator.Connection, ec2, NullBuildObserver.Instance)
            .RunAsync(build, plan, image, options, () => events.Add("launching"), id => events.Add(id), _ => { }, CancellationToken.None);
        return (run, events);
    }

    [Fact]
    public async Task A_passing_test_runs_on_a_fresh_instance_of_the_new_image_in_the_builders_subnet()
    {
        TestOutcome(0);
        var (run, events) = await Start(new BakeOptions());
        var outcome = await run;

        Assert.Equal(["launching", outcome.InstanceId], events);
        Assert.Contains("smoke test output", outcome.Console);
        var instance = emulator.State.GetInstance(outcome.InstanceId)!;
        Assert.Equal("stopped", instance.State);
        Assert.Equal("t3.small", instance.InstanceType);
        Assert.StartsWith("web_1.0_", emulator.State.GetImage(instance.ImageId)!.Name);
        Assert.Contains("echo testing web 1.0", instance.UserData);
        Assert.DoesNotContain("echo building", instance.UserData);
        Assert.Equal(("test", "web", "1.0"), (instance.Tags[ImageTestRun.RoleTag], instance.Tags["ImageName"], instance.Tags["ImageVersion"]));
        var request = emulator.State.RequestLog.Single(e => e.Action == "RunInstances");
        Assert.Equal("subnet-0123abcd", request.Parameters["SubnetId"]);
        Assert.Equal("sg-0123abcd", request.Parameters["SecurityGroupId.1"]);
        Assert.StartsWith("cc-test-", request.Parameters["ClientToken"]);
    }

    [Fact]
    public async Task A_failing_test_ends_in_ImageTestFailed_with_the_console_tail()
    {
        TestOutcome(3);
        var (run, events) = await Start(new BakeOptions());
        var e = await Assert.ThrowsAsync<CloudComposeException>(() => run);

        Assert.Equal(ErrorIds.ImageTestFailed, e.ErrorId);
        Assert.Contains("test.sh failed on test instance", e.Message);
        Assert.Contains("exit code 3", e.Message);
        Assert.Contains("smoke test output", e.Message);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public async Task A_test_that_never_finishes_is_stopped_by_its_watchdog_at_its_deadline_and_ends_in_ImageTestTimedOut()
    {
        TestOutcome(0, neverStops: true);
        var (run, events) = await Start(new BakeOptions { TestTimeout = TimeSpan.FromSeconds(3) });
        var e = await Assert.ThrowsAsync<CloudComposeException>(() => run);

        Assert.Equal(ErrorIds.ImageTestTimedOut, e.ErrorId);
        var test = emulator.State.GetInstance(events[1])!;
        Assert.Equal("stopped", test.State);
        var deadline = DateTime.Parse(test.Tags[BuildTags.Deadline], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.NotNull(test.WatchdogAt);
        Assert.True(test.WatchdogAt >= deadline, $"the watchdog fired at {test.WatchdogAt}, before the deadline tag {deadline}");
    }

    [Fact]
    public async Task KeepFailedImage_disables_and_tags_the_image()
    {
        var image = emulator.Image();
        await new ImageTestRun(emulator.Connection, ec2, NullBuildObserver.Instance).KeepFailedAsync(image, CancellationToken.None);

        var kept = emulator.State.GetImage(image)!;
        Assert.Equal("disabled", kept.State);
        Assert.Equal("failed", kept.Tags[ImageTestRun.ResultTag]);
    }

    [Fact]
    public void Without_image_test_there_is_no_plan_and_the_test_script_gets_its_own_token()
    {
        var options = new BakeOptions();
        var none = emulator.Config(string.Empty);
        Assert.Null(ImageTestRun.Plan(none, ScriptRenderer.RenderTest(none, new System.Collections.Hashtable()), options));
        var config = emulator.Config();
        var plan = ImageTestRun.Plan(config, ScriptRenderer.RenderTest(config, new System.Collections.Hashtable()), options)!;
        Assert.Contains(UserDataWrapper.TokenComment + plan.Token, plan.UserData);
        Assert.Contains("[ \"$cc_left\" -gt 1800 ] && cc_left=1800; sleep \"$cc_left\"; cc_report watchdog; shutdown -h now", plan.UserData);
        Assert.Equal("t2.micro", plan.InstanceType);
    }
}
