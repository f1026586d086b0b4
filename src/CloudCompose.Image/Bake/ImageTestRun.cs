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
    /// Runs image.test on a fresh instance of the new image, in the builder's subnet, proved by the same console marker
    /// as image.sh. The instance is never terminated here: the caller hands it to the build's cleanup the moment it
    /// is launched (or the launch is attempted), so every stop path removes it the way it removes the builder.
    /// </summary>
    internal sealed class ImageTestRun
    {
        /// <summary>Tells a test instance from a builder; both carry the build's ImageName and CloudComposeBuildId tags.</summary>
        public const string RoleTag = "CloudComposeRole";
        public const string TestRole = "test";

        /// <summary>Put on an image whose test failed and that -KeepFailedImage disabled instead of deregistering.</summary>
        public const string ResultTag = "CloudComposeTestResult";

        private readonly AwsConnection connection;
        private readonly IAmazonEC2 ec2;
        private readonly IBuildObserver observer;

        public ImageTestRun(AwsConnection connection, IAmazonEC2 ec2, IBuildObserver observer)
        {
            this.connection = connection;
            this.ec2 = ec2;
            this.observer = observer;
        }

        /// <returns>Null when the config has no image.test (or its script was not rendered).</returns>
        public static TestPlan? Plan(ImageConfig config, UserDataScript? script, BakeOptions options)
        {
            if (config.Test == null || script == null)
            {
                return null;
            }

            var token = UserDataWrapper.NewToken();
            // The deadline here only sizes the user data; the launch fixes the real one in EC2's clock.
            var userData = UserDataWrapper.Wrap(script.Script, token, DateTime.UtcNow + options.TestTimeout, options.TestTimeout);
            UserDataWrapper.Bytes(userData, config.FilePath, out var compressed);
            return new TestPlan(script, token, userData, compressed, config.Test.InstanceType != null ? new[] { config.Test.InstanceType } : config.Aws.InstanceTypes);
        }

        /// <param name="launching">Called right before RunInstances: from then on the build's cleanup must look for the instance.</param>
        /// <param name="launched">Called with the instance id as soon as RunInstances answers.</param>
        public async Task<TestOutcome> RunAsync(BuildPlan build, TestPlan plan, Amazon.EC2.Model.Image image, BakeOptions options,
            Action launching, Action<string> launched, Action<string> progress, CancellationToken cancellationToken)
        {
            var config = build.Config;
            var started = DateTime.UtcNow;

            // As for the builder: one instant, in EC2's clock, for the deadline tag and the watchdog in the user data.
            var deadline = BuildPlan.WholeSeconds(connection.Clock.UtcNow + options.TestTimeout);
            var encoded = UserDataWrapper.Encode(UserDataWrapper.Wrap(plan.Script.Script, plan.Token, deadline, options.TestTimeout), config.FilePath, out _);
            var tags = build.Tags.Where(t => t.Key != BuildTags.Deadline).Select(t => new Amazon.EC2.Model.Tag(t.Key, t.Value)).ToList();
            tags.Add(new Amazon.EC2.Model.Tag(RoleTag, TestRole));
            tags.Add(new Amazon.EC2.Model.Tag(BuildTags.Deadline, BuildTags.FormatTime(deadline)));
            var request = BuilderLaunch.Request(config, image, encoded, tags, "cc-test-" + build.BuildId);

            launching();
            string instanceId;
            string instanceType;
            try
            {
                var launch = await CapacityFallback.RunAsync(ec2, request, plan.InstanceTypes, "cc-test-" + build.BuildId, observer.Verbose, cancellationToken).ConfigureAwait(false);
                instanceId = launch.Response.Reservation.Instances[0].InstanceId;
                instanceType = launch.InstanceType;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var error = AwsErrors.From(e, "RunInstances", config.FilePath);
                throw error.ErrorId != ErrorIds.AwsRequestFailed ? error : new CloudComposeException(ErrorIds.BuilderLaunchFailed, ErrorKind.InvalidOperation,
                    $"{config.FilePath}: the test instance of {image.ImageId} could not be launched: {(e as AmazonEC2Exception)?.ErrorCode}: {e.Message}", config.FilePath, e);
            }

            launched(instanceId);
            observer.Verbose($"RunInstances: test instance {instanceId} ({instanceType}) from {image.ImageId} in {config.Aws.Subnet}, running {config.Test?.Script}.");

            DateTime stopSeen;
            using (var lease = await SharedPollers.AcquireAsync(connection).ConfigureAwait(false))
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                wait.CancelAfter(options.TestTimeout + options.StopGrace);
                Instance stopped;
                try
                {
                    (stopped, stopSeen) = await lease.Poller.WaitForShutdownAsync(
                        instanceId,
                        connection.Clock,
                        i => progress($"Test instance {instanceId} is {i.State?.Name?.Value}"),
                        wait.Token,
                        Ec2Poller.ToleranceFor(options.TestTimeout)).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new CloudComposeException(ErrorIds.ImageTestTimedOut, ErrorKind.Timeout,
                        $"{config.Test?.Script} on test instance {instanceId} of {image.ImageId} did not finish within {options.TestTimeout}, so the image counts as failed.", image.ImageId)
                    { Hint = "Raise -TestTimeout for long tests, or check that the test does not wait for something that never comes." };
                }
                catch (ResourceVanishedException)
                {
                    throw Vanished(instanceId, image.ImageId, "disappeared from EC2");
                }

                if (stopped.State.Name != InstanceStateName.Stopped)
                {
                    throw Vanished(instanceId, image.ImageId, $"is {stopped.State.Name.Value}: {stopped.StateReason?.Message ?? "no reason given"}");
                }
            }

            // Stopped at or after its deadline: the watchdog's doing, so the console is read once and not waited on.
            var pastDeadline = stopSeen >= deadline;
            progress($"Reading the console of test instance {instanceId}");
            string console;
            ScriptOutcome outcome;
            try
            {
                (console, outcome) = await ConsoleReader.ReadAsync(ec2, instanceId, plan.Token, options.ConsoleTimeout, !options.SkipScriptCheck && !pastDeadline, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw AwsErrors.From(e, "GetConsoleOutput", instanceId);
            }

            Check(config, image.ImageId, instanceId, console, outcome, options, pastDeadline);
            observer.Verbose($"{config.Test?.Script} passed on test instance {instanceId} of {image.ImageId} after {(DateTime.UtcNow - started).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)}.");
            return new TestOutcome(instanceId, console);
        }

        /// <summary>-KeepFailedImage: the image stays for debugging, disabled (nobody can launch it by accident) and tagged.</summary>
        public async Task KeepFailedAsync(string imageId, CancellationToken cancellationToken)
        {
            await ec2.DisableImageAsync(new DisableImageRequest { ImageId = imageId }, cancellationToken).ConfigureAwait(false);
            await ec2.CreateTagsAsync(new CreateTagsRequest
            {
                Resources = new List<string> { imageId },
                Tags = new List<Amazon.EC2.Model.Tag> { new Amazon.EC2.Model.Tag(ResultTag, "failed") },
            }, cancellationToken).ConfigureAwait(false);
            observer.Warning($"Kept the image {imageId} whose test failed (-KeepFailedImage): it is disabled and tagged {ResultTag}=failed. Remove it with: Remove-UnusedCloudComposeImage, or re-enable it with: aws ec2 enable-image --image-id {imageId}");
        }

        private static void Check(ImageConfig config, string imageId, string instanceId, string console, ScriptOutcome outcome, BakeOptions options, bool pastDeadline)
        {
            var script = config.Test?.Script;
            var tail = Environment.NewLine + ScriptOutcome.Tail(console, 20);
            if (outcome.WatchdogFired || (pastDeadline && !(outcome.Found && outcome.ExitCode != null)))
            {
                throw new CloudComposeException(ErrorIds.ImageTestTimedOut, ErrorKind.Timeout,
                    $"{script} on test instance {instanceId} ran past -TestTimeout ({options.TestTimeout}) and its watchdog shut it down, so {imageId} counts as failed. Last console lines:{tail}", imageId)
                { Hint = "Raise -TestTimeout for long tests." };
            }

            if (options.SkipScriptCheck)
            {
                return;
            }

            if (!outcome.Found)
            {
                throw new CloudComposeException(ErrorIds.ImageTestFailed, ErrorKind.InvalidOperation,
                    $"Test instance {instanceId} stopped but its console never showed the result of {script} within {options.ConsoleTimeout}, so {imageId} counts as failed. Last console lines:{tail}", imageId)
                { Hint = "If the image has no serial console, use -SkipScriptCheck (the test instance's stop is then taken as a pass)." };
            }

            if (outcome.ExitCode != 0)
            {
                throw new CloudComposeException(ErrorIds.ImageTestFailed, ErrorKind.InvalidOperation,
                    $"{script} failed on test instance {instanceId} of {imageId} with exit code {outcome.ExitCode}. Last console lines:{tail}", imageId)
                { Hint = "Nothing was published and no older image was retired. Fix image.sh (or the test) and bake again; -KeepFailedImage keeps the failed image, disabled, for debugging." };
            }
        }

        private static CloudComposeException Vanished(string instanceId, string imageId, string what) =>
            new CloudComposeException(ErrorIds.BuilderTerminatedUnexpectedly, ErrorKind.InvalidOperation,
                $"Test instance {instanceId} of {imageId} {what}, so the test did not finish.", instanceId)
            { Hint = "Something terminated the test instance (a person, an automation, or a capacity event). Bake again." };
    }
}
