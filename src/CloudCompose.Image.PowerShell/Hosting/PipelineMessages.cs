using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Bake;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>
    /// Collects what background work reports (and the continuations of a cmdlet's own async code) and runs it on the
    /// pipeline thread, the only thread PowerShell lets a cmdlet write from or ask ShouldProcess on.
    /// </summary>
    internal sealed class PipelineMessages : IBuildObserver
    {
        private readonly BlockingCollection<Action<Cmdlet>> queue = new BlockingCollection<Action<Cmdlet>>();
        private readonly Action onWriteFailure;
        private ExceptionDispatchInfo? writeFailure;

        /// <param name="onWriteFailure">
        /// Called once when a write fails (Ctrl+C, -ErrorAction Stop on a queued error, a host that cannot write): the
        /// cmdlet cancels its work, and the pump goes on until that work has finished before the failure surfaces.
        /// </param>
        public PipelineMessages(Action onWriteFailure)
        {
            this.onWriteFailure = onWriteFailure;
        }

        /// <summary>Set by the cmdlet before work starts: turns a bake's progress into what the host shows.</summary>
        public ProgressPresenter? Progress { get; set; }

        public void Verbose(string message) => queue.Add(c => c.WriteVerbose(message));

        public void Warning(string message) => queue.Add(c => c.WriteWarning(message));

        void IBuildObserver.Progress(BuildProgress progress)
        {
            var presenter = Progress;
            if (presenter != null && presenter.Accept(progress))
            {
                queue.Add(c => presenter.Write(c, progress));
            }
        }

        public void Object(object value) => queue.Add(c => c.WriteObject(value));

        public void Error(ErrorRecord error) => queue.Add(c => c.WriteError(error));

        /// <summary>Runs <paramref name="action"/> on the pipeline thread at the next pump.</summary>
        public void Post(Action<Cmdlet> action) => queue.Add(action);

        /// <summary>
        /// Asks something only the pipeline thread may ask (ShouldProcess) from background work, and waits for the
        /// answer; gives up when <paramref name="cancellationToken"/> is cancelled.
        /// </summary>
        public Task<T> Ask<T>(Func<Cmdlet, T> question, CancellationToken cancellationToken)
        {
            var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            var registration = cancellationToken.Register(() => answer.TrySetCanceled(cancellationToken));
            queue.Add(c =>
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
            });
            return answer.Task;
        }

        /// <summary>
        /// Writes queued messages until every task has finished, then what is left. A write that fails does not end
        /// the pump (no task may be abandoned while it still runs): <see cref="ThrowWriteFailure"/> throws it later.
        /// </summary>
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

        /// <summary>Writes what is queued now.</summary>
        public void Drain(Cmdlet cmdlet)
        {
            while (queue.TryTake(out var write))
            {
                Write(cmdlet, write);
            }
        }

        /// <summary>Whether a write has failed since the last <see cref="ThrowWriteFailure"/>.</summary>
        public bool WriteFailed => Volatile.Read(ref writeFailure) != null;

        /// <summary>Throws the first write failure since the last call, if any.</summary>
        public void ThrowWriteFailure() => Interlocked.Exchange(ref writeFailure, null)?.Throw();

        private void Write(Cmdlet cmdlet, Action<Cmdlet> write)
        {
            try
            {
                write(cmdlet);
            }
            catch (Exception e)
            {
                // PipelineStoppedException is how PowerShell says both "Ctrl+C" and "an error under -ErrorAction Stop"
                // (it records the error and unwinds): either way the work is cancelled, and the pump goes on until the
                // builds have finished their cleanup; the first failure is thrown after that.
                if (Interlocked.CompareExchange(ref writeFailure, ExceptionDispatchInfo.Capture(e), null) == null)
                {
                    onWriteFailure();
                }
            }
        }
    }
}
