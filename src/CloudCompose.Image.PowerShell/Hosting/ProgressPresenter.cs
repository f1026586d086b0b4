using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using CloudCompose.Image.Bake;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>
    /// What progress looks like. At an interactive console: progress records, one activity per build (phase in words,
    /// seconds left to its deadline) under a parent activity for a batch ("3 of 10 built"). Where nobody watches a
    /// progress bar (a CI system, or output redirected to a file), one Information record per change instead, tagged
    /// <see cref="InformationTag"/>: -InformationAction Continue prints them, -InformationVariable collects them.
    /// Everything here runs on the pipeline thread, except <see cref="Accept"/>.
    /// </summary>
    internal sealed class ProgressPresenter
    {
        public const string InformationTag = "Progress";

        /// <summary>Variables CI systems set: CI (most, GitHub Actions and GitLab included), GITHUB_ACTIONS, TF_BUILD (Azure Pipelines).</summary>
        public static readonly IReadOnlyList<string> CiVariables = new[] { "CI", "GITHUB_ACTIONS", "TF_BUILD" };

        private const int BatchActivityId = 1;

        private readonly Dictionary<string, Build> builds = new Dictionary<string, Build>(StringComparer.Ordinal);
        private readonly Dictionary<int, string> lastLines = new Dictionary<int, string>();
        private readonly object gate = new object();
        private int nextActivityId = BatchActivityId + 1;
        private int finished;
        private int failed;

        public ProgressPresenter(bool asInformation)
        {
            AsInformation = asInformation;
        }

        /// <summary>Information records instead of progress records.</summary>
        public bool AsInformation { get; }

        public static ProgressPresenter For(PSHost? host) => new ProgressPresenter(InCi() || (host?.Name == "ConsoleHost" && Console.IsOutputRedirected));

        public static bool InCi()
        {
            foreach (var name in CiVariables)
            {
                var value = Environment.GetEnvironmentVariable(name);
                if (!string.IsNullOrEmpty(value) && !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase) && value != "0")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether a build's report is worth queueing (any thread): phase changes and the end always are; within a phase
        /// the host redraws a few times a second, so reports in between only cost time.
        /// </summary>
        public bool Accept(BuildProgress progress)
        {
            var now = DateTime.UtcNow;
            lock (gate)
            {
                if (!builds.TryGetValue(progress.BuildName, out var build))
                {
                    builds[progress.BuildName] = build = new Build(nextActivityId++);
                }

                var changed = build.AcceptedPhase != progress.Phase;
                if (!changed && !progress.IsCompleted && (AsInformation || now - build.AcceptedAt < TimeSpan.FromMilliseconds(250)))
                {
                    return false;
                }

                build.AcceptedPhase = progress.Phase;
                build.AcceptedAt = now;
                return true;
            }
        }

        public void Write(Cmdlet cmdlet, BuildProgress progress)
        {
            Build build;
            int total;
            lock (gate)
            {
                build = builds[progress.BuildName];
                total = builds.Count;
            }

            var phase = PhaseText(progress);
            var record = new ProgressRecord(build.ActivityId, "Baking " + progress.BuildName, phase + ": " + progress.Status)
            {
                ParentActivityId = total > 1 ? BatchActivityId : -1,
                RecordType = progress.IsCompleted ? ProgressRecordType.Completed : ProgressRecordType.Processing,
                CurrentOperation = Span(progress.Elapsed) + " elapsed",
            };
            if (!progress.IsCompleted)
            {
                record.SecondsRemaining = (int)Math.Max(0, Math.Ceiling((progress.Timeout - progress.Elapsed).TotalSeconds));
            }

            var line = progress.IsCompleted ? $"{progress.BuildName}: {phase} after {Span(progress.Elapsed)}" : $"{progress.BuildName}: {phase} ({progress.Status})";
            Write(cmdlet, record, AsInformation ? line : null);
            if (progress.IsCompleted && !build.Counted)
            {
                build.Counted = true;
                finished++;
                if (progress.Status != "Done")
                {
                    failed++;
                }

                if (total > 1)
                {
                    WriteBatch(cmdlet, total);
                }
            }
        }

        /// <summary>The batch's parent activity is done: every build has ended.</summary>
        public void Complete(Cmdlet cmdlet)
        {
            int total;
            lock (gate)
            {
                total = builds.Count;
            }

            if (total > 1 && !AsInformation)
            {
                cmdlet.WriteProgress(new ProgressRecord(BatchActivityId, "Baking images", Batch(total)) { RecordType = ProgressRecordType.Completed });
            }
        }

        /// <summary>
        /// Any other progress record: written as it is, or as an Information line when its text changed
        /// (<paramref name="line"/>, or "activity: status").
        /// </summary>
        public void Write(Cmdlet cmdlet, ProgressRecord record, string? line = null)
        {
            if (!AsInformation)
            {
                cmdlet.WriteProgress(record);
                return;
            }

            if (record.RecordType == ProgressRecordType.Completed && line == null)
            {
                return;
            }

            line ??= record.Activity + ": " + record.StatusDescription;
            if (lastLines.TryGetValue(record.ActivityId, out var last) && last == line)
            {
                return;
            }

            lastLines[record.ActivityId] = line;
            cmdlet.WriteInformation(line, new[] { InformationTag });
        }

        private void WriteBatch(Cmdlet cmdlet, int total)
        {
            var record = new ProgressRecord(BatchActivityId, "Baking images", Batch(total))
            {
                PercentComplete = finished * 100 / total,
            };
            Write(cmdlet, record, AsInformation ? "Baking images: " + Batch(total) : null);
        }

        private string Batch(int total) => $"{finished} of {total} built" + (failed > 0 ? $", {failed} failed" : string.Empty);

        private static string PhaseText(BuildProgress progress) => progress.Phase switch
        {
            BuildPhase.Launching => "launching the builder",
            BuildPhase.RunningScript => "running image.sh",
            BuildPhase.ReadingConsole => "reading the builder's console",
            BuildPhase.CreatingImage => "creating the image",
            BuildPhase.Testing => "testing the image",
            BuildPhase.CopyingImage => "copying the image to other regions",
            BuildPhase.Publishing => "publishing the image",
            BuildPhase.CleaningUp => "retiring older images",
            _ => progress.Status == "Done" ? "done" : "failed",
        };

        private static string Span(TimeSpan span) =>
            span.TotalHours >= 1 ? string.Format(CultureInfo.InvariantCulture, "{0}h {1}m", (int)span.TotalHours, span.Minutes)
            : span.TotalMinutes >= 1 ? string.Format(CultureInfo.InvariantCulture, "{0}m {1}s", span.Minutes, span.Seconds)
            : string.Format(CultureInfo.InvariantCulture, "{0}s", span.Seconds);

        private sealed class Build
        {
            public Build(int activityId)
            {
                ActivityId = activityId;
            }

            public int ActivityId { get; }

            public BuildPhase? AcceptedPhase { get; set; }

            public DateTime AcceptedAt { get; set; }

            public bool Counted { get; set; }
        }
    }
}
