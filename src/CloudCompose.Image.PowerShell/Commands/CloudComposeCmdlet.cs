using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.PowerShell.Errors;
using CloudCompose.Image.PowerShell.Hosting;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// What every cmdlet of the module shares, so that each one only says what it does:
    /// <list type="bullet">
    /// <item>the sealed PowerShell entry points run the cmdlet's async methods with one cancellation token, which
    /// Ctrl+C (StopProcessing) cancels;</item>
    /// <item>while they run, one pump on the pipeline thread writes what background work queued and resumes the
    /// async code after each await, so that code calls WriteObject, WriteError and ShouldProcess directly;</item>
    /// <item>a <see cref="CloudComposeException"/> that escapes becomes a terminating error, cancellation becomes
    /// PipelineStoppedException, and neither happens before background work (builds) has finished its cleanup;</item>
    /// <item>a write that fails (an error under -ErrorAction Stop, a refused prompt, a closed pipe) cancels the work
    /// too, and surfaces once background work has cleaned up; warnings written after that reach the host's UI;</item>
    /// <item>SIGTERM, SIGHUP and SIGQUIT (docker stop, systemd, a CI runner's cancel, a closed terminal), which end the
    /// process without stopping the pipeline, run the same cancellation while background work runs and wait for its
    /// cleanup before the process goes (<see cref="StopSignals"/>);</item>
    /// <item>what earlier runs left in EC2 (the left-resources record), reported once at the start;</item>
    /// <item>the config path parameters and their resolution through the provider.</item>
    /// </list>
    /// Per-input failures are the cmdlet's to report with <see cref="WriteFailure"/> (non-terminating); what escapes
    /// the async methods ends the command: bad arguments, or nothing that can run.
    /// </summary>
    public abstract class CloudComposeCmdlet : PSCmdlet, IDisposable
    {
        internal const string PathSet = "Path";
        internal const string LiteralPathSet = "LiteralPath";

        /// <summary>How long Ctrl+C between two pipeline inputs waits for background work to clean up.</summary>
        private static readonly TimeSpan StopWait = TimeSpan.FromMinutes(5);

        private readonly RunningWork work = new RunningWork();
        private int pumping;

        /// <summary>cloud-compose.yml, or a folder searched with the discovery rules; wildcards allowed. Default: the current location.</summary>
        [Parameter(ParameterSetName = PathSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public virtual string[]? Path { get; set; }

        /// <summary>A config path taken exactly as written (Get-ChildItem and Get-Item output bind here through PSPath).</summary>
        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public virtual string[]? LiteralPath { get; set; }

        /// <summary>Cancelled by Ctrl+C, a stop signal, or when a write fails and the command has to end.</summary>
        protected CancellationToken StopToken => work.Token;

        /// <summary>Ends cleanup early once a stop signal's bound is nearly used up (cleanup otherwise has its own time limit).</summary>
        private protected CancellationToken CleanupCancellation => work.CleanupCancellation;

        /// <summary>The queue background work writes through; the pump empties it on the pipeline thread.</summary>
        internal PipelineMessages Messages => work.Messages;

        /// <summary>What Ctrl+C warns while background work cleans up; null for no warning.</summary>
        private protected virtual string? StoppingWarning => null;

        /// <summary>Progress as the host shows it: records at a console, Information lines in CI.</summary>
        internal ProgressPresenter Progress => Messages.Progress!;

        public void Dispose()
        {
            // Torn down without EndProcessing (an exception elsewhere in the pipeline): background work still cleans up first.
            work.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>
        /// True for cmdlets that check the left-resources record against EC2 with their own connection (AWS cmdlets, at
        /// their first connection); the others report it unchecked as they start, without loading the AWS SDK.
        /// </summary>
        private protected virtual bool ChecksLeftResources => false;

        protected sealed override void BeginProcessing()
        {
            Messages.Progress = ProgressPresenter.For(Host);
            if (!ChecksLeftResources)
            {
                LeftResourceReport.ShowUnchecked(this);
            }

            Run(BeginAsync, waitForBackground: false);
        }

        protected sealed override void ProcessRecord() => Run(ProcessRecordAsync, waitForBackground: false);

        protected sealed override void EndProcessing() => Run(EndAsync, waitForBackground: true);

        protected sealed override void StopProcessing()
        {
            // From here on writes go to the host's UI: the pipeline takes none, and cleanup warnings must still be seen.
            Messages.PipelineStopped(this);
            if (work.Running.Count > 0 && StoppingWarning is { } warning)
            {
                Messages.Warning(warning);
            }

            work.Cancel();

            // Between two pipeline inputs nobody pumps; builds still need their cleanup before PowerShell moves on.
            if (Volatile.Read(ref pumping) == 0)
            {
                Task.WaitAny(new[] { Task.WhenAll(work.Running) }, StopWait);
                Messages.DrainToHost();
            }
        }

        protected virtual Task BeginAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        protected abstract Task ProcessRecordAsync(CancellationToken cancellationToken);

        protected virtual Task EndAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <summary>
        /// Starts work that outlives the current pipeline input (a build). It runs on the thread pool, writes only
        /// through <see cref="Messages"/>, and EndProcessing (or a failure, Ctrl+C or a stop signal) waits for it.
        /// While it runs, the process's stop signals cancel it and wait for its cleanup.
        /// </summary>
        internal Task RunInBackground(Func<CancellationToken, Task> background) => work.Start(() => background(StopToken));

        /// <summary>Background work started and not yet finished.</summary>
        internal IReadOnlyList<Task> Running() => work.Running;

        /// <summary>Reports the failure of one input (a config, an image, a builder) and lets the command go on.</summary>
        protected void WriteFailure(CloudComposeException e) => WriteError(ErrorRecords.From(e));

        /// <summary>
        /// ShouldProcess, except that -Force skips the confirmation prompt (never -WhatIf), so runbooks can run
        /// destructive commands unattended with either -Force or -Confirm:$false.
        /// </summary>
        protected bool Confirmed(string target, string action, bool force) =>
            (force && !WhatIfRequested) || ShouldProcess(target, action);

        protected bool WhatIfRequested =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) && value is SwitchParameter s && s.IsPresent;

        /// <summary>
        /// The config files -Path or -LiteralPath name (the current location when neither is given): a folder is
        /// searched with the discovery rules, -Path expands wildcards and escapes through the provider. A path that
        /// finds nothing is reported as a non-terminating error and skipped.
        /// </summary>
        protected IEnumerable<string> ConfigFiles()
        {
            var literal = ParameterSetName == LiteralPathSet;
            foreach (var file in new ConfigPathResolver(this).Resolve(literal ? LiteralPath : Path, literal))
            {
                if (file.Error != null)
                {
                    WriteFailure(file.Error);
                }
                else
                {
                    yield return file.Path!;
                }
            }
        }

        /// <summary>The name, version and region of each config <see cref="ConfigFiles"/> names; one that cannot be read is reported and skipped.</summary>
        private protected IEnumerable<ConfigIdentity> ConfigIdentities()
        {
            foreach (var file in ConfigFiles())
            {
                ConfigIdentity identity;
                try
                {
                    identity = ConfigReader.ReadIdentity(file);
                }
                catch (CloudComposeException e)
                {
                    WriteFailure(e);
                    continue;
                }

                yield return identity;
            }
        }

        private void Run(Func<CancellationToken, Task> step, bool waitForBackground)
        {
            var previous = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(new PipelineSynchronizationContext(Messages));
            Interlocked.Increment(ref pumping);
            try
            {
                Task task;
                try
                {
                    task = step(StopToken);
                }
                catch (Exception e)
                {
                    task = Task.FromException(e);
                }

                Messages.Pump(this, new[] { task });
                var failed = task.Status != TaskStatus.RanToCompletion || Messages.WriteFailed;
                if (failed)
                {
                    // The command ends here: builds still running are cancelled and finish their cleanup first.
                    work.Cancel();
                }

                if (failed || waitForBackground)
                {
                    // A queued error under -ErrorAction Stop wins over the cancellation it caused.
                    work.Finish(this);
                }

                Messages.ThrowWriteFailure();
                if (task.Status != TaskStatus.RanToCompletion)
                {
                    Throw(task);
                }

                if (waitForBackground && work.StoppedBy is { } signal)
                {
                    // A signal that leaves the process running (SIGQUIT, taken as Ctrl+Break) ends the command with this.
                    ThrowTerminatingError(ErrorRecords.From(Stopped(signal)));
                }
            }
            finally
            {
                Interlocked.Decrement(ref pumping);
                SynchronizationContext.SetSynchronizationContext(previous);
            }
        }

        private void Throw(Task task)
        {
            var e = task.IsCanceled ? new OperationCanceledException() : task.Exception!.InnerException!;
            if (e is OperationCanceledException && StopToken.IsCancellationRequested)
            {
                if (work.StoppedBy is { } signal)
                {
                    ThrowTerminatingError(ErrorRecords.From(Stopped(signal)));
                }

                throw new PipelineStoppedException();
            }

            if (e is CloudComposeException known)
            {
                ThrowTerminatingError(ErrorRecords.From(known));
            }

            // PowerShell's own (-ErrorAction Stop, a stopped pipeline, a declined prompt), or a defect, which
            // PowerShell reports with its type and stack trace.
            ExceptionDispatchInfo.Capture(e).Throw();
        }

        private static CloudComposeException Stopped(string signal) =>
            new CloudComposeException(ErrorIds.BuildCancelled, ErrorKind.OperationStopped,
                $"{signal} stopped the build(s); the builders were terminated and unfinished images removed, except what a warning names.", signal);
    }
}
