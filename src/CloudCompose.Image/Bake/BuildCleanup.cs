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
    /// What every build must remove, whatever its outcome: the builder (unless kept for debugging) and every image it
    /// made that did not finish, with their snapshots. What cannot be removed is never silent: one warning names each
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
        public async Task<IReadOnlyList<(LeftResource Resource, string Reason)>> RunAsync(BuildResources made, bool succeeded, BakeOptions options)
        {
            // Runs after success, failure, Ctrl+C and signals alike: its own budget, never the build's token.
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(options.CleanupCancellation);
            budget.CancelAfter(options.CleanupTimeout);
            var left = new List<(LeftResource, string)>();
            var plan = made.Plan;

            foreach (var image in made.Images.Where(i => !i.Finished))
            {
                left.AddRange(await RemoveUnfinishedImageAsync(made, image, budget.Token).ConfigureAwait(false));
            }

            var kept = made.Images.Where(i => i.Finished).ToList();
            if (!succeeded && kept.Count > 0)
            {
                // A finished image is a product, not debris: kept, said so, and not reported as left.
                observer.Warning($"The build of {plan.Config.Name}:{plan.Config.Version} did not complete; its finished image(s) {string.Join(", ", kept.Select(i => $"{i.ImageId} ({i.Region})"))} are kept. Retire them with Remove-UnusedCloudComposeImage.");
                kept.ForEach(i => made.Forget(LeftResource.ImageKind, i.ImageId, i.Region));
            }

            var builders = new List<string>();
            if (made.InstanceId != null)
            {
                builders.Add(made.InstanceId);
            }
            else if (made.LaunchOutcomeUnknown)
            {
                // Cancelled or cut off inside RunInstances: the builder may exist without us knowing its id.
                try
                {
                    using var ec2 = connection.CreateEc2Client(maxErrorRetry: 1);
                    var found = await CleanupRetry.RunAsync(ec2, "DescribeInstances", plan.BuildId,
                        token => Builders.FindByBuildIdsAsync(ec2, new[] { plan.BuildId }, token), budget.Token).ConfigureAwait(false);
                    builders.AddRange(found.Select(i => i.InstanceId));
                    if (builders.Count == 0)
                    {
                        made.Forget(LeftResource.InstanceKind, null, connection.Region);
                    }
                }
                catch (CloudComposeException e)
                {
                    left.Add((made.Entry(LeftResource.InstanceKind, null, connection.Region), $"could not look for it ({e.ErrorId}: {e.Message})"));
                }
            }

            if (builders.Count > 0 && !succeeded && options.KeepBuilderOnFailure)
            {
                left.AddRange(builders.Select(id => (made.Entry(LeftResource.InstanceKind, id, connection.Region), "kept for debugging (-KeepBuilderOnFailure)")));
            }
            else if (builders.Count > 0)
            {
                try
                {
                    using var ec2 = connection.CreateEc2Client(maxErrorRetry: 1);
                    await CleanupRetry.RunAsync(ec2, "TerminateInstances", string.Join(", ", builders),
                        token => Builders.TerminateAsync(ec2, builders, token), budget.Token).ConfigureAwait(false);
                    observer.Verbose($"TerminateInstances: {string.Join(", ", builders)}.");
                    made.Forget(LeftResource.InstanceKind, null, connection.Region);
                }
                catch (CloudComposeException e)
                {
                    left.AddRange(builders.Select(id => (made.Entry(LeftResource.InstanceKind, id, connection.Region), $"{e.ErrorId}: {e.Message}")));
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
