using System;
using System.Text;
using System.Threading.Tasks;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// Turns successive reads of a console that EC2 hands out only as its newest 64 KB into the lines the builder printed,
    /// each once and in order. A read overlaps the one before unless more than 64 KB arrived in between: then the lines in
    /// the gap are gone and a notice says so. Reads are fed one at a time (a lock keeps the live reads and the final one apart).
    /// </summary>
    internal sealed class LiveConsole
    {
        /// <summary>GetConsoleOutput returns at most the most recent 64 KB.</summary>
        public const int WindowBytes = 64 * 1024;

        /// <summary>
        /// A full window that shares fewer characters than this with the last one is taken as a gap: a shorter match is as
        /// likely a coincidence (a repeated line) as a true overlap.
        /// </summary>
        private const int MinimumOverlap = 256;

        private readonly object gate = new object();
        private readonly TaskCompletionSource<ScriptOutcome> marker = new TaskCompletionSource<ScriptOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly string token;
        private readonly IConsoleSink sink;
        private string window = string.Empty;
        private string partial = string.Empty;
        private bool started;

        public LiveConsole(string token, IConsoleSink sink)
        {
            this.token = token;
            this.sink = sink;
        }

        /// <summary>The newest window read: what EC2 still has of the console.</summary>
        public string Window
        {
            get
            {
                lock (gate)
                {
                    return window;
                }
            }
        }

        /// <summary>The wrapper's result marker once a read showed it (the script has ended), else not found.</summary>
        public ScriptOutcome Outcome { get; private set; } = ScriptOutcome.Parse(null, string.Empty);

        /// <summary>Completes when a read first shows the wrapper's result marker.</summary>
        public Task<ScriptOutcome> Marker => marker.Task;

        public int Lines { get; private set; }

        /// <summary>How many times output was lost between two reads.</summary>
        public int Gaps { get; private set; }

        /// <summary>One GetConsoleOutput answer, base64-decoded.</summary>
        public void Feed(byte[] bytes)
        {
            lock (gate)
            {
                var full = bytes.Length >= WindowBytes;
                var text = Decode(bytes, full);
                if (text.Length == 0 || window.IndexOf(text, StringComparison.Ordinal) >= 0)
                {
                    // Nothing new: the same window, or an older view of it (a buffered read after a live one).
                    return;
                }

                string fresh;
                if (!started)
                {
                    fresh = full ? AfterGap(text, "earlier output skipped: the console already held more than 64 KB, and EC2 keeps only the newest 64 KB") : text;
                }
                else
                {
                    var overlap = Overlap(window, text);
                    fresh = overlap > 0 && overlap >= Math.Min(window.Length, MinimumOverlap)
                        ? text.Substring(overlap)
                        : AfterGap(text, "output skipped: more than 64 KB arrived between two reads, and EC2 keeps only the newest 64 KB");
                }

                started = true;
                window = text;
                var outcome = ScriptOutcome.Parse(text, token);
                Emit(fresh);
                sink.Flush();
                if (outcome.Found)
                {
                    Outcome = outcome;
                    marker.TrySetResult(outcome);
                }
            }
        }

        /// <summary>The build is over: a last line without a line break is written as it is.</summary>
        public void Finish()
        {
            lock (gate)
            {
                if (partial.Length > 0)
                {
                    Write(partial, notice: false);
                    partial = string.Empty;
                }

                sink.Flush();
            }
        }

        private string AfterGap(string text, string notice)
        {
            // What was held of a line before the gap is all there will be of it; the window's first line is cut off.
            if (partial.Length > 0)
            {
                Write(partial, notice: false);
                partial = string.Empty;
            }

            Gaps++;
            Write("… " + notice + " …", notice: true);
            var firstBreak = text.IndexOf('\n');
            return firstBreak < 0 ? string.Empty : text.Substring(firstBreak + 1);
        }

        private void Emit(string fresh)
        {
            var text = partial + fresh;
            var start = 0;
            for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', start))
            {
                Write(text.Substring(start, i - start), notice: false);
                start = i + 1;
            }

            partial = text.Substring(start);
        }

        private void Write(string line, bool notice)
        {
            Lines++;
            sink.Line(line.EndsWith("\r", StringComparison.Ordinal) ? line.Substring(0, line.Length - 1) : line, notice);
        }

        /// <summary>EC2 cuts the window at a byte: a character split there is dropped rather than shown as garbage.</summary>
        private static string Decode(byte[] bytes, bool cut)
        {
            var start = 0;
            while (cut && start < bytes.Length && start < 3 && (bytes[start] & 0xC0) == 0x80)
            {
                start++;
            }

            return Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
        }

        /// <summary>The length of the longest start of <paramref name="next"/> that ends <paramref name="previous"/> (Knuth–Morris–Pratt).</summary>
        internal static int Overlap(string previous, string next)
        {
            var length = Math.Min(previous.Length, next.Length);
            if (length == 0)
            {
                return 0;
            }

            var border = new int[length];
            for (int i = 1, k = 0; i < length; i++)
            {
                while (k > 0 && next[i] != next[k])
                {
                    k = border[k - 1];
                }

                if (next[i] == next[k])
                {
                    k++;
                }

                border[i] = k;
            }

            var matched = 0;
            for (var i = previous.Length - length; i < previous.Length; i++)
            {
                while (matched > 0 && (matched == length || previous[i] != next[matched]))
                {
                    matched = border[matched - 1];
                }

                if (previous[i] == next[matched])
                {
                    matched++;
                }
            }

            return matched;
        }
    }
}
