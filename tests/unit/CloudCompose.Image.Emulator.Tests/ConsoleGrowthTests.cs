using System.Net.Http.Json;
using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Xunit;

namespace CloudCompose.Image.Emulator.Tests;

/// <summary>
/// The console as GetConsoleOutput documents it: buffered output posted at state transitions, the latest output at any
/// time with Latest=true on Nitro instance types only, and never more than the newest 64 KB.
/// </summary>
public sealed class ConsoleGrowthTests : EmulatorTest
{
    private static ScriptOutcome Growing(int lines, double every = 1, string end = "done exit={exitCode}\n", double duration = 120) => new()
    {
        ConsoleLines = Enumerable.Range(1, lines).Select(n => new ConsoleLine(TimeSpan.FromSeconds(n * every), $"step {n} of {{instanceId}}")).ToList(),
        ConsoleText = end,
        ScriptDuration = TimeSpan.FromSeconds(duration),
    };

    private async Task<string?> Console(string id, bool latest)
    {
        var o = await Ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = id, Latest = latest });
        return o.Output is null ? null : Unb64(o.Output);
    }

    [Fact]
    public async Task Latest_shows_the_lines_printed_so_far_on_a_Nitro_instance()
    {
        State.SetNextOutcome(Growing(10, every: 10));
        var inst = await Launch(SeedImage(), "script");
        Advance(5 + 25);

        Assert.Equal($"step 1 of {inst.InstanceId}\nstep 2 of {inst.InstanceId}\n", await Console(inst.InstanceId, latest: true));
        Advance(10);
        var o = await Ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = inst.InstanceId, Latest = true });
        Assert.EndsWith($"step 3 of {inst.InstanceId}\n", Unb64(o.Output));
        Assert.Equal(new DateTime(2026, 11, 26, 10, 0, 35, DateTimeKind.Utc), o.Timestamp!.Value.ToUniversalTime());

        Advance(120);
        var all = await Console(inst.InstanceId, latest: true);
        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"step {n} of {inst.InstanceId}\n").Aggregate((a, b) => a + b) + "done exit=0\n", all);
    }

    [Fact]
    public async Task Without_Latest_the_console_is_what_was_posted_at_the_last_state_transition()
    {
        State.SetNextOutcome(Growing(3, every: 1, end: "done\n", duration: 30));
        var inst = await Launch(SeedImage(), "script");
        Advance(5 + 10);
        Assert.Null(await Console(inst.InstanceId, latest: false));
        Assert.NotNull(await Console(inst.InstanceId, latest: true));

        Advance(20);
        Assert.Equal(InstanceStateName.Stopping, (await Describe(inst.InstanceId)).State.Name);
        Assert.EndsWith("step 3 of " + inst.InstanceId + "\ndone\n", await Console(inst.InstanceId, latest: false));
    }

    [Fact]
    public async Task Latest_on_a_Xen_instance_type_is_refused_and_the_buffered_console_still_answers()
    {
        State.SetNextOutcome(Growing(2, duration: 10));
        var inst = await Launch(SeedImage(), "script", tweak: r => r.InstanceType = InstanceType.T2Micro);
        Advance(30);

        var e = await Fails(() => Ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = inst.InstanceId, Latest = true }), "UnsupportedOperation");
        Assert.Contains("t2.micro", e.Message);
        Assert.EndsWith("done exit=0\n", await Console(inst.InstanceId, latest: false));
    }

    [Theory]
    [InlineData("t3.micro", true)]
    [InlineData("m5.large", true)]
    [InlineData("c7g.xlarge", true)]
    [InlineData("i3.metal", true)]
    [InlineData("p3dn.24xlarge", true)]
    [InlineData("t2.micro", false)]
    [InlineData("m4.large", false)]
    [InlineData("c4.xlarge", false)]
    [InlineData("i3.large", false)]
    [InlineData("m1.small", false)]
    public void Nitro_is_every_family_but_the_Xen_ones(string type, bool nitro) =>
        Assert.Equal(nitro, Model.InstanceTypes.IsNitro(type));

    [Fact]
    public async Task Only_the_newest_64_KB_are_returned()
    {
        // 2,000 lines of 50 bytes: about 100 KB in all.
        State.SetNextOutcome(new ScriptOutcome
        {
            ConsoleLines = Enumerable.Range(1, 2000).Select(n => new ConsoleLine(TimeSpan.FromSeconds(n * 0.05), $"line {n:D5} " + new string('x', 38))).ToList(),
            ConsoleText = "end\n",
            ScriptDuration = TimeSpan.FromSeconds(101),
        });
        var inst = await Launch(SeedImage(), "script");
        Advance(5 + 90);

        var latest = Convert.FromBase64String((await Ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = inst.InstanceId, Latest = true })).Output);
        Assert.Equal(64 * 1024, latest.Length);
        var text = Encoding.UTF8.GetString(latest);
        Assert.EndsWith($"line 01800 {new string('x', 38)}\n", text);
        Assert.DoesNotContain("line 00001 ", text);

        Advance(30);
        var posted = Encoding.UTF8.GetString(Convert.FromBase64String((await Ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = inst.InstanceId })).Output));
        Assert.Equal(64 * 1024, Encoding.UTF8.GetByteCount(posted));
        Assert.EndsWith($"line 02000 {new string('x', 38)}\nend\n", posted);
        // The inspection record keeps the whole console.
        Assert.StartsWith("line 00001 ", State.GetInstance(inst.InstanceId)!.ConsoleText);
    }

    [Fact]
    public async Task A_script_killed_underneath_printed_only_its_lines_before_the_kill()
    {
        State.SetNextOutcome(Growing(10, every: 10) with { TerminateAfter = TimeSpan.FromSeconds(35) });
        var inst = await Launch(SeedImage(), "script");
        Advance(5 + 200);
        Assert.Equal(3, State.GetInstance(inst.InstanceId)!.ConsoleText!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Timed_lines_come_through_the_admin_route_in_seconds()
    {
        using var http = new HttpClient { BaseAddress = Emulator.ServiceUrl };
        var set = await http.PostAsync("/_emulator/outcomes/default", new StringContent(
            """{"consoleLines":[{"at":2,"text":"first"},{"at":4,"text":"second\n"}],"consoleText":"end\n","scriptDuration":10}""", Encoding.UTF8, "application/json"));
        set.EnsureSuccessStatusCode();
        var inst = await Launch(SeedImage(), "script");
        Advance(5 + 3);
        Assert.Equal("first\n", await Console(inst.InstanceId, latest: true));
        var outcomes = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/_emulator/outcomes");
        Assert.Equal(4, outcomes.GetProperty("default").GetProperty("consoleLines")[1].GetProperty("at").GetDouble());
    }
}
