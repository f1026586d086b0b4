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
    /// Collects what background work reports (and the continuations of a cmdlet's own async code) and runs it on the
    /// pipeline thread, the only thread PowerShell lets a cmdlet write from or ask ShouldProcess on. A write that
    /// fails — a stopped pipeline, an error under -ErrorAction Stop, a refused prompt (-WarningAction Inquire under
    /// -NonInteractive), a closed pipe, -WarningAction Stop, any exception from Write* — never abandons the work that
    /// is still running: the work is cancelled, the pump goes on until it has finished its cleanup, and only then does
    /// <see cref="ThrowWriteFailure"/> surface the failure. Warnings meanwhile still reach the user, through the host's
    /// UI or, failing that, stderr.
    /// </summary>
    internal sealed class PipelineMessages : IBuildObserver, IBuildLogObserver
    {
        /// <summary>The tag every console line carries besides its image's name.</summary>
        public const string LogTag = "BuildLog";

        private const string WarningPrefix = "WARNING: ";

        private readonly BlockingCollection<Message> queue = new BlockingCollection<Message>();
        private readonly Action onWriteFailure;
        private ExceptionDispatchInfo? writeFailure;
        private int stopped;
        private PSHost? host;

        /// <param name="onWriteFailure">Called once when a write fails: the cmdlet cancels its work (the pump goes on until it ends).</param>
        public PipelineMessages(Action? onWriteFailure = null)
        {
            this.onWriteFailure = onWriteFailure ?? (() => { });
        }

        /// <summary>Set by the cmdlet before work starts: turns a bake's progress into what the host shows.</summary>
        public ProgressPresenter? Progress { get; set; }

        /// <summary>Whether a write has failed (or the pipeline stopped): from then on only warnings and errors are written, to the host.</summary>
        public bool WriteFailed => Volatile.Read(ref stopped) != 0;

        public void Verbose(string message) => queue.Add(new Message(c => c.WriteVerbose(message), null));

        /// <summary>A warning is never lost: once the pipeline no longer takes writes it goes to the host's UI, or stderr.</summary>
        public void Warning(string message) => queue.Add(new Message(c => c.WriteWarning(message), WarningPrefix + message));

        void IBuildObserver.Progress(BuildProgress progress)
        {
            var presenter = Progress;
            if (presenter != null && presenter.Accept(progress))
            {
                queue.Add(new Message(c => presenter.Write(c, progress), null));
            }
        }

        /// <summary>A builder's console line, tagged with its image's name so concurrent builds stay apart.</summary>
        public void Log(BuildLogLine line) => queue.Add(new Message(c => c.WriteInformation(line, new[] { line.Build, line.Name, LogTag }), null));

        public void Information(string name, string version, string message) =>
            queue.Add(new Message(c => c.WriteInformation($"{name}:{version}: {message}", new[] { $"{name}:{version}", name }), null));

        /// <summary>An output object; if the pipeline no longer takes it, a warning says what it was, so nothing made goes unnamed.</summary>
        public void Object(object value) =>
            queue.Add(new Message(c => c.WriteObject(value), $"{WarningPrefix}{value} was made but could not be written to the pipeline.") { IsObject = true });

        public void Error(ErrorRecord error) => queue.Add(new Message(c => c.WriteError(error), "ERROR: " + error));

        /// <summary>Runs <paramref name="action"/> on the pipeline thread at the next pump, also after a write failed (it resumes the cmdlet's own code).</summary>
        public void Post(Action<Cmdlet> action) => queue.Add(new Message(action, null) { Resumes = true });

        /// <summary>
        /// Asks something only the pipeline thread may ask (ShouldProcess) from background work, and waits for the
        /// answer; gives up when <paramref name="cancellationToken"/> is cancelled or the pipeline takes no more writes.
        /// </summary>
        public Task<T> Ask<T>(Func<Cmdlet, T> question, CancellationToken cancellationToken)
        {
            var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            var registration = cancellationToken.Register(() => answer.TrySetCanceled(cancellationToken));
            queue.Add(new Message(
                c =>
                {
                    registration.Dispose();
                    if (answer.Task.IsCompleted)
                    {
                        return;
                    }

                    try
                    {
                        answer.TrySetResult(question(c));
                    }
                    catch (Exception e)
                    {
                        answer.TrySetException(e);
                    }
                },
                null)
            {
                Dropped = () =>
                {
                    registration.Dispose();
                    answer.TrySetCanceled();
                },
            });
            return answer.Task;
        }

        /// <summary>
        /// Writes queued messages until every task has finished, then what is left. A write that fails does not end
        /// the pump (no task may be abandoned while it still runs): <see cref="ThrowWriteFailure"/> throws it later.
        /// </summary>
        public void Pump(Cmdlet cmdlet, IReadOnlyCollection<Task> tasks)
        {
            Remember(cmdlet);
            var all = Task.WhenAll(tasks);
            while (!all.IsCompleted)
            {
                if (queue.TryTake(out var message, 100))
                {
                    Write(cmdlet, message);
                }
            }

            Drain(cmdlet);
        }

        /// <summary>Writes what is queued now.</summary>
        public void Drain(Cmdlet cmdlet)
        {
            while (queue.TryTake(out var message))
            {
                Write(cmdlet, message);
            }
        }

        /// <summary>
        /// From any thread: writes what is queued straight to the host's UI (warnings and errors; the rest is dropped).
        /// A stop signal's handler calls it when the pipeline thread cannot, so the last warnings are not lost. The
        /// continuations of the cmdlet's own code stay queued for the pipeline thread.
        /// </summary>
        public void DrainToHost()
        {
            var resumes = new List<Message>();
            while (queue.TryTake(out var message))
            {
                if (message.Resumes)
                {
                    resumes.Add(message);
                }
                else
                {
                    Fallback(message);
                }
            }

            resumes.ForEach(queue.Add);
        }

        /// <summary>Throws the first write failure, if any (once the work it cancelled has finished).</summary>
        public void ThrowWriteFailure() => Interlocked.Exchange(ref writeFailure, null)?.Throw();

        /// <summary>The pipeline has been stopped (Ctrl+C): writes go to the host from now on.</summary>
        public void PipelineStopped(Cmdlet cmdlet)
        {
            Remember(cmdlet);
            Interlocked.Exchange(ref stopped, 1);
        }

        private void Write(Cmdlet cmdlet, Message message)
        {
            if (WriteFailed && !message.Resumes)
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
                // PipelineStoppedException is how PowerShell says both "Ctrl+C" and "an error under -ErrorAction Stop"
                // (it records the error and unwinds): either way the work is cancelled, and the pump goes on until the
                // builds have finished their cleanup; the first failure is thrown after that.
                Interlocked.CompareExchange(ref writeFailure, ExceptionDispatchInfo.Capture(e), null);
                if (Interlocked.Exchange(ref stopped, 1) == 0)
                {
                    onWriteFailure();
                }

                // A refused prompt or -WarningAction Stop has shown the warning already; a stopped pipeline has not.
                if (e is PipelineStoppedException || message.IsObject || message.FallbackText?.StartsWith(WarningPrefix, StringComparison.Ordinal) != true)
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
            message.Dropped?.Invoke();
            if (message.FallbackText == null)
            {
                return;
            }

            try
            {
                if (host?.UI != null)
                {
                    if (message.FallbackText.StartsWith(WarningPrefix, StringComparison.Ordinal))
                    {
                        host.UI.WriteWarningLine(message.FallbackText.Substring(WarningPrefix.Length));
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

            /// <summary>A continuation of the cmdlet's own code: it runs whatever happened to the pipeline, or that code never ends.</summary>
            public bool Resumes { get; set; }

            /// <summary>Called when the message is not written (a question then gets no answer).</summary>
            public Action? Dropped { get; set; }
        }
    }
}
