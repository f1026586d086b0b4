using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Xunit;

namespace CloudCompose.Image.Emulator.Tests;

/// <summary>The builder that shuts itself down at the deadline its user data sets, whoever is (not) watching.</summary>
public sealed class WatchdogTests : EmulatorTest
{
    private static readonly DateTime Start = new(2026, 11, 26, 10, 0, 0, DateTimeKind.Utc);

    private static long Epoch(DateTime t) => (long)(t - DateTime.UnixEpoch).TotalSeconds;

    private static string UntilDeadline(DateTime deadline, int cap = 86400) =>
        "#!/bin/bash\n" +
        $"( left=$(( {Epoch(deadline)} - $(date +%s) )); [ \"$left\" -gt {cap} ] && left={cap}; sleep \"$left\"; echo watchdog > /dev/console; shutdown -h now ) >/dev/null 2>&1 &\n" +
        "run-the-script\n";

    private const string WatchdogConsole = "RESULT {userdata:token=(\\w+)} watchdog\n";

    /// <param name="latest">The console as of now (a Nitro instance); without it, what EC2 posted at the last state transition.</param>
    private async Task<string?> Console(string id, bool latest = false)
    {
        var o = await Ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = id, Latest = latest });
        return o.Output is null ? null : Unb64(o.Output);
    }

    [Fact]
    public async Task A_hung_script_is_stopped_at_the_absolute_deadline_and_the_console_says_so()
    {
        State.SetNextOutcome(new ScriptOutcome { NeverStops = true, ConsoleText = "step 1 of 9\n", ScriptDuration = TimeSpan.FromSeconds(30), WatchdogConsoleText = WatchdogConsole });
        var deadline = Start.AddMinutes(20);
        var inst = await Launch(SeedImage(), UntilDeadline(deadline) + "# token=abc123\n");

        Advance(20 * 60 - 1);
        Assert.Equal(InstanceStateName.Running, (await Describe(inst.InstanceId)).State.Name);
        Assert.Equal("step 1 of 9\n", await Console(inst.InstanceId, latest: true));
        Assert.Null(await Console(inst.InstanceId));
        Advance(1);
        Assert.Equal(InstanceStateName.Stopping, (await Describe(inst.InstanceId)).State.Name);
        Advance(10);
        var stopped = await Describe(inst.InstanceId);
        Assert.Equal(InstanceStateName.Stopped, stopped.State.Name);
        Assert.Equal("Client.InstanceInitiatedShutdown", stopped.StateReason.Code);
        Assert.Equal("step 1 of 9\nRESULT abc123 watchdog\n", await Console(inst.InstanceId));

        var info = State.GetInstance(inst.InstanceId)!;
        Assert.Equal(deadline, info.WatchdogAt);
        Assert.Equal(deadline.AddSeconds(10), info.StoppedAt);
    }

    [Fact]
    public async Task The_cap_bounds_the_sleep_when_the_deadline_is_far_away()
    {
        State.SetNextOutcome(new ScriptOutcome { NeverStops = true });
        var inst = await Launch(SeedImage(), UntilDeadline(Start.AddHours(5), cap: 600));
        Assert.Equal(Start.AddSeconds(5 + 600), State.GetInstance(inst.InstanceId)!.WatchdogAt);
    }

    [Fact]
    public async Task A_deadline_already_past_fires_as_soon_as_the_script_starts()
    {
        State.SetNextOutcome(new ScriptOutcome { NeverStops = true });
        var inst = await Launch(SeedImage(), UntilDeadline(Start.AddMinutes(-1)));
        Assert.Equal(Start.AddSeconds(5), State.GetInstance(inst.InstanceId)!.WatchdogAt);
    }

    [Fact]
    public async Task A_literal_sleep_counts_from_the_start_of_the_script()
    {
        State.SetNextOutcome(new ScriptOutcome { NeverStops = true });
        var inst = await Launch(SeedImage(), "#!/bin/bash\n( sleep 90; shutdown -h now ) &\nwork\n");
        Assert.Equal(Start.AddSeconds(5 + 90), State.GetInstance(inst.InstanceId)!.WatchdogAt);
        Advance(5 + 90 + 10);
        Assert.Equal(InstanceStateName.Stopped, (await Describe(inst.InstanceId)).State.Name);
    }

    [Fact]
    public async Task A_script_that_ends_first_shuts_down_by_itself_and_the_watchdog_never_fires()
    {
        State.SetNextOutcome(new ScriptOutcome { ConsoleText = "done\n", ScriptDuration = TimeSpan.FromMinutes(2), WatchdogConsoleText = WatchdogConsole });
        var inst = await Launch(SeedImage(), UntilDeadline(Start.AddMinutes(20)));
        Advance(5 + 120 + 10);
        Assert.Equal(InstanceStateName.Stopped, (await Describe(inst.InstanceId)).State.Name);
        Assert.Null(State.GetInstance(inst.InstanceId)!.WatchdogAt);
        Assert.Equal("done\n", await Console(inst.InstanceId));
    }

    [Fact]
    public async Task Termination_before_the_deadline_wins()
    {
        State.SetNextOutcome(new ScriptOutcome { NeverStops = true, TerminateAfter = TimeSpan.FromMinutes(1), WatchdogConsoleText = WatchdogConsole });
        var inst = await Launch(SeedImage(), UntilDeadline(Start.AddMinutes(20)));
        Advance(5 + 60 + 10);
        Assert.Equal(InstanceStateName.Terminated, (await Describe(inst.InstanceId)).State.Name);
        Assert.Null(State.GetInstance(inst.InstanceId)!.WatchdogAt);
    }

    [Fact]
    public async Task A_terminate_on_shutdown_builder_is_terminated_by_its_watchdog()
    {
        State.SetNextOutcome(new ScriptOutcome { NeverStops = true });
        var inst = await Launch(SeedImage(), UntilDeadline(Start.AddMinutes(3)), tweak: r => r.InstanceInitiatedShutdownBehavior = ShutdownBehavior.Terminate);
        Advance(180 + 10);
        Assert.Equal(InstanceStateName.Terminated, (await Describe(inst.InstanceId)).State.Name);
    }

    [Fact]
    public async Task User_data_without_a_watchdog_line_has_none()
    {
        State.SetNextOutcome(new ScriptOutcome { NeverStops = true });
        var inst = await Launch(SeedImage(), "#!/bin/bash\nsleep 90\nshutdown -h now\n");
        Advance(3600);
        Assert.Equal(InstanceStateName.Running, (await Describe(inst.InstanceId)).State.Name);
        Assert.Null(State.GetInstance(inst.InstanceId)!.WatchdogAt);
    }

    [Fact]
    public async Task Every_answer_carries_the_emulated_time_in_its_Date_header()
    {
        Advance(3600);
        using var http = new HttpClient { BaseAddress = Emulator.ServiceUrl };
        var response = await http.GetAsync("/?Action=DescribeRegions&Version=2016-11-15");
        Assert.Equal(new DateTimeOffset(Start.AddHours(1)), response.Headers.Date);
    }
}
