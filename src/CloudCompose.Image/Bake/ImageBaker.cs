using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.LeftBehind;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// Bakes one image: launch a builder that runs image.sh, wait until it stops, prove the script succeeded,
    /// create the image, wait until it is available, and always terminate the builder — on success, failure,
    /// timeout and cancellation alike.
    /// </summary>
    internal sealed class ImageBaker : IDisposable
    {
        /// <summary>How old EC2's last word on the time may be when a deadline is fixed; older, and one more call asks.</summary>
        private static readonly TimeSpan ClockFreshness = TimeSpan.FromSeconds(2);

        private readonly AwsConnection connection;
        private readonly IBuildObserver observer;
        private readonly IAmazonEC2 ec2;
        private readonly BakeBatch batch;

        public ImageBaker(AwsConnection connection, IBuildObserver observer, BakeBatch? batch = null)
        {
            this.connection = connection;
            this.observer = observer;
            this.batch = batch ?? new BakeBatch();
            ec2 = connection.CreateEc2Client();
        }

        public void Dispose() => ec2.Dispose();

        /// <summary>Runs after a successful build, before the result is returned (cleanup of older images).</summary>
        public Func<ImageInfo, CancellationToken, Task>? AfterSuccess { get; set; }

        /// <summary>Resolves the source image and builds the launch request. Calls only read-only APIs.</summary>
        public async Task<BuildPlan> PlanAsync(ImageConfig config, UserDataScript script, BakeOptions options, CancellationToken cancellationToken, UserDataScript? testScript = null)
        {
            SecretGuard.Ensure(config, new[] { script, testScript }, options.Environment ?? Environment.GetEnvironmentVariables(), options.AllowSecretInUserData, observer.Warning);
            var buildId = Guid.NewGuid().ToString("N");
            var token = UserDataWrapper.NewToken();

            // The account's key (a hash of the access key id) may need the credentials refreshed: off the pipeline thread.
            await connection.AccountKeyAsync().ConfigureAwait(false);
            var source = await batch.SourceImages.GetAsync(
                $"{connection.ScopeKey}|{config.Aws.Ami}",
                () => Charged(() => SourceAmi.ResolveAsync(ec2, config, connection.Region, CancellationToken.None)),
                cancellationToken).ConfigureAwait(false);

            var fingerprint = BuildFingerprint.Compute(config, script, source.ImageId, options.NoTemplate);
            var reuse = await ReuseAsync(config, fingerprint, options, cancellationToken).ConfigureAwait(false);

            // The deadline here only sizes the user data for -WhatIf and the 16 KB check; launch fixes the real one.
            var plan = BuildPlan.Create(config, script, source, connection.Region, buildId, token, connection.Clock.UtcNow + options.Timeout, options, fingerprint);
            plan.Test = options.SkipTest ? null : ImageTestRun.Plan(config, testScript, options);
            plan.Reuse = reuse;
            return plan;
        }

        /// <summary>The newest image of this name, version and fingerprint, from one listing shared by the command's builds.</summary>
        private async Task<ReuseDecision> ReuseAsync(ImageConfig config, BuildFingerprint fingerprint, BakeOptions options, CancellationToken cancellationToken)
        {
            observer.Verbose($"Fingerprint of {config.Name}:{config.Version}: {fingerprint.Short}, of:\n{fingerprint.Inputs}");
            var images = await AwsCall.RunAsync(ec2, "DescribeImages", config.FilePath, () => batch.FingerprintedImages.GetAsync(
                connection.ScopeKey,
                () => Charged(() => ImageReuse.FingerprintedImagesAsync(ec2, CancellationToken.None)),
                cancellationToken), cancellationToken).ConfigureAwait(false);
            return ImageReuse.Decide(images, config, fingerprint.Value, options.Force, options.MaxAge, connection.Clock.UtcNow);
        }

        /// <summary>The image of an unchanged build, returned as it is: nothing is launched, tested, published or retired.</summary>
        private ImageInfo Reused(BuildPlan plan, Amazon.EC2.Model.Image image)
        {
            var reason = plan.Reuse!.Reason;
            (observer as IBuildLogObserver)?.Information(plan.Config.Name, plan.Config.Version, reason);
            observer.Verbose($"{plan.Config.Name}:{plan.Config.Version}: {reason} (fingerprint {plan.Fingerprint?.Short}; -Force builds anyway).");
            var info = ImageInfoFactory.FromImage(image, connection.Region);
            info.Reused = true;
            info.SourceImageId = plan.SourceImage.ImageId;
            info.Duration = TimeSpan.Zero;
            return info;
        }

        public async Task<ImageInfo> BakeAsync(BuildPlan plan, BakeOptions options, CancellationToken cancellationToken)
        {
            if (plan.Reuse?.Image is { } unchanged)
            {
                return Reused(plan, unchanged);
            }

            var started = DateTime.UtcNow;
            var label = $"{plan.Config.Name}:{plan.Config.Version}";
            var made = new BuildResources(plan, connection, options.Record, observer);
            var release = new ReleaseSteps(connection, ec2, observer, made);
            using var live = new LiveBuild(connection, plan, options, batch, observer);
            made.LogPath = live.Log.Path;
            var succeeded = false;
            ImageInfo? result = null;
            Exception? failure = null;
            try
            {
                result = await RunAsync(made, release, live, label, started, options, cancellationToken).ConfigureAwait(false);
                succeeded = true;
            }
            catch (Exception e)
            {
                failure = e;
            }

            if (failure is CloudComposeException { ErrorId: ErrorIds.BuildTimedOut or ErrorIds.ImageScriptFailed } lost && made.InstanceId != null)
            {
                // The builder is about to go: what its console said is the only trace of why.
                failure = await WithConsoleAsync(lost, made, live, options).ConfigureAwait(false);
            }

            var left = await new BuildCleanup(connection, observer).RunAsync(made, release, succeeded, options).ConfigureAwait(false);
            Report(label, BuildPhase.Completed, succeeded ? "Done" : "Failed", started, options.Timeout);
            if (failure is CloudComposeException known && left.Count > 0)
            {
                throw WithLeft(known, left);
            }

            if (failure != null)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }

            return result!;
        }

        private async Task<ImageInfo> RunAsync(BuildResources made, ReleaseSteps release, LiveBuild live, string label, DateTime started, BakeOptions options, CancellationToken cancellationToken)
        {
            var config = made.Plan.Config;
            using var lease = await AwsCall.RunAsync(ec2, "DescribeInstances", config.FilePath, () => SharedPollers.AcquireAsync(connection), cancellationToken).ConfigureAwait(false);
            await WarnAboutLeftoversAsync(config, cancellationToken).ConfigureAwait(false);

            // The deadline is fixed now, in EC2's clock, so the tag, the watchdog and the wait below name one instant.
            made.Plan = made.Plan.WithDeadline(await Ec2NowAsync(made.Plan.BuildId, cancellationToken).ConfigureAwait(false) + options.Timeout, options);
            var plan = made.Plan;
            Report(label, BuildPhase.Launching, "Launching the builder", started, options.Timeout);
            made.LaunchStarting();
            var launch = await LaunchAsync(made, cancellationToken).ConfigureAwait(false);
            var instanceId = made.InstanceId!;
            live.Launched(instanceId);
            observer.Verbose($"RunInstances: builder {instanceId} ({launch.InstanceType}) from {plan.SourceImage.ImageId} in {config.Aws.Subnet}, build {plan.BuildId}, deadline {plan.DeadlineUtc:u}.");

            var stoppedPastDeadline = await WaitForStopAsync(lease.Poller, label, made, live, started, options, cancellationToken).ConfigureAwait(false);
            observer.Verbose($"Builder {instanceId} has stopped after {Elapsed(started)}.");

            // Past its deadline the builder ran into its watchdog: the console is read once, for the error, not waited on.
            var (console, outcome) = await ReadConsoleAsync(label, instanceId, plan.Token, started, options, !stoppedPastDeadline, live, cancellationToken).ConfigureAwait(false);
            made.Console = console;
            OutcomeCheck.EnsureSucceeded(config, instanceId, console, outcome, options, stoppedPastDeadline);

            var imageName = string.Format(CultureInfo.InvariantCulture, "{0}_{1}_{2:yyyy-MM-dd-HH-mm-ss}", config.Name, config.Version, options.UtcNow());
            Report(label, BuildPhase.CreatingImage, $"Creating image {imageName}", DateTime.UtcNow, options.ImageTimeout);
            var imageId = await CreateImageAsync(plan, instanceId, imageName, cancellationToken).ConfigureAwait(false);
            var madeImage = made.ImageMade(connection.Region, imageId);
            observer.Verbose($"CreateImage: {imageId} ({imageName}).");
            var image = await WaitForImageAsync(lease.Poller, label, imageId, imageName, options, cancellationToken).ConfigureAwait(false);
            observer.Verbose($"Image {imageId} is available after {Elapsed(started)}.");

            var info = ImageInfoFactory.FromImage(image, connection.Region);
            info.BuilderInstanceId = instanceId;
            info.SourceImageId = plan.SourceImage.ImageId;
            info.ConsoleOutput = console;
            info.LogPath = made.LogPath;
            info.BuilderInstanceType = launch.InstanceType;
            info.RefusedInstanceTypes = launch.Refused;

            // An image whose test fails is unfinished (removed, or kept disabled with -KeepFailedImage); one that passes is the product.
            if (plan.Test != null && !options.SkipTest)
            {
                Report(label, BuildPhase.Testing, $"Testing {imageId}", DateTime.UtcNow, options.TestTimeout);
            }

            await release.TestAsync(plan, image, info, options, status => Report(label, BuildPhase.Testing, status, started, options.Timeout), cancellationToken).ConfigureAwait(false);
            madeImage.Finished = true;

            var distribution = new ImageDistribution(connection, observer);
            info.SharedWithAccounts = await distribution.ShareAsync(ec2, imageId, config.Aws.ShareWithAccounts, cancellationToken).ConfigureAwait(false);
            if (config.Aws.CopyToRegions.Any(r => r != connection.Region))
            {
                Report(label, BuildPhase.CopyingImage, $"Copying {imageId} to {string.Join(", ", config.Aws.CopyToRegions)}", DateTime.UtcNow, options.ImageTimeout);
            }

            info.CopiedImages = await distribution.CopyAsync(label, image, config.Aws.CopyToRegions, config.Aws.ShareWithAccounts, made, options, cancellationToken).ConfigureAwait(false);
            if (!config.Publish.IsEmpty)
            {
                Report(label, BuildPhase.Publishing, "Publishing", started, options.Timeout);
            }

            info.Published = await release.PublishAsync(plan, image, info.CopiedImages, options, cancellationToken).ConfigureAwait(false);

            if (!options.NoCleanup && AfterSuccess != null)
            {
                Report(label, BuildPhase.CleaningUp, "Retiring older unused images", started, options.Timeout);
                await AfterSuccess(info, cancellationToken).ConfigureAwait(false);
            }

            info.Duration = DateTime.UtcNow - started;
            return info;
        }

        /// <summary>
        /// EC2's now, from the Date header of its latest answer; when that is not fresh, a look for this build's builder
        /// (there is none yet, so it answers empty) brings a fresh one.
        /// </summary>
        private async Task<DateTime> Ec2NowAsync(string buildId, CancellationToken cancellationToken)
        {
            var clock = connection.Clock;
            if (clock.SampleAge > ClockFreshness)
            {
                await AwsCall.RunAsync(ec2, "DescribeInstances", buildId,
                    () => Charged(() => Builders.FindByBuildIdsAsync(ec2, new[] { buildId }, cancellationToken)), cancellationToken).ConfigureAwait(false);
            }

            return clock.UtcNow;
        }

        private async Task<CapacityLaunch> LaunchAsync(BuildResources made, CancellationToken cancellationToken)
        {
            var plan = made.Plan;
            CapacityLaunch run;
            try
            {
                // Through image.aws.instance_type in order: the next type when EC2 has no capacity for one.
                run = await AwsCall.RunAsync(ec2, "RunInstances", plan.Config.FilePath,
                    () => CapacityFallback.RunAsync(ec2, plan.Request, plan.Config.Aws.InstanceTypes, "cc-" + plan.BuildId, observer.Verbose, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (CloudComposeException e) when (e.InnerException is AmazonEC2Exception)
            {
                // EC2 answered with an error: nothing was launched.
                made.LaunchRefused();
                if (e.ErrorId != ErrorIds.AwsRequestFailed)
                {
                    throw;
                }

                var code = ((AmazonEC2Exception)e.InnerException).ErrorCode;
                throw new CloudComposeException(ErrorIds.BuilderLaunchFailed, ErrorKind.InvalidOperation,
                    $"{plan.Config.FilePath}: the builder could not be launched: {code}: {e.InnerException.Message}", plan.Config.FilePath, e.InnerException)
                { Hint = "Check image.aws.subnet, security_groups, keypair, instance_type and iam_instance_profile: they must exist in " + plan.Region + "." };
            }

            made.Launched(run.Response.Reservation.Instances[0].InstanceId);
            return run;
        }

        private async Task WarnAboutLeftoversAsync(ImageConfig config, CancellationToken cancellationToken)
        {
            List<Instance> live;
            try
            {
                live = await AwsCall.RunAsync(ec2, "DescribeInstances", config.FilePath, () => batch.LiveBuilders.GetAsync(
                    connection.ScopeKey,
                    () => Charged(() => Builders.FindAllAsync(ec2, CancellationToken.None)),
                    cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (CloudComposeException e)
            {
                // Only a warning depends on this look; the build does not.
                observer.Warning($"Could not look for builders left by earlier runs ({e.ErrorId}: {e.Message}). Check later with: Remove-CloudComposeImageBuilder -Path '{config.FilePath}' -WhatIf");
                return;
            }

            var now = connection.Clock.UtcNow;
            var leftovers = live
                .Where(i => BuildTags.Value(i.Tags, BuildTags.ImageName) == config.Name && Builders.IsAbandoned(i, now))
                .ToList();
            if (leftovers.Count > 0)
            {
                observer.Warning(
                    $"{leftovers.Count} builder(s) of '{config.Name}' left by an earlier run are still {string.Join(", ", leftovers.Select(i => i.State?.Name?.Value).Distinct())}: " +
                    $"{string.Join(", ", leftovers.Select(i => i.InstanceId))}. Remove them with: Remove-CloudComposeImageBuilder -Path '{config.FilePath}'");
            }
        }

        /// <summary>Waits until the builder has stopped; true when it was seen stopping only after its deadline (the watchdog's doing).</summary>
        private async Task<bool> WaitForStopAsync(Ec2Poller poller, string label, BuildResources made, LiveBuild live, DateTime started, BakeOptions options, CancellationToken cancellationToken)
        {
            var plan = made.Plan;
            var instanceId = made.InstanceId!;
            var clock = connection.Clock;

            // The watchdog stops the builder at the deadline; the wait gives it time to be seen stopped before giving up itself.
            var patience = (plan.DeadlineUtc - clock.UtcNow) + (plan.HasWatchdog ? options.StopGrace : TimeSpan.Zero);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(patience > TimeSpan.Zero ? patience : TimeSpan.FromMilliseconds(1));
            Instance stopped;
            DateTime stopSeen;
            try
            {
                var shutdown = poller.WaitForShutdownAsync(
                    instanceId,
                    clock,
                    i => Report(label, BuildPhase.RunningScript, $"Builder {instanceId} is {i.State?.Name?.Value}", started, options.Timeout),
                    deadline.Token,
                    Ec2Poller.ToleranceFor(options.Timeout));

                // A failing result marker in the live log ends the build now; the builder's stop is not waited for.
                var marker = live.FailingMarkerAsync(() => poller.ExpectStop(instanceId), deadline.Token);
                try
                {
                    if (await Task.WhenAny(shutdown, marker).ConfigureAwait(false) == marker && marker.Status == TaskStatus.RanToCompletion)
                    {
                        observer.Verbose($"Builder {instanceId} reported {(marker.Result.WatchdogFired ? "its watchdog" : $"exit code {marker.Result.ExitCode}")} before it stopped.");
                        made.Console = live.Console.Window;
                        OutcomeCheck.EnsureSucceeded(plan.Config, instanceId, made.Console, marker.Result, options, stoppedPastDeadline: false);
                    }

                    (stopped, stopSeen) = await shutdown.ConfigureAwait(false);
                }
                finally
                {
                    // Ends whichever wait is still pending before the token goes away.
                    deadline.Cancel();
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CloudComposeException(ErrorIds.BuildTimedOut, ErrorKind.Timeout,
                    $"Builder {instanceId} of {label} did not stop within {options.Timeout} (its deadline was {plan.DeadlineUtc:u}).", instanceId)
                { Hint = "Check the script log (-LogPath or the builder's console) and that the subnet has outbound access for package downloads; raise -Timeout for long builds." };
            }
            catch (ResourceVanishedException)
            {
                throw Vanished(instanceId, label);
            }

            if (stopped.State.Name != InstanceStateName.Stopped)
            {
                throw new CloudComposeException(ErrorIds.BuilderTerminatedUnexpectedly, ErrorKind.InvalidOperation,
                    $"Builder {instanceId} of {label} is {stopped.State.Name.Value} instead of stopped: {stopped.StateReason?.Message ?? "no reason given"}.", instanceId)
                { Hint = "Something terminated the builder during the build (a person, an automation, or a Spot/capacity event). Run the build again." };
            }

            return plan.HasWatchdog && stopSeen >= plan.DeadlineUtc;
        }

        private async Task<(string, ScriptOutcome)> ReadConsoleAsync(string label, string instanceId, string token, DateTime started, BakeOptions options, bool waitForMarker,
            LiveBuild live, CancellationToken cancellationToken)
        {
            live.StopWatching();
            if (live.Console.Outcome.Found)
            {
                // The live log has shown the marker: what came after it is the shutdown.
                return (live.Console.Window, live.Console.Outcome);
            }

            Report(label, BuildPhase.ReadingConsole, $"Reading the console of {instanceId}", started, options.Timeout);
            try
            {
                return await AwsCall.RunAsync(ec2, "GetConsoleOutput", instanceId,
                    () => ConsoleReader.ReadAsync(ec2, instanceId, token, options.ConsoleTimeout, waitForMarker && !options.SkipScriptCheck, cancellationToken, live.Console, CallBudget.For(connection.Key)),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (CloudComposeException e) when (options.SkipScriptCheck)
            {
                observer.Warning($"Could not read the console of {instanceId}: {e.Message}");
                return (string.Empty, ScriptOutcome.Parse(null, token));
            }
        }

        /// <summary>Fetches the console once more (with cleanup's budget, the build's token may be cancelled), saves it, and attaches it to the error.</summary>
        private async Task<CloudComposeException> WithConsoleAsync(CloudComposeException failure, BuildResources made, LiveBuild live, BakeOptions options)
        {
            if (made.Console == null)
            {
                try
                {
                    using var budget = CancellationTokenSource.CreateLinkedTokenSource(options.CleanupCancellation);
                    budget.CancelAfter(TimeSpan.FromTicks(Math.Min(options.CleanupTimeout.Ticks, TimeSpan.FromSeconds(30).Ticks)));
                    var (text, _) = await CleanupRetry.RunAsync(ec2, "GetConsoleOutput", made.InstanceId!,
                        token => ConsoleReader.ReadAsync(ec2, made.InstanceId!, made.Plan.Token, TimeSpan.Zero, false, token, live.Console), budget.Token).ConfigureAwait(false);
                    made.Console = text;
                }
                catch (CloudComposeException e)
                {
                    observer.Warning($"Could not read the console of {made.InstanceId} before removing it: {e.Message}");
                    made.Console = string.Empty;
                }
            }

            failure.TargetObject = new BuildConsole
            {
                Name = made.Plan.Config.Name,
                Version = made.Plan.Config.Version,
                ConfigPath = made.Plan.Config.FilePath,
                InstanceId = made.InstanceId,
                BuildId = made.Plan.BuildId,
                ConsoleOutput = made.Console,
                LogPath = made.LogPath,
                Target = failure.Target,
            };
            return failure;
        }

        /// <summary>The same failure, naming what is left in EC2 and how to remove it.</summary>
        private static CloudComposeException WithLeft(CloudComposeException failure, IReadOnlyList<(LeftResource Resource, string Reason)> left)
        {
            var named = string.Join("; ", left.Select(l => $"{l.Resource.Describe} (remove it with: {l.Resource.Command})"));
            return new CloudComposeException(failure.ErrorId, failure.Kind, $"{failure.Message} Left in EC2: {named}.", failure.Target, failure.InnerException ?? failure)
            {
                Line = failure.Line,
                Column = failure.Column,
                Hint = failure.Hint,
                TargetObject = failure.TargetObject,
            };
        }

        private async Task<string> CreateImageAsync(BuildPlan plan, string instanceId, string imageName, CancellationToken cancellationToken)
        {
            var request = new CreateImageRequest
            {
                InstanceId = instanceId,
                Name = imageName,
                Description = $"{imageName} image created by cloud-compose.",
                TagSpecifications = BuildTags.Specifications(plan.Tags, "image", "snapshot"),
            };
            try
            {
                return (await AwsCall.RunAsync(ec2, "CreateImage", instanceId, () => ec2.CreateImageAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false)).ImageId;
            }
            catch (CloudComposeException e) when (e.InnerException is AmazonEC2Exception { ErrorCode: "InvalidAMIName.Duplicate" })
            {
                // A retried CreateImage whose first attempt went through: adopt our own image, never someone else's.
                var existing = await AwsCall.RunAsync(ec2, "DescribeImages", imageName, () => ec2.DescribeImagesAsync(new DescribeImagesRequest
                {
                    Owners = new List<string> { "self" },
                    Filters = new List<Filter> { new Filter("name", new List<string> { imageName }) },
                }, cancellationToken), cancellationToken).ConfigureAwait(false);
                var ours = existing.Images?.FirstOrDefault(i => BuildTags.Value(i.Tags, BuildTags.BuildId) == plan.BuildId);
                return ours?.ImageId ?? throw e;
            }
        }

        private async Task<Amazon.EC2.Model.Image> WaitForImageAsync(Ec2Poller poller, string label, string imageId, string imageName, BakeOptions options, CancellationToken cancellationToken)
        {
            var started = DateTime.UtcNow;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.ImageTimeout);
            Amazon.EC2.Model.Image image;
            try
            {
                image = await poller.WaitForImageAsync(
                    imageId,
                    i => i.State != ImageState.Pending,
                    i => Report(label, BuildPhase.CreatingImage, $"Image {imageId} is {i.State?.Value}", started, options.ImageTimeout),
                    deadline.Token,
                    Ec2Poller.ToleranceFor(options.ImageTimeout)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CloudComposeException(ErrorIds.BuildTimedOut, ErrorKind.Timeout,
                    $"Image {imageId} ({imageName}) was not available within {options.ImageTimeout}.", imageId)
                { Hint = "Large volumes take longer to snapshot; raise -ImageTimeout." };
            }
            catch (ResourceVanishedException)
            {
                throw Vanished(imageId, label);
            }

            if (image.State != ImageState.Available)
            {
                throw new CloudComposeException(ErrorIds.ImageCreationFailed, ErrorKind.InvalidOperation,
                    $"Image {imageId} ({imageName}) ended {image.State?.Value}: {image.StateReason?.Message ?? "EC2 gave no reason"}. It has been removed.", imageId);
            }

            return image;
        }

        /// <summary>A read call counted against the account's read budget, so the live logs leave room for it.</summary>
        private Task<T> Charged<T>(Func<Task<T>> call)
        {
            CallBudget.For(connection.Key).Charge();
            return call();
        }

        private void Report(string label, BuildPhase phase, string status, DateTime since, TimeSpan timeout) =>
            observer.Progress(new BuildProgress(label, phase, status, DateTime.UtcNow - since, timeout));

        private static string Elapsed(DateTime since) => (DateTime.UtcNow - since).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);

        private static CloudComposeException Vanished(string id, string label) =>
            new CloudComposeException(ErrorIds.BuilderTerminatedUnexpectedly, ErrorKind.InvalidOperation,
                $"{id} of {label} disappeared from EC2 during the build.", id);
    }
}
