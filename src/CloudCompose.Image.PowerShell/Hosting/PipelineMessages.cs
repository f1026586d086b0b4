using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Bake;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>
    /// Collects what background work reports and writes it on the pipeline thread, the only thread PowerShell lets a
    /// cmdlet write from. A write that fails — a stopped pipeline, a refused prompt (-Debug, -WarningAction Inquire
    /// under -NonInteractive), a closed pipe, -WarningAction Stop, any exception from Write* — never abandons the work
    /// that is still running: the work is cancelled, the pump goes on until it has finished its cleanup, and only then
    /// does <see cref="ThrowWriteFailure"/> surface the failure. Warnings meanwhile still reach the user, through the
    /// host's UI or, failing that, stderr.
    /// </summary>
    internal sealed class PipelineMessages : IBuildObserver, IBuildLogObserver
    {
        private readonly BlockingCollection<Message> queue = new BlockingCollection<Message>();
        private readonly ConcurrentDictionary<string, int> activityIds = new ConcurrentDictionary<string, int>();
        private readonly ConcurrentDictionary<string, DateTime> lastProgress = new ConcurrentDictionary<string, DateTime>();
        private readonly Action onWriteFailure;
        private int nextActivityId;
        private ExceptionDispatchInfo? writeFailure;
        private int stopped;
        private PSHost? host;

        /// <param name="onWriteFailure">Called once when a write fails: the cmdlet cancels its work (the pump goes on until it ends).</param>
        public PipelineMessages(Action? onWriteFailure = null)
        {
            this.onWriteFailure = onWriteFailure ?? (() => { });
        }

        /// <summary>Whether a write has failed (or the pipeline stopped): from then on only warnings are written, to the host.</summary>
        public bool WriteFailed => Volatile.Read(ref stopped) != 0;

        public void Verbose(string message) => queue.Add(new Message(c => c.WriteVerbose(message), null));

        /// <summary>A warning is never lost: once the pipeline no longer takes writes it goes to the host's UI, or stderr.</summary>
        public void Warning(string message) => queue.Add(new Message(c => c.WriteWarning(message), "WARNING: " + message));

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
            queue.Add(new Message(c => c.WriteProgress(record), null));
        }

        /// <summary>A builder's console line, tagged with its image's name so concurrent builds stay apart.</summary>
        public void Log(BuildLogLine line) => queue.Add(new Message(c => c.WriteInformation(line, new[] { line.Build, line.Name, LogTag }), null));

        public void Information(string name, string version, string message) =>
            queue.Add(new Message(c => c.WriteInformation($"{name}:{version}: {message}", new[] { $"{name}:{version}", name }), null));

        /// <summary>The tag every console line carries besides its image's name.</summary>
        public const string LogTag = "BuildLog";

        /// <summary>An output object; if the pipeline no longer takes it, a warning says what it was, so nothing made goes unnamed.</summary>
        public void Object(object value) => queue.Add(new Message(c => c.WriteObject(value), $"WARNING: {value} was made but could not be written to the pipeline.") { IsObject = true });

        public void Error(ErrorRecord error) => queue.Add(new Message(c => c.WriteError(error), "ERROR: " + error));

        /// <summary>Writes queued messages until every task has finished, then what is left.</summary>
        public void Pump(Cmdlet cmdlet, IReadOnlyCollection<Task> tasks) => PumpUntil(cmdlet, Task.WhenAll(tasks));

        /// <summary>Writes queued messages until one task finishes.</summary>
        public void PumpUntilAny(Cmdlet cmdlet, IReadOnlyCollection<Task> tasks) => PumpUntil(cmdlet, Task.WhenAny(tasks));

        public void Drain(Cmdlet cmdlet)
        {
            while (queue.TryTake(out var message))
            {
                Write(cmdlet, message);
            }
        }

        /// <summary>
        /// From any thread: writes what is queued straight to the host's UI (warnings and errors; the rest is dropped).
        /// A stop signal's handler calls it when the pipeline thread cannot, so the last warnings are not lost.
        /// </summary>
        public void DrainToHost()
        {
            while (queue.TryTake(out var message))
            {
                Fallback(message);
            }
        }

        /// <summary>Throws the first write failure, if any (once the work it cancelled has finished).</summary>
        public void ThrowWriteFailure() => Interlocked.Exchange(ref writeFailure, null)?.Throw();

        /// <summary>The pipeline has been stopped (Ctrl+C): writes go to the host from now on.</summary>
        public void PipelineStopped(Cmdlet cmdlet)
        {
            Remember(cmdlet);
            Interlocked.Exchange(ref stopped, 1);
        }

        private void PumpUntil(Cmdlet cmdlet, Task done)
        {
            Remember(cmdlet);
            while (!done.IsCompleted)
            {
                if (queue.TryTake(out var message, 100))
                {
                    Write(cmdlet, message);
                }
            }

            Drain(cmdlet);
        }

        private void Write(Cmdlet cmdlet, Message message)
        {
            if (WriteFailed)
            {
                Fallback(message);
                return;
            }

            try
            {
                message.Write(cmdlet);
            }
            catch (Exception e)
            {
                // Ctrl+C is not a failure to report; anything else is, once the work has finished.
                if (e is not PipelineStoppedException || e.GetType().Name == "StopUpstreamCommandsException")
                {
                    Interlocked.CompareExchange(ref writeFailure, ExceptionDispatchInfo.Capture(e), null);
                }

                if (Interlocked.Exchange(ref stopped, 1) == 0)
                {
                    onWriteFailure();
                }

                // A refused prompt or -WarningAction Stop has shown the warning already; a stopped pipeline has not.
                if (e is PipelineStoppedException || message.IsObject || message.FallbackText?.StartsWith("WARNING: ", StringComparison.Ordinal) != true)
                {
                    Fallback(message);
                }
            }
        }

        private void Remember(Cmdlet cmdlet)
        {
            if (host == null && cmdlet is PSCmdlet ps)
            {
                try
                {
                    host = ps.Host;
                }
                catch (Exception)
                {
                    // A cmdlet without a host (hosted without UI) has only stderr.
                }
            }
        }

        private void Fallback(Message message)
        {
            if (message.FallbackText == null)
            {
                return;
            }

            try
            {
                if (host?.UI != null)
                {
                    if (message.FallbackText.StartsWith("WARNING: ", StringComparison.Ordinal))
                    {
                        host.UI.WriteWarningLine(message.FallbackText.Substring("WARNING: ".Length));
                    }
                    else
                    {
                        host.UI.WriteErrorLine(message.FallbackText);
                    }

                    return;
                }
            }
            catch (Exception)
            {
                // The host's UI is gone too: stderr is the last resort.
            }

            try
            {
                Console.Error.WriteLine(message.FallbackText);
            }
            catch (Exception)
            {
                // Nowhere left to write; the left-resources record still holds what matters.
            }
        }

        private sealed class Message
        {
            public Message(Action<Cmdlet> write, string? fallbackText)
            {
                Write = write;
                FallbackText = fallbackText;
            }

            public Action<Cmdlet> Write { get; }

            /// <summary>What reaches the user when the pipeline no longer takes writes; null for what may be dropped (verbose, progress).</summary>
            public string? FallbackText { get; }

            public bool IsObject { get; set; }
        }
    }
}
