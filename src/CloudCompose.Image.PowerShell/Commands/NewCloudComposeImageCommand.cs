using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Cleanup;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.PowerShell.Errors;
using CloudCompose.Image.PowerShell.Hosting;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// Bakes an AMI from cloud-compose.yml and image.sh (the original's <c>cloud-compose image up</c>).
    /// Configs from the pipeline bake concurrently (up to -ThrottleLimit); each image is written as soon as it is available.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CloudComposeImage", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ImageInfo))]
    public sealed class NewCloudComposeImageCommand : AwsCmdlet, IDisposable
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private RunningWork? work;
        private readonly List<ErrorRecord> failures = new List<ErrorRecord>();
        private readonly BakeBatch batch = new BakeBatch();

        [Parameter(ParameterSetName = PathSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>Time from launch until the builder has stopped; the builder's own watchdog shuts it down past this.</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(60);

        /// <summary>Time from CreateImage until the image is available.</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan ImageTimeout { get; set; } = TimeSpan.FromMinutes(60);

        /// <summary>How long to wait for the script's result to reach the builder's console after it stopped.</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan ConsoleTimeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>How long removing the builder and an unfinished image may take, retries included, once the build has ended or been stopped.</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan CleanupTimeout { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>Time from launching the test instance until it has stopped (image.test's whole run).</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan TestTimeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>How long each SSM parameter may take to validate after PutParameter.</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>Publish without running image.test (emergencies only).</summary>
        [Parameter]
        public SwitchParameter SkipTest { get; set; }

        /// <summary>When image.test fails, disable and tag the image instead of deregistering it.</summary>
        [Parameter]
        public SwitchParameter KeepFailedImage { get; set; }

        /// <summary>Take the builder's stop as success, for AMIs without a serial console.</summary>
        [Parameter]
        public SwitchParameter SkipScriptCheck { get; set; }

        /// <summary>Leave a failed builder running for debugging (a warning names it).</summary>
        [Parameter]
        public SwitchParameter KeepBuilderOnFailure { get; set; }

        /// <summary>Do not retire older unused images of the same name and version after the build.</summary>
        [Parameter]
        public SwitchParameter NoCleanup { get; set; }

        /// <summary>Send only a shebang and shutdown instead of image.sh.</summary>
        [Parameter]
        public SwitchParameter NoTemplate { get; set; }

        /// <summary>Save the builder's console output to this file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LogPath { get; set; }

        /// <summary>How many builds run at once when configs come from the pipeline.</summary>
        [Parameter]
        [ValidateRange(1, 128)]
        public int ThrottleLimit { get; set; } = 5;

        /// <summary>Build even when an available image of the same name, version and fingerprint exists.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Reuse an unchanged image only when it is younger than this (a number is days; 12h works too).</summary>
        [Parameter]
        [DurationTransformation(MaximumDays = 36500, NumbersAreDays = true)]
        public TimeSpan MaxAge { get; set; }

        /// <summary>Build although the rendered user data carries the value of a secret-named variable or an access key id (a warning names it).</summary>
        [Parameter]
        public SwitchParameter AllowSecretInUserData { get; set; }

        /// <summary>Do not read the builder's console while it runs: its lines come once it has stopped.</summary>
        [Parameter]
        public SwitchParameter NoLiveLog { get; set; }

        // Builds run in the background; Ctrl+C, stop signals and failed writes all go through RunningWork, which never lets
        // the command end before they have cleaned up.
        private RunningWork Work => work ??= new RunningWork(CancellationToken);

        private PipelineMessages messages => Work.Messages;

        protected override void ProcessRecord() => Work.Guard(this, ProcessConfigs);

        protected override void StopProcessing()
        {
            base.StopProcessing();
            if (work != null && work.Running.Count > 0)
            {
                work.Messages.PipelineStopped(this);
                work.Messages.Warning($"Stopping: terminating the builder(s) and removing unfinished images before the command ends (at most {CleanupTimeout}).");
            }
        }

        public new void Dispose()
        {
            work?.Dispose();
            base.Dispose();
        }

        private void ProcessConfigs()
        {
            var literal = ParameterSetName == LiteralPathSet;
            IEnumerable<string> files;
            try
            {
                files = ResolveConfigFiles(literal ? LiteralPath : Path, literal).ToList();
            }
            catch (CloudComposeException e)
            {
                AddFailure(ErrorRecords.From(e));
                return;
            }

            foreach (var file in files)
            {
                try
                {
                    Start(file);
                }
                catch (CloudComposeException e)
                {
                    AddFailure(ErrorRecords.From(e));
                }
            }
        }

        protected override void EndProcessing()
        {
            Work.Finish(this);
            if (Work.StoppedBy is { } signal)
            {
                AddFailure(ErrorRecords.From(new CloudComposeException(ErrorIds.BuildCancelled, ErrorKind.OperationStopped,
                    $"{signal} stopped the build(s); the builders were terminated and unfinished images removed, except what a warning names.", signal)));
            }

            if (failures.Count == 0)
            {
                return;
            }

            // Every build has had its chance to finish; the failures are reported together, the last one ending the command.
            foreach (var failure in failures.Take(failures.Count - 1))
            {
                WriteError(failure);
            }

            ThrowTerminatingError(failures[failures.Count - 1]);
        }

        private void Start(string file)
        {
            WriteVerbose($"Reading {file}");
            var config = ConfigReader.Read(file);
            var script = ScriptRenderer.Render(config, renderTemplate: !NoTemplate);
            var testScript = NoTemplate || SkipTest ? null : ScriptRenderer.RenderTest(config, Environment.GetEnvironmentVariables());
            var connection = Connect(config.Aws.Region);
            var options = new BakeOptions
            {
                Timeout = Timeout,
                ImageTimeout = ImageTimeout,
                ConsoleTimeout = ConsoleTimeout,
                CleanupTimeout = CleanupTimeout,
                SkipScriptCheck = SkipScriptCheck,
                KeepBuilderOnFailure = KeepBuilderOnFailure,
                NoCleanup = NoCleanup,
                NoTemplate = NoTemplate,
                TestTimeout = TestTimeout,
                PublishTimeout = PublishTimeout,
                SkipTest = SkipTest,
                KeepFailedImage = KeepFailedImage,
                LogPath = LogPath != null ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(LogPath) : null,
                Force = Force,
                MaxAge = MyInvocation.BoundParameters.ContainsKey(nameof(MaxAge)) ? MaxAge : (TimeSpan?)null,
                AllowSecretInUserData = AllowSecretInUserData,
                LiveLog = !NoLiveLog,
                CleanupCancellation = Work.CleanupCancellation,
            };
            var baker = new ImageBaker(connection, messages, batch);
            var handedOver = false;
            try
            {
                // Older unused images of this name and version go after a successful build (the engine skips it with
                // -NoCleanup); what goes is reported as verbose.
                baker.AfterSuccess = (image, cancellationToken) => ImageRetirement.RetireOlderAsync(connection, messages, image, cancellationToken);

                var plan = Wait(baker.PlanAsync(config, script, options, Work.Token, testScript));
                WriteVerbose($"Plan for {config.Name}:{config.Version}: {plan.Describe()}");
                if (!ShouldProcess($"{config.Name}:{config.Version} ({file})", plan.Describe()))
                {
                    return;
                }

                while (Work.Running.Count >= ThrottleLimit)
                {
                    messages.PumpUntilAny(this, Work.Running);
                }

                Work.Start(() => BakeAsync(baker, plan, options, file));
                handedOver = true;
            }
            finally
            {
                if (!handedOver)
                {
                    baker.Dispose();
                }
            }
        }

        private async Task BakeAsync(ImageBaker baker, BuildPlan plan, BakeOptions options, string file)
        {
            try
            {
                var image = await baker.BakeAsync(plan, options, Work.Token).ConfigureAwait(false);
                messages.Object(BakeResult(image));
                foreach (var failed in image.Published.Where(t => !t.Succeeded))
                {
                    AddFailure(ErrorRecords.From(ImagePublisher.Failure(failed)));
                }
            }
            catch (CloudComposeException e)
            {
                AddFailure(ErrorRecords.From(e));
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C, a stop signal or a failed write: the build has cleaned up after itself, and warned about what it could not.
            }
            catch (Exception e)
            {
                // Not an AWS failure (those are all mapped by the engine): a bug, reported as such.
                AddFailure(ErrorRecords.Unexpected(e, ErrorIds.UnexpectedFailure, file));
            }
            finally
            {
                baker.Dispose();
            }
        }

        /// <summary>Bake results carry an extra type name, so their table shows what the build did (duration or reuse, source, fingerprint) rather than a listing's usage columns.</summary>
        private static PSObject BakeResult(ImageInfo image)
        {
            var result = PSObject.AsPSObject(image);
            result.TypeNames.Insert(0, "CloudCompose.Image.ImageInfo#BakeResult");
            return result;
        }

        // Builds fail on pool threads while the pipeline thread may be adding a config error.
        private void AddFailure(ErrorRecord failure)
        {
            lock (failures)
            {
                failures.Add(failure);
            }
        }

        private T Wait<T>(Task<T> task)
        {
            messages.Pump(this, new[] { task });
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }
    }
}
