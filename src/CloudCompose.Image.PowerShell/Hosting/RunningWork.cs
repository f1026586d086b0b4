using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>
    /// The work of one cmdlet, its own async code and what it starts in the background (bakes, which leave resources
    /// to clean up): one token that Ctrl+C, a stop signal or a failed write cancels; while background work runs, the
    /// process's stop signals are routed here; and no way out of the cmdlet — an exception on the pipeline thread, a
    /// refused prompt, a stopped pipeline, Dispose — leaves before the background work has run its cleanup.
    /// </summary>
    internal sealed class RunningWork : IStoppable, IDisposable
    {
        /// <summary>Before the signal's bound ends, cleanup gives up so its warnings can still be written.</summary>
        private static readonly TimeSpan WarningReserve = TimeSpan.FromSeconds(5);

        /// <summary>After a signal's cleanup, how long the command waits for the signal to end the process.</summary>
        private static readonly TimeSpan SignalExitWait = TimeSpan.FromSeconds(10);

        /// <summary>How long Dispose waits for work whose cmdlet was torn down without EndProcessing.</summary>
        private static readonly TimeSpan AbandonedWait = TimeSpan.FromMinutes(3);

        private readonly CancellationTokenSource cancel = new CancellationTokenSource();
        private readonly CancellationTokenSource cleanupCancel = new CancellationTokenSource();
        private readonly List<Task> tasks = new List<Task>();
        private readonly ManualResetEventSlim drained = new ManualResetEventSlim(false);
        private IDisposable? signals;

        public RunningWork()
        {
            Messages = new PipelineMessages(Cancel);
        }

        public PipelineMessages Messages { get; }

        /// <summary>Cancelled by Ctrl+C, a stop signal, or a write that failed.</summary>
        public CancellationToken Token => cancel.Token;

        /// <summary>Ends cleanup early once a stop signal's bound is nearly used up.</summary>
        public CancellationToken CleanupCancellation => cleanupCancel.Token;

        /// <summary>The signal that stopped the work (SIGTERM, …), or null.</summary>
        public string? StoppedBy { get; private set; }

        public IReadOnlyList<Task> Running
        {
            get
            {
                lock (tasks)
                {
                    return tasks.Where(t => !t.IsCompleted).ToList();
                }
            }
        }

        /// <summary>Starts a piece of work; the first one routes the process's stop signals here.</summary>
        public Task Start(Func<Task> work)
        {
            lock (tasks)
            {
                // Registered before the work can make anything, so no resource exists unguarded.
                signals ??= StopSignals.Register(this);
                var task = Task.Run(work);
                tasks.Add(task);
                return task;
            }
        }

        /// <summary>Pumps messages until all work has finished, then surfaces a failed write, if any.</summary>
        public void Finish(Cmdlet cmdlet)
        {
            drained.Reset();
            Messages.Pump(cmdlet, All());
            drained.Set();
            if (StopSignals.EndsProcess(StoppedBy))
            {
                // The signal's own default action ends the process now, with its exit code (143, 129); ending the
                // command first would race it with PowerShell's exit code. Only a host that keeps running gets past here.
                Thread.Sleep(SignalExitWait);
            }

            lock (tasks)
            {
                // Nothing left to clean up: signals are PowerShell's again.
                signals?.Dispose();
                signals = null;
            }

            Messages.ThrowWriteFailure();
        }

        public void Cancel()
        {
            try
            {
                cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The cmdlet has ended.
            }
        }

        void IStoppable.Stop(string signal, TimeSpan bound)
        {
            StoppedBy = signal;
            Messages.Warning($"{signal} received: stopping the build(s) and cleaning up before the process ends (at most {bound.TotalSeconds:0} s).");
            drained.Reset();
            cleanupCancel.CancelAfter(bound > WarningReserve ? bound - WarningReserve : TimeSpan.Zero);
            Cancel();
        }

        bool IStoppable.WaitStopped(TimeSpan timeout)
        {
            var started = DateTime.UtcNow;
            var finished = Task.WaitAll(All().ToArray(), timeout);

            // The pipeline thread writes the last warnings; if it does not get to them soon, they go to the host from here.
            var left = timeout - (DateTime.UtcNow - started);
            if (!drained.Wait(left < TimeSpan.FromSeconds(2) ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : TimeSpan.FromSeconds(2)))
            {
                Messages.DrainToHost();
            }

            return finished;
        }

        public void Dispose()
        {
            // Torn down without EndProcessing (an exception elsewhere in the pipeline): the work still cleans up first.
            if (Running.Count > 0)
            {
                Cancel();
                Task.WaitAll(All().ToArray(), AbandonedWait);
                Messages.DrainToHost();
            }

            signals?.Dispose();
            signals = null;
            drained.Set();
        }

        private IReadOnlyList<Task> All()
        {
            lock (tasks)
            {
                return tasks.ToList();
            }
        }
    }
}
