using System.Text;
using CloudCompose.Image.Bake;

namespace CloudCompose.Image.Tests.Bake;

/// <summary>
/// The console as EC2 hands it out (the newest 64 KB of an ever-growing text, read now and then) turned back into each
/// line once, in order; a gap larger than the window is reported, never papered over.
/// </summary>
public sealed class LiveConsoleTests
{
    private sealed class Sink : IConsoleSink
    {
        public List<(string Text, bool Notice)> Lines { get; } = new();

        public int Flushes { get; private set; }

        public void Line(string text, bool notice) => Lines.Add((text, notice));

        public void Flush() => Flushes++;

        public IEnumerable<string> Printed => Lines.Where(l => !l.Notice).Select(l => l.Text);
    }

    /// <summary>What GetConsoleOutput returns for a console of that text: its newest 64 KB of UTF-8, cut at a byte.</summary>
    private static byte[] Window(string console)
    {
        var bytes = Encoding.UTF8.GetBytes(console);
        return bytes.Length <= LiveConsole.WindowBytes ? bytes : bytes[^LiveConsole.WindowBytes..];
    }

    private static string Numbered(int from, int to) =>
        string.Concat(Enumerable.Range(from, to - from + 1).Select(n => $"line {n:D6} of the build, with some padding to make it longer\n"));

    [Fact]
    public void Lines_arrive_once_in_order_and_a_line_still_being_written_waits_for_its_end()
    {
        var sink = new Sink();
        var live = new LiveConsole("tok", sink);
        live.Feed(Window("boot\nstep 1\nstep 2 is hal"));
        Assert.Equal(["boot", "step 1"], sink.Printed);
        live.Feed(Window("boot\nstep 1\nstep 2 is hal"));
        live.Feed(Window("boot\nstep 1\nstep 2 is half done\r\nstep 3\n"));
        Assert.Equal(["boot", "step 1", "step 2 is half done", "step 3"], sink.Printed);
        live.Feed(Window("boot\nstep 1\nstep 2 is half done\r\nstep 3\nno line break at the end"));
        live.Finish();
        Assert.Equal(["boot", "step 1", "step 2 is half done", "step 3", "no line break at the end"], sink.Printed);
        Assert.Equal(0, live.Gaps);
    }

    [Fact]
    public void Past_the_64_KB_window_every_line_still_arrives_exactly_once()
    {
        var sink = new Sink();
        var live = new LiveConsole("tok", sink);
        var console = new StringBuilder();
        // 4,000 lines of 61 bytes (244 KB), read every 300 lines (18 KB): the window slides many times.
        for (var n = 1; n <= 4000; n += 300)
        {
            console.Append(Numbered(n, Math.Min(4000, n + 299)));
            live.Feed(Window(console.ToString()));
        }

        live.Finish();
        Assert.Equal(Numbered(1, 4000).TrimEnd('\n').Split('\n'), sink.Printed);
        Assert.Equal(0, live.Gaps);
        Assert.DoesNotContain(sink.Lines, l => l.Notice);
        Assert.Equal(LiveConsole.WindowBytes, Encoding.UTF8.GetByteCount(live.Window));
    }

    [Fact]
    public void More_than_64_KB_between_two_reads_is_a_gap_said_once_and_nothing_is_repeated()
    {
        var sink = new Sink();
        var live = new LiveConsole("tok", sink);
        live.Feed(Window(Numbered(1, 100)));
        live.Feed(Window(Numbered(1, 3000)));
        live.Feed(Window(Numbered(1, 3050)));

        var notice = Assert.Single(sink.Lines, l => l.Notice);
        Assert.Contains("output skipped: more than 64 KB arrived between two reads", notice.Text);
        var printed = sink.Printed.ToList();
        Assert.Equal(printed.Count, printed.Distinct().Count());
        Assert.Equal(Numbered(1, 100).TrimEnd('\n').Split('\n'), printed.Take(100));
        var index = sink.Lines.IndexOf(notice);
        // After the notice: whole lines only, from somewhere in the window to the end, in order.
        var after = sink.Lines.Skip(index + 1).Select(l => l.Text).ToList();
        var first = int.Parse(after[0].Substring(5, 6));
        Assert.True(first > 100);
        Assert.Equal(Numbered(first, 3050).TrimEnd('\n').Split('\n'), after);
        Assert.Equal(1, live.Gaps);
    }

    [Fact]
    public void A_console_already_past_64_KB_at_the_first_read_says_its_start_is_gone()
    {
        var sink = new Sink();
        var live = new LiveConsole("tok", sink);
        live.Feed(Window(Numbered(1, 2000)));
        Assert.True(sink.Lines[0].Notice);
        Assert.Contains("earlier output skipped", sink.Lines[0].Text);
        Assert.Equal("line 002000 of the build, with some padding to make it longer", sink.Lines[^1].Text);
        Assert.StartsWith("line 00", sink.Lines[1].Text);
    }

    [Fact]
    public void A_character_split_by_the_64_KB_cut_is_dropped_and_the_rest_reads_cleanly()
    {
        var sink = new Sink();
        var live = new LiveConsole("tok", sink);
        var console = new StringBuilder();
        for (var n = 0; n < 3000; n++)
        {
            console.Append($"зборка {n:D5} — überprüft ✓\n");
            if (n % 200 == 199)
            {
                live.Feed(Window(console.ToString()));
            }
        }

        live.Feed(Window(console.ToString()));
        Assert.Equal(console.ToString().TrimEnd('\n').Split('\n'), sink.Printed);
        Assert.DoesNotContain(sink.Printed, l => l.Contains('\uFFFD'));
    }

    [Fact]
    public void An_older_view_after_a_newer_one_adds_nothing()
    {
        var sink = new Sink();
        var live = new LiveConsole("tok", sink);
        live.Feed(Window("a\nb\nc\n"));
        live.Feed(Window("a\nb\n"));
        live.Feed(Window("a\nb\nc\nd\n"));
        Assert.Equal(["a", "b", "c", "d"], sink.Printed);
    }

    [Fact]
    public void The_result_marker_is_seen_in_any_read_and_only_with_this_builds_token()
    {
        var live = new LiveConsole("tok123", new Sink());
        live.Feed(Window("CLOUDCOMPOSE-RESULT othertoken exit=0\n"));
        Assert.False(live.Outcome.Found);
        live.Feed(Window("CLOUDCOMPOSE-RESULT othertoken exit=0\nwork\nCLOUDCOMPOSE-RESULT tok123 exit=4\n"));
        Assert.Equal((true, 4), (live.Outcome.Found, live.Outcome.ExitCode));
    }

    [Fact]
    public void Overlap_is_the_longest_start_of_the_new_read_that_ends_the_old_one()
    {
        var random = new Random(14);
        for (var run = 0; run < 2000; run++)
        {
            var a = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => "ab\n"[random.Next(3)]).ToArray());
            var b = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => "ab\n"[random.Next(3)]).ToArray());
            var naive = Enumerable.Range(0, Math.Min(a.Length, b.Length) + 1).Where(k => a.EndsWith(b.Substring(0, k), StringComparison.Ordinal)).Max();
            Assert.Equal(naive, LiveConsole.Overlap(a, b));
        }
    }
}
