using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Emulator;
using CloudCompose.Image.Emulator.Admin;

namespace CloudCompose.Image.Tests.Bake;

/// <summary>
/// Live console reads against an emulator on a manual clock: the test moves emulated time on only after the feed has
/// read, so nothing depends on how fast this machine is.
/// </summary>
public sealed class ConsoleFeedTests : IAsyncLifetime
{
    private Ec2Emulator emulator = null!;
    private AmazonEC2Client ec2 = null!;
    private string ami = null!;

    private sealed class Sink : IConsoleSink
    {
        private readonly List<string> lines = new();

        public List<string> Lines
        {
            get
            {
                lock (lines)
                {
                    return lines.ToList();
                }
            }
        }

        public void Line(string text, bool notice)
        {
            lock (lines)
            {
                lines.Add((notice ? "NOTICE " : string.Empty) + text);
            }
        }

        public void Flush()
        {
        }
    }

    public async Task InitializeAsync()
    {
        emulator = await Ec2Emulator.StartAsync(new EmulatorOptions { TimeScale = 0 });
        ec2 = new AmazonEC2Client(new BasicAWSCredentials("AKIDTEST", "secret"), new AmazonEC2Config { ServiceURL = emulator.ServiceUrl.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        ami = emulator.State.Seed(new SeedSpec { Images = [new SeedImage { Name = "base" }] }).ImageIds[0];
    }

    public async Task DisposeAsync()
    {
        ec2.Dispose();
        await emulator.DisposeAsync();
    }

    private static string Line(int n) => $"line {n:D5} " + new string('.', 38);

    private async Task<string> Launch(int lines, double every, string type = "t3.micro")
    {
        emulator.State.SetNextOutcome(new Emulator.ScriptOutcome
        {
            ConsoleLines = Enumerable.Range(1, lines).Select(n => new ConsoleLine(TimeSpan.FromSeconds(n * every), Line(n))).ToList(),
            ConsoleText = "CLOUDCOMPOSE-RESULT tok exit=0\n",
            ScriptDuration = TimeSpan.FromSeconds(lines * every + 1),
        });
        var run = await ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = ami, MinCount = 1, MaxCount = 1, InstanceType = InstanceType.FindValue(type) });
        return run.Reservation.Instances[0].InstanceId;
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task Lines_past_the_64_KB_window_arrive_in_order_without_duplicates_while_the_builder_runs()
    {
        // 3,000 lines of 50 bytes (150 KB), one every emulated 0.1 s; each read sees 15 s more (7.5 KB).
        var id = await Launch(3000, 0.1);
        var feed = new ConsoleFeed(ec2, new CallBudget(1000), TimeSpan.FromMilliseconds(1));
        var sink = new Sink();
        var live = new LiveConsole("tok", sink);
        using (feed.Watch(id, live, why => Assert.Fail(why)))
        {
            emulator.State.Clock.Advance(TimeSpan.FromSeconds(5));
            while (!live.Outcome.Found)
            {
                var before = feed.Reads;
                await Until(() => feed.Reads > before + 1, "a read");
                emulator.State.Clock.Advance(TimeSpan.FromSeconds(15));
            }
        }

        Assert.Equal(Enumerable.Range(1, 3000).Select(Line).Append("CLOUDCOMPOSE-RESULT tok exit=0"), sink.Lines);
        Assert.Equal(0, live.Gaps);
        Assert.All(emulator.State.RequestLog.Where(e => e.Action == "GetConsoleOutput"), e => Assert.Equal("true", e.Parameters["Latest"]));
    }

    [Fact]
    public async Task A_Xen_builder_stops_the_live_reads_and_says_why()
    {
        var id = await Launch(10, 1, type: "t2.micro");
        var feed = new ConsoleFeed(ec2, new CallBudget(1000), TimeSpan.FromMilliseconds(1));
        var why = new TaskCompletionSource<string>();
        using (feed.Watch(id, new LiveConsole("tok", new Sink()), r => why.TrySetResult(r)))
        {
            emulator.State.Clock.Advance(TimeSpan.FromSeconds(8));
            var reason = await why.Task.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Contains("Nitro", reason);
        }

        Assert.Equal(1, emulator.State.Count("GetConsoleOutput"));
    }

    [Fact]
    public async Task Reads_of_many_builders_stay_within_the_shared_budget_and_go_round()
    {
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await Launch(100, 1));
        }

        emulator.State.Clock.Advance(TimeSpan.FromSeconds(10));
        var budget = new CallBudget(20);
        var feed = new ConsoleFeed(ec2, budget, TimeSpan.FromMilliseconds(1));
        var watches = ids.Select(id => feed.Watch(id, new LiveConsole("tok", new Sink()), _ => { })).ToList();
        // The poller's calls come first: charged against the same budget.
        for (var i = 0; i < 10; i++)
        {
            budget.Charge();
        }

        var started = DateTime.UtcNow;
        await Until(() => feed.Reads >= 30, "30 reads");
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        watches.ForEach(w => w.Dispose());

        // 30 reads plus 10 charged calls at 20 calls/s, from an empty budget, take at least two seconds.
        Assert.True(seconds >= 1.9, $"30 reads took {seconds:F2} s");
        var perInstance = emulator.State.RequestLog.Where(e => e.Action == "GetConsoleOutput").GroupBy(e => e.Parameters["InstanceId"]).Select(g => g.Count()).ToList();
        Assert.Equal(6, perInstance.Count);
        Assert.True(perInstance.Max() - perInstance.Min() <= 1, "every builder is read in turn: " + string.Join(",", perInstance));
    }
}
