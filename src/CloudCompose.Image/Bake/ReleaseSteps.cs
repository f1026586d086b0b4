using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// What a bake does between "the image is available" and "the image is in use": image.test, then image.publish.
    /// Holds what the build's cleanup must know: the test instances launched (terminated with the builder, on every
    /// path, and never kept for debugging) and whether a failed image is kept (-KeepFailedImage) instead of removed.
    /// </summary>
    internal sealed class ReleaseSteps
    {
        private readonly AwsConnection connection;
        private readonly IAmazonEC2 ec2;
        private readonly IBuildObserver observer;
        private readonly List<string> testInstances = new List<string>();
        private readonly BuildResources? made;

        /// <param name="made">Where the build records what it makes (the test instance too), for its cleanup and the next run.</param>
        public ReleaseSteps(AwsConnection connection, IAmazonEC2 ec2, IBuildObserver observer, BuildResources? made = null)
        {
            this.connection = connection;
            this.ec2 = ec2;
            this.observer = observer;
            this.made = made;
        }

        public IReadOnlyList<string> TestInstances
        {
            get
            {
                lock (testInstances)
                {
                    return testInstances.ToList();
                }
            }
        }

        /// <summary>RunInstances for the test was sent and not answered: cleanup must look for it by the build's tag.</summary>
        public bool TestLaunchUnknown { get; private set; }

        public bool ImageKept { get; private set; }

        public async Task TestAsync(BuildPlan plan, Amazon.EC2.Model.Image image, ImageInfo info, BakeOptions options, Action<string> progress, CancellationToken cancellationToken)
        {
            if (plan.Config.Test != null && (options.SkipTest || plan.Test == null))
            {
                observer.Warning($"{image.ImageId} of {plan.Config.Name}:{plan.Config.Version} was not tested ({(options.SkipTest ? "-SkipTest" : "-NoTemplate")}): {plan.Config.Test.Script} did not run, and the image is published and used as it is.");
            }

            if (plan.Test == null || options.SkipTest)
            {
                return;
            }

            try
            {
                var outcome = await new ImageTestRun(connection, ec2, observer).RunAsync(
                    plan, plan.Test, image, options,
                    () =>
                    {
                        TestLaunchUnknown = true;
                        made?.TestLaunching();
                    },
                    id =>
                    {
                        lock (testInstances)
                        {
                            testInstances.Add(id);
                        }

                        TestLaunchUnknown = false;
                        made?.TestLaunched(id);
                        info.TestInstanceId = id;
                    },
                    progress,
                    cancellationToken).ConfigureAwait(false);
                info.TestConsoleOutput = outcome.Console;
                info.Tested = true;
            }
            catch (CloudComposeException e) when (options.KeepFailedImage && (e.ErrorId == ErrorIds.ImageTestFailed || e.ErrorId == ErrorIds.ImageTestTimedOut))
            {
                // Not the build's token: it may be the reason the test ended.
                using var budget = new CancellationTokenSource(options.CleanupTimeout);
                try
                {
                    await new ImageTestRun(connection, ec2, observer).KeepFailedAsync(image.ImageId, budget.Token).ConfigureAwait(false);
                    ImageKept = true;
                }
                catch (Exception keep) when (keep is not OperationCanceledException || !budget.IsCancellationRequested)
                {
                    observer.Warning($"Could not disable and tag {image.ImageId} (-KeepFailedImage): {keep.Message}. It is deregistered instead.");
                }

                throw;
            }
        }

        public async Task<IReadOnlyList<PublishedTarget>> PublishAsync(BuildPlan plan, Amazon.EC2.Model.Image image, IReadOnlyDictionary<string, string> copies, BakeOptions options, CancellationToken cancellationToken)
        {
            if (plan.Config.Publish.IsEmpty)
            {
                return new PublishedTarget[0];
            }

            var images = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>(connection.Region, image.ImageId) };
            images.AddRange(copies);
            return await new ImagePublisher(connection, observer).PublishAsync(plan.Config, image.Name, images, options, cancellationToken).ConfigureAwait(false);
        }
    }
}
