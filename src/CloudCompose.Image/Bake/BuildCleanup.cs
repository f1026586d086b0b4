using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Errors;
using CloudCompose.Image.LeftBehind;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// What every build must remove, whatever its outcome: the builder (unless kept for debugging), the test instance
    /// (always), and every image it made that did not finish, with their snapshots. What cannot be removed is never silent: one warning names each
    /// resource and the command that removes it, and the left-resources record keeps the same list.
    /// </summary>
    internal sealed class BuildCleanup
    {
        private readonly AwsConnection connection;
        private readonly IBuildObserver observer;

        public BuildCleanup(AwsConnection connection, IBuildObserver observer)
        {
            this.connection = connection;
            this.observer = observer;
        }

        /// <returns>What is left in EC2, each with why.</returns>
        public async Task<IReadOnlyList<(LeftResource Resource, string Reason)>> RunAsync(BuildResources made, ReleaseSteps release, bool succeeded, BakeOptions options)
        {
            // Runs after success, failure, Ctrl+C and signals alike: its own budget, never the build's token.
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(options.CleanupCancellation);
            budget.CancelAfter(options.CleanupTimeout);
            var left = new List<(LeftResource, string)>();
            var plan = made.Plan;

            if (release.ImageKept)
            {
                // -KeepFailedImage disabled and tagged it, and said so.
                made.Images.ForEach(i => i.KeptOnPurpose = i.KeptOnPurpose || i.Region == connection.Region);
            }

            foreach (var image in made.Images.Where(i => !i.Finished && !i.KeptOnPurpose).ToList())
            {
                if (image.ImageId == null && !await FindCopyAsync(made, image, left, budget.Token).ConfigureAwait(false))
                {
                    continue;
                }

                left.AddRange(await RemoveUnfinishedImageAsync(made, image, budget.Token).ConfigureAwait(false));
            }

            made.Images.Where(i => i.KeptOnPurpose).ToList().ForEach(i => made.Forget(LeftResource.ImageKind, i.ImageId, i.Region));
            var kept = made.Images.Where(i => i.Finished && !i.KeptOnPurpose).ToList();
            if (!succeeded && kept.Count > 0)
            {
                // A finished image is a product, not debris: kept, said so, and not reported as left.
                observer.Warning($"The build of {plan.Config.Name}:{plan.Config.Version} did not complete; its finished image(s) {string.Join(", ", kept.Select(i => $"{i.ImageId} ({i.Region})"))} are kept. Retire them with Remove-UnusedCloudComposeImage.");
                kept.ForEach(i => made.Forget(LeftResource.ImageKind, i.ImageId, i.Region));
            }

            var builders = new List<string>();
            var tests = new List<string>(release.TestInstances);
            if (made.InstanceId != null)
            {
                builders.Add(made.InstanceId);
            }

            if ((made.InstanceId == null && made.LaunchOutcomeUnknown) || release.TestLaunchUnknown)
            {
                // Cancelled or cut off inside RunInstances: an instance may exist without us knowing its id.
                try
                {
                    using var ec2 = connection.CreateEc2Client(maxErrorRetry: 1);
                    var found = await CleanupRetry.RunAsync(ec2, "DescribeInstances", plan.BuildId,
                        token => Builders.FindByBuildIdsAsync(ec2, new[] { plan.BuildId }, token), budget.Token).ConfigureAwait(false);
                    foreach (var instance in found)
                    {
                        var list = BuildTags.Value(instance.Tags, ImageTestRun.RoleTag) == ImageTestRun.TestRole ? tests : builders;
                        if (!list.Contains(instance.InstanceId))
                        {
                            list.Add(instance.InstanceId);
                        }
                    }

                    if (builders.Count == 0 && tests.Count == 0)
                    {
                        made.Forget(LeftResource.InstanceKind, null, connection.Region);
                    }
                }
                catch (CloudComposeException e)
                {
                    var unknown = made.InstanceId == null && made.LaunchOutcomeUnknown ? LeftResource.BuilderRole : LeftResource.TestRole;
                    left.Add((made.Entry(LeftResource.InstanceKind, null, connection.Region, unknown), $"could not look for it ({e.ErrorId}: {e.Message})"));
                }
            }

            if (builders.Count > 0 && !succeeded && options.KeepBuilderOnFailure)
            {
                // Kept for debugging; a test instance never is. Tagged as ended, Remove-CloudComposeImageBuilder takes it without -IncludeActive.
                await MarkEndedAsync(builders, budget.Token).ConfigureAwait(false);
                left.AddRange(builders.Select(id => (made.Entry(LeftResource.InstanceKind, id, connection.Region), "kept for debugging (-KeepBuilderOnFailure)")));
                builders.Clear();
            }

            var instances = builders.Concat(tests.Where(t => !builders.Contains(t))).ToList();
            if (instances.Count > 0)
            {
                try
                {
                    using var ec2 = connection.CreateEc2Client(maxErrorRetry: 1);
                    await CleanupRetry.RunAsync(ec2, "TerminateInstances", string.Join(", ", instances),
                        token => Builders.TerminateAsync(ec2, instances, token), budget.Token).ConfigureAwait(false);
                    observer.Verbose($"TerminateInstances: {string.Join(", ", instances)}.");
                    foreach (var id in instances)
                    {
                        made.Forget(LeftResource.InstanceKind, id, connection.Region);
                    }
                }
                catch (CloudComposeException e)
                {
                    left.AddRange(instances.Select(id => (made.Entry(LeftResource.InstanceKind, id, connection.Region, tests.Contains(id) && !builders.Contains(id) ? LeftResource.TestRole : LeftResource.BuilderRole), $"{e.ErrorId}: {e.Message}")));
                    await MarkEndedAsync(instances, budget.Token).ConfigureAwait(false);
                }
            }

            if (left.Count > 0)
            {
                var where = made.MarkLeft(left);
                observer.Warning(Describe(plan, left, where));
            }
            else if (succeeded)
            {
                made.ForgetAll();
            }

            return left;
        }

        /// <summary>The warning that names everything left; PipelineMessages makes sure it reaches the user even after a stop.</summary>
        internal static string Describe(BuildPlan plan, IReadOnlyList<(LeftResource Resource, string Reason)> left, string? recordPath)
        {
            var lines = left.Select(l => $"  {l.Resource.Describe}: {l.Reason}{Environment.NewLine}    Remove it with: {l.Resource.Command}");
            var kept = left.All(l => l.Reason.StartsWith("kept for debugging", StringComparison.Ordinal));
            return (kept ? $"{plan.Config.Name}:{plan.Config.Version} keeps what follows in EC2; it costs money until removed:" : $"Cleanup of {plan.Config.Name}:{plan.Config.Version} could not finish; these stay in EC2 and cost money until removed:")
                + Environment.NewLine + string.Join(Environment.NewLine, lines)
                + (recordPath != null ? Environment.NewLine + $"  Recorded in {recordPath}; every command of this module reports what of it still exists." : string.Empty);
        }

        // The instance outlives its build: tagged as ended, it counts as abandoned before its deadline, so
        // Remove-CloudComposeImageBuilder takes it without -IncludeActive.
        private async Task MarkEndedAsync(IReadOnlyList<string> instances, CancellationToken budget)
        {
            try
            {
                using var ec2 = connection.CreateEc2Client(maxErrorRetry: 1);
                await CleanupRetry.RunAsync(ec2, "CreateTags", string.Join(", ", instances),
                    token => Builders.MarkEndedAsync(ec2, instances, connection.Clock.UtcNow, token), budget).ConfigureAwait(false);
                observer.Verbose($"CreateTags: {string.Join(", ", instances)} {BuildTags.BuildEnded}.");
            }
            catch (Exception e) when (e is CloudComposeException or OperationCanceledException)
            {
                observer.Verbose($"Could not tag {string.Join(", ", instances)} as ended ({e.Message}); it counts as active until its deadline.");
            }
        }

        /// <summary>A copy whose CopyImage never answered: it carries the build's tags (CopyImageTags), so it is found by them.</summary>
        private async Task<bool> FindCopyAsync(BuildResources made, MadeImage copy, List<(LeftResource, string)> left, CancellationToken budget)
        {
            var buildId = made.Plan.BuildId;
            try
            {
                using var ec2 = connection.CreateEc2Client(copy.Region, maxErrorRetry: 1);
                var found = await CleanupRetry.RunAsync(ec2, "DescribeImages", buildId, token => ec2.DescribeImagesAsync(new DescribeImagesRequest
                {
                    Owners = new List<string> { "self" },
                    Filters = new List<Filter> { new Filter("tag:" + BuildTags.BuildId, new List<string> { buildId }) },
                }, token), budget).ConfigureAwait(false);
                copy.ImageId = found.Images?.Select(i => i.ImageId).FirstOrDefault(id => made.Images.All(m => m.ImageId != id));
                return copy.ImageId != null;
            }
            catch (CloudComposeException e)
            {
                left.Add((made.Entry(LeftResource.ImageKind, null, copy.Region), $"a copy may exist; could not look for it ({e.ErrorId}: {e.Message})"));
                return false;
            }
        }

        private async Task<IEnumerable<(LeftResource, string)>> RemoveUnfinishedImageAsync(BuildResources made, MadeImage image, CancellationToken budget)
        {
            var entry = made.Entry(LeftResource.ImageKind, image.ImageId, image.Region);
            try
            {
                using var ec2 = connection.CreateEc2Client(image.Region, maxErrorRetry: 1);
                var response = await CleanupRetry.RunAsync(ec2, "DeregisterImage", image.ImageId,
                    token => ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = image.ImageId, DeleteAssociatedSnapshots = true }, token), budget).ConfigureAwait(false);
                observer.Verbose($"DeregisterImage: {image.ImageId} in {image.Region}, with its snapshots (the build did not finish).");
                made.Forget(LeftResource.ImageKind, image.ImageId, image.Region);
                return (response.DeleteSnapshotResults ?? new List<DeleteSnapshotReturnCode>())
                    .Where(r => r.ReturnCode?.Value != "success")
                    .Select(r => (made.Entry(LeftResource.SnapshotKind, r.SnapshotId, image.Region), $"DeregisterImage could not delete it ({r.ReturnCode?.Value})"))
                    .ToList();
            }
            catch (CloudComposeException e) when (e.InnerException is AmazonEC2Exception { ErrorCode: "InvalidAMIID.NotFound" or "InvalidAMIID.Unavailable" })
            {
                made.Forget(LeftResource.ImageKind, image.ImageId, image.Region);
                return Array.Empty<(LeftResource, string)>();
            }
            catch (CloudComposeException e)
            {
                return new[] { (entry, $"{e.ErrorId}: {e.Message}") };
            }
        }
    }
}
