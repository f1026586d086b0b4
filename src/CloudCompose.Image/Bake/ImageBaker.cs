using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// Bakes one image: launch a builder that runs image.sh, wait until it stops, prove the script succeeded,
    /// create the image, wait until it is available, and always terminate the builder — on success, failure,
    /// timeout and cancellation alike.
    /// </summary>
    public sealed class ImageBaker : IDisposable
    {
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
            var token = Guid.NewGuid().ToString("N").Substring(0, 16);
            var userData = options.NoTemplate ? script.UserData : UserDataWrapper.Wrap(script.Script, token, options.Timeout, config.Hygiene);
            var encoded = UserDataWrapper.Encode(userData, config.FilePath, out var compressed);
            var source = await batch.SourceImages.GetAsync(
                $"{connection.Key}|{config.Aws.Ami}",
                () => SourceAmi.ResolveAsync(ec2, config, connection.Region, CancellationToken.None),
                cancellationToken).ConfigureAwait(false);
            var fingerprint = BuildFingerprint.Compute(config, script, source.ImageId, options.NoTemplate);
            var reuse = await ReuseAsync(config, fingerprint, options, cancellationToken).ConfigureAwait(false);
            var deadline = DateTime.UtcNow + options.Timeout;
            var tags = BuildTags.For(config, buildId, deadline);
            tags.Add(new Tag(BuildFingerprint.TagKey, fingerprint.Value));
            var request = BuilderLaunch.Request(config, source, encoded, tags, "cc-" + buildId);
            return new BuildPlan(config, script, source, connection.Region, buildId, token, userData, encoded, compressed, tags, request, deadline)
            {
                Test = options.SkipTest ? null : ImageTestRun.Plan(config, testScript, options),
                Fingerprint = fingerprint,
                Reuse = reuse,
            };
        }

        /// <summary>The newest image of this name, version and fingerprint, from one listing shared by the command's builds.</summary>
        private async Task<ReuseDecision> ReuseAsync(ImageConfig config, BuildFingerprint fingerprint, BakeOptions options, CancellationToken cancellationToken)
        {
            observer.Verbose($"Fingerprint of {config.Name}:{config.Version}: {fingerprint.Short}, of:\n{fingerprint.Inputs}");
            var images = await Call("DescribeImages", config.FilePath, () => batch.FingerprintedImages.GetAsync(
                connection.Key,
                () => ImageReuse.FingerprintedImagesAsync(ec2, CancellationToken.None),
                cancellationToken)).ConfigureAwait(false);
            return ImageReuse.Decide(images, config, fingerprint.Value, options.Force, options.MaxAge, DateTime.UtcNow);
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
            var config = plan.Config;
            var label = $"{config.Name}:{config.Version}";
            string? instanceId = null;
            string? imageId = null;
            var launchAttempted = false;
            var succeeded = false;
            var release = new ReleaseSteps(connection, ec2, observer);
            using var live = new LiveBuild(connection, plan, options, batch, observer);
            try
            {
                await WarnAboutLeftoversAsync(config, cancellationToken).ConfigureAwait(false);

                Report(label, BuildPhase.Launching, "Launching the builder", started, options.Timeout);
                launchAttempted = true;
                var run = await LaunchAsync(plan, cancellationToken).ConfigureAwait(false);
                instanceId = run.Response.Reservation.Instances[0].InstanceId;
                live.Launched(instanceId);
                observer.Verbose($"RunInstances: builder {instanceId} ({run.InstanceType}) from {plan.SourceImage.ImageId} in {config.Aws.Subnet}, build {plan.BuildId}.");

                var stopped = await WaitForStopAsync(config, label, instanceId, started, options, live, cancellationToken).ConfigureAwait(false);
                observer.Verbose($"Builder {instanceId} has stopped after {Elapsed(started)}.");

                var (console, outcome) = await ReadConsoleAsync(label, instanceId, plan.Token, started, options, live, cancellationToken).ConfigureAwait(false);
                var logPath = live.Log.Path;
                OutcomeCheck.EnsureSucceeded(config, instanceId, console, outcome, options);

                var imageName = string.Format(CultureInfo.InvariantCulture, "{0}_{1}_{2:yyyy-MM-dd-HH-mm-ss}", config.Name, config.Version, options.UtcNow());
                Report(label, BuildPhase.CreatingImage, $"Creating image {imageName}", DateTime.UtcNow, options.ImageTimeout);
                imageId = await CreateImageAsync(plan, instanceId, imageName, cancellationToken).ConfigureAwait(false);
                observer.Verbose($"CreateImage: {imageId} ({imageName}).");
                var image = await WaitForImageAsync(label, imageId, imageName, options, cancellationToken).ConfigureAwait(false);
                observer.Verbose($"Image {imageId} is available after {Elapsed(started)}.");

                var info = ImageInfoFactory.FromImage(image, connection.Region);
                info.BuilderInstanceId = instanceId;
                info.SourceImageId = plan.SourceImage.ImageId;
                info.ConsoleOutput = console;
                info.LogPath = logPath;
                info.BuilderInstanceType = run.InstanceType;
                info.RefusedInstanceTypes = run.Refused;

                Report(label, BuildPhase.Testing, $"Testing {imageId}", DateTime.UtcNow, options.TestTimeout);
                await release.TestAsync(plan, image, info, options, status => Report(label, BuildPhase.Testing, status, started, options.Timeout), cancellationToken).ConfigureAwait(false);

                var distribution = new ImageDistribution(connection, observer);
                info.SharedWithAccounts = await distribution.ShareAsync(ec2, imageId, config.Aws.ShareWithAccounts, cancellationToken).ConfigureAwait(false);
                info.CopiedImages = await distribution.CopyAsync(label, image, config.Aws.CopyToRegions, config.Aws.ShareWithAccounts, options, cancellationToken).ConfigureAwait(false);
                succeeded = true;
                Report(label, BuildPhase.Publishing, "Publishing", started, options.Timeout);
                info.Published = await release.PublishAsync(plan, image, info.CopiedImages, options, cancellationToken).ConfigureAwait(false);

                if (!options.NoCleanup && AfterSuccess != null)
                {
                    Report(label, BuildPhase.CleaningUp, "Retiring older unused images", started, options.Timeout);
                    await AfterSuccess(info, cancellationToken).ConfigureAwait(false);
                }

                info.Duration = DateTime.UtcNow - started;
                return info;
            }
            finally
            {
                await new BuildCleanup(ec2, observer).RunAsync(plan, instanceId, release.ImageKept ? null : imageId, launchAttempted, succeeded, options,
                    release.TestInstances, release.TestLaunchUnknown).ConfigureAwait(false);
                Report(label, BuildPhase.Completed, succeeded ? "Done" : "Failed", started, options.Timeout);
            }
        }

        private async Task<CapacityLaunch> LaunchAsync(BuildPlan plan, CancellationToken cancellationToken)
        {
            try
            {
                return await CapacityFallback.RunAsync(ec2, plan.Request, plan.Config.Aws.InstanceTypes, "cc-" + plan.BuildId, observer.Verbose, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var error = AwsErrors.From(e, "RunInstances", plan.Config.FilePath);
                if (error.ErrorId != ErrorIds.AwsRequestFailed)
                {
                    throw error;
                }

                throw new CloudComposeException(ErrorIds.BuilderLaunchFailed, ErrorKind.InvalidOperation,
                    $"{plan.Config.FilePath}: the builder could not be launched: {(e as AmazonEC2Exception)?.ErrorCode}: {e.Message}", plan.Config.FilePath, e)
                { Hint = "Check image.aws.subnet, security_groups, keypair, instance_type and iam_instance_profile: they must exist in " + plan.Region + "." };
            }
        }

        private async Task WarnAboutLeftoversAsync(ImageConfig config, CancellationToken cancellationToken)
        {
            var live = await Call("DescribeInstances", config.FilePath, () => batch.LiveBuilders.GetAsync(
                connection.Key,
                () => Builders.FindAllAsync(ec2, CancellationToken.None),
                cancellationToken)).ConfigureAwait(false);
            var leftovers = live
                .Where(i => BuildTags.Value(i.Tags, BuildTags.ImageName) == config.Name && Builders.IsAbandoned(i, DateTime.UtcNow))
                .ToList();
            if (leftovers.Count > 0)
            {
                observer.Warning(
                    $"{leftovers.Count} builder(s) of '{config.Name}' left by an earlier run are still {string.Join(", ", leftovers.Select(i => i.State?.Name?.Value).Distinct())}: " +
                    $"{string.Join(", ", leftovers.Select(i => i.InstanceId))}. Remove them with: Remove-CloudComposeImageBuilder -Path '{config.FilePath}'");
            }
        }

        private async Task<Instance> WaitForStopAsync(ImageConfig config, string label, string instanceId, DateTime started, BakeOptions options, LiveBuild live, CancellationToken cancellationToken)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Remaining(started, options.Timeout));
            Instance stopped;
            try
            {
                var poller = Ec2Poller.For(connection);
                var stop = poller.WaitForInstanceAsync(
                    instanceId,
                    i => i.State?.Name is { } s && (s == InstanceStateName.Stopped || s == InstanceStateName.Terminated || s == InstanceStateName.ShuttingDown),
                    i => Report(label, BuildPhase.RunningScript, $"Builder {instanceId} is {i.State?.Name?.Value}", started, options.Timeout),
                    deadline.Token);

                // A failing result marker in the live log ends the build now; the builder's stop is not waited for.
                var marker = live.FailingMarkerAsync(() => poller.ExpectStop(instanceId), deadline.Token);
                try
                {
                    if (await Task.WhenAny(stop, marker).ConfigureAwait(false) == marker && marker.Status == TaskStatus.RanToCompletion)
                    {
                        observer.Verbose($"Builder {instanceId} reported {(marker.Result.WatchdogFired ? "its watchdog" : $"exit code {marker.Result.ExitCode}")} before it stopped.");
                        OutcomeCheck.EnsureSucceeded(config, instanceId, live.Console.Window, marker.Result, options);
                    }

                    stopped = await stop.ConfigureAwait(false);
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
                    $"Builder {instanceId} of {label} did not stop within {options.Timeout}.", instanceId)
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

            return stopped;
        }

        private async Task<(string, ScriptOutcome)> ReadConsoleAsync(string label, string instanceId, string token, DateTime started, BakeOptions options, LiveBuild live, CancellationToken cancellationToken)
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
                return await ConsoleReader.ReadAsync(ec2, instanceId, token, options.ConsoleTimeout, !options.SkipScriptCheck, cancellationToken, live.Console, CallBudget.For(connection.Key)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException && options.SkipScriptCheck)
            {
                observer.Warning($"Could not read the console of {instanceId}: {e.Message}");
                return (string.Empty, ScriptOutcome.Parse(null, token));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw AwsErrors.From(e, "GetConsoleOutput", instanceId);
            }
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
                return (await ec2.CreateImageAsync(request, cancellationToken).ConfigureAwait(false)).ImageId;
            }
            catch (AmazonEC2Exception e) when (e.ErrorCode == "InvalidAMIName.Duplicate")
            {
                // A retried CreateImage whose first attempt went through: adopt our own image, never someone else's.
                var existing = await ec2.DescribeImagesAsync(new DescribeImagesRequest
                {
                    Owners = new List<string> { "self" },
                    Filters = new List<Filter> { new Filter("name", new List<string> { imageName }) },
                }, cancellationToken).ConfigureAwait(false);
                var ours = existing.Images?.FirstOrDefault(i => BuildTags.Value(i.Tags, BuildTags.BuildId) == plan.BuildId);
                return ours?.ImageId ?? throw AwsErrors.From(e, "CreateImage", imageName);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw AwsErrors.From(e, "CreateImage", instanceId);
            }
        }

        private async Task<Amazon.EC2.Model.Image> WaitForImageAsync(string label, string imageId, string imageName, BakeOptions options, CancellationToken cancellationToken)
        {
            var started = DateTime.UtcNow;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.ImageTimeout);
            Amazon.EC2.Model.Image image;
            try
            {
                image = await Ec2Poller.For(connection).WaitForImageAsync(
                    imageId,
                    i => i.State != ImageState.Pending,
                    i => Report(label, BuildPhase.CreatingImage, $"Image {imageId} is {i.State?.Value}", started, options.ImageTimeout),
                    deadline.Token).ConfigureAwait(false);
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

        private void Report(string label, BuildPhase phase, string status, DateTime since, TimeSpan timeout) =>
            observer.Progress(new BuildProgress(label, phase, status, DateTime.UtcNow - since, timeout));

        private static TimeSpan Remaining(DateTime started, TimeSpan timeout)
        {
            var left = timeout - (DateTime.UtcNow - started);
            return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
        }

        private static string Elapsed(DateTime since) => (DateTime.UtcNow - since).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);

        private static CloudComposeException Vanished(string id, string label) =>
            new CloudComposeException(ErrorIds.BuilderTerminatedUnexpectedly, ErrorKind.InvalidOperation,
                $"{id} of {label} disappeared from EC2 during the build.", id);

        private static async Task<T> Call<T>(string action, string target, Func<Task<T>> call)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw AwsErrors.From(e, action, target);
            }
        }
    }
}
