using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Cleanup;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.PowerShell.Errors;
using CloudCompose.Image.PowerShell.Hosting;
using CloudCompose.Image.Rendering;
using CloudCompose.Image.Text;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// Bakes an AMI from cloud-compose.yml and image.sh (the original's <c>cloud-compose image up</c>), then retires
    /// the older unused images of its name and version, each through ShouldProcess. Configs from the pipeline bake
    /// concurrently (up to -ThrottleLimit); each image is written as soon as it is available, with what it retired.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CloudComposeImage", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ImageInfo))]
    public sealed class NewCloudComposeImageCommand : AwsCmdlet
    {
        /// <summary>The type name bake results carry in front of ImageInfo's, for their own default view.</summary>
        internal const string BakeResultTypeName = "CloudCompose.Image.ImageInfo#BakeResult";

        private readonly BakeBatch batch = new BakeBatch();
        private SemaphoreSlim? throttle;

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

        private protected override string StoppingWarning =>
            $"Stopping: terminating the builder(s) and removing unfinished images before the command ends (at most {Durations.Words(CleanupTimeout)}).";

        protected override async Task BeginAsync(CancellationToken cancellationToken)
        {
            await base.BeginAsync(cancellationToken);
            throttle = new SemaphoreSlim(ThrottleLimit);
        }

        protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
        {
            foreach (var file in ConfigFiles())
            {
                try
                {
                    await StartAsync(file, cancellationToken);
                }
                catch (CloudComposeException e)
                {
                    WriteFailure(e);
                }
            }
        }

        protected override async Task EndAsync(CancellationToken cancellationToken)
        {
            // The batch's parent activity ends with its last build.
            await Task.WhenAll(Running());
            Progress.Complete(this);
        }

        private async Task StartAsync(string file, CancellationToken cancellationToken)
        {
            WriteVerbose($"Reading {file}");
            var config = ConfigReader.Read(file);
            var script = ScriptRenderer.Render(config, renderTemplate: !NoTemplate, Timeout);
            var testScript = NoTemplate || SkipTest ? null : ScriptRenderer.RenderTest(config, Environment.GetEnvironmentVariables(), TestTimeout);
            var connection = Connect(config.Aws.Region);
            var options = Options();
            var baker = new ImageBaker(connection, Messages, batch);
            var handedOver = false;
            try
            {
                var plan = await baker.PlanAsync(config, script, options, cancellationToken, testScript);
                var target = $"{config.Name}:{config.Version} ({file})";
                // An unchanged build returns its existing image: nothing is launched, and nothing retired.
                var builds = plan.Reuse?.Reuses != true;
                var after = $" (the builder has -Timeout {Durations.Words(Timeout)} to stop)"
                    + (NoCleanup ? string.Empty : ", then retire the older unused images of " + config.Name + ":" + config.Version);
                WriteVerbose($"Plan for {target}: {plan.Describe(after)}");
                if (WhatIfRequested && !NoCleanup && builds)
                {
                    after += await PredictRetirementAsync(connection, config, cancellationToken);
                }

                var action = plan.Describe(after);

                if (!ShouldProcess(target, action))
                {
                    return;
                }

                await throttle!.WaitAsync(cancellationToken);
                baker.AfterSuccess = (image, token) => RetireOlderAsync(connection, image, token);
                _ = RunInBackground(token => BakeAsync(baker, plan, options, file, token));
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

        /// <summary>For -WhatIf: the images the bake's cleanup would retire, each also as its own "What if" line.</summary>
        private async Task<string> PredictRetirementAsync(AwsConnection connection, ImageConfig config, CancellationToken cancellationToken)
        {
            var candidates = await ImageRetirement.PredictOlderAsync(connection, Messages, config.Name, config.Version, cancellationToken);
            foreach (var candidate in candidates)
            {
                ShouldProcess(candidate.Target, "After the new image is available: " + RetirementText.Action(candidate, RetireAction.Deregister, keepSnapshots: false));
            }

            return candidates.Count == 0
                ? " (none qualifies now)"
                : $" ({candidates.Count} now: {string.Join(", ", candidates.Select(c => c.Target))})";
        }

        private BakeOptions Options() => new BakeOptions
        {
            Timeout = Timeout,
            ImageTimeout = ImageTimeout,
            ConsoleTimeout = ConsoleTimeout,
            SkipScriptCheck = SkipScriptCheck,
            KeepBuilderOnFailure = KeepBuilderOnFailure,
            NoCleanup = NoCleanup,
            NoTemplate = NoTemplate,
            TestTimeout = TestTimeout,
            PublishTimeout = PublishTimeout,
            SkipTest = SkipTest,
            KeepFailedImage = KeepFailedImage,
            LogPath = LogPath != null ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(LogPath) : null,
            CleanupTimeout = CleanupTimeout,
            Force = Force,
            MaxAge = MyInvocation.BoundParameters.ContainsKey(nameof(MaxAge)) ? MaxAge : (TimeSpan?)null,
            AllowSecretInUserData = AllowSecretInUserData,
            LiveLog = !NoLiveLog,
            CleanupCancellation = CleanupCancellation,
        };

        /// <summary>The bake's cleanup: each older image goes through ShouldProcess on the pipeline thread (-Confirm asks).</summary>
        private async Task RetireOlderAsync(AwsConnection connection, ImageInfo image, CancellationToken cancellationToken)
        {
            image.RetiredImages = await ImageRetirement.RetireOlderAsync(
                connection,
                Messages,
                image,
                (candidate, token) => Messages.Ask(c => ((PSCmdlet)c).ShouldProcess(candidate.Target, RetirementText.Action(candidate, RetireAction.Deregister, keepSnapshots: false)), token),
                cancellationToken).ConfigureAwait(false);
        }

        // Runs on the thread pool: everything it reports goes through the queue.
        private async Task BakeAsync(ImageBaker baker, BuildPlan plan, BakeOptions options, string file, CancellationToken cancellationToken)
        {
            try
            {
                var baked = await baker.BakeAsync(plan, options, cancellationToken).ConfigureAwait(false);
                Messages.Object(BakeResult(baked));
                foreach (var failed in baked.Published.Where(t => !t.Succeeded))
                {
                    Messages.Error(ErrorRecords.From(ImagePublisher.Failure(failed)));
                }
            }
            catch (CloudComposeException e)
            {
                Messages.Error(ErrorRecords.From(e));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C, a stop signal or a failed write: the build has cleaned up after itself, and warned about what it could not.
            }
            catch (Exception e)
            {
                // Not an AWS failure (those are all mapped by the engine): a bug, reported as such.
                Messages.Error(ErrorRecords.Unexpected(e, ErrorIds.UnexpectedFailure, file));
            }
            finally
            {
                baker.Dispose();
                throttle!.Release();
            }
        }

        /// <summary>Bake results carry an extra type name, so their table shows what the build did (duration or reuse, fingerprint, what was retired) rather than a listing's usage columns; still an ImageInfo to everything else.</summary>
        private static PSObject BakeResult(ImageInfo image)
        {
            var result = PSObject.AsPSObject(image);
            result.TypeNames.Insert(0, BakeResultTypeName);
            return result;
        }
    }
}
