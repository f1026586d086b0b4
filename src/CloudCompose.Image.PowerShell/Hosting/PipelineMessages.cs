using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Bake;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>
    /// Collects what background work reports and writes it on the pipeline thread, the only thread
    /// PowerShell lets a cmdlet write from.
    /// </summary>
    internal sealed class PipelineMessages : IBuildObserver, IBuildLogObserver
    {
        private readonly BlockingCollection<Action<Cmdlet>> queue = new BlockingCollection<Action<Cmdlet>>();
        private readonly ConcurrentDictionary<string, int> activityIds = new ConcurrentDictionary<string, int>();
        private readonly ConcurrentDictionary<string, DateTime> lastProgress = new ConcurrentDictionary<string, DateTime>();
        private int nextActivityId;

        public void Verbose(string message) => queue.Add(c => c.WriteVerbose(message));

        public void Warning(string message) => queue.Add(c => c.WriteWarning(message));

        public void Progress(BuildProgress progress)
        {
            // The host redraws progress at most a few times a second; reports in between only cost time.
            var now = DateTime.UtcNow;
            if (!progress.IsCompleted && lastProgress.TryGetValue(progress.BuildName, out var last) && now - last < TimeSpan.FromMilliseconds(250))
            {
                return;
            }

            lastProgress[progress.BuildName] = now;
            var id = activityIds.GetOrAdd(progress.BuildName, _ => Interlocked.Increment(ref nextActivityId));
            var record = new ProgressRecord(id, $"Baking {progress.BuildName}", $"{progress.Phase}: {progress.Status}")
            {
                PercentComplete = progress.PercentOfTimeout,
                CurrentOperation = $"{progress.Elapsed:hh\\:mm\\:ss} elapsed of {progress.Timeout:hh\\:mm\\:ss} allowed",
                RecordType = progress.IsCompleted ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            queue.Add(c => c.WriteProgress(record));
        }

        /// <summary>A builder's console line, tagged with its image's name so concurrent builds stay apart.</summary>
        public void Log(BuildLogLine line) => queue.Add(c => c.WriteInformation(line, new[] { line.Build, line.Name, LogTag }));

        public void Information(string name, string version, string message) =>
            queue.Add(c => c.WriteInformation($"{name}:{version}: {message}", new[] { $"{name}:{version}", name }));

        /// <summary>The tag every console line carries besides its image's name.</summary>
        public const string LogTag = "BuildLog";

        public void Object(object value) => queue.Add(c => c.WriteObject(value));

        public void Error(ErrorRecord error) => queue.Add(c => c.WriteError(error));

        /// <summary>Writes queued messages until every task has finished, then what is left.</summary>
        public void Pump(Cmdlet cmdlet, IReadOnlyCollection<Task> tasks)
        {
            var all = Task.WhenAll(tasks);
            while (!all.IsCompleted)
            {
                if (queue.TryTake(out var write, 100))
                {
                    Write(cmdlet, write);
                }
            }

            Drain(cmdlet);
        }

        /// <summary>Writes queued messages until one task finishes.</summary>
        public void PumpUntilAny(Cmdlet cmdlet, IReadOnlyCollection<Task> tasks)
        {
            var any = Task.WhenAny(tasks);
            while (!any.IsCompleted)
            {
                if (queue.TryTake(out var write, 100))
                {
                    Write(cmdlet, write);
                }
            }

            Drain(cmdlet);
        }

        public void Drain(Cmdlet cmdlet)
        {
            while (queue.TryTake(out var write))
            {
                Write(cmdlet, write);
            }
        }

        private static void Write(Cmdlet cmdlet, Action<Cmdlet> write)
        {
            try
            {
                write(cmdlet);
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C: the pipeline no longer accepts output, but the builds still need their cleanup to finish.
            }
        }
    }
}
