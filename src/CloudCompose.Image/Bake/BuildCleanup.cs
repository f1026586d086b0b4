using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// What every build leaves behind and must remove, whatever its outcome: the builder (unless kept for debugging)
    /// and, when the build did not succeed, an unfinished image with its snapshots.
    /// </summary>
    internal sealed class BuildCleanup
    {
        private readonly IAmazonEC2 ec2;
        private readonly IBuildObserver observer;

        public BuildCleanup(IAmazonEC2 ec2, IBuildObserver observer)
        {
            this.ec2 = ec2;
            this.observer = observer;
        }

        /// <param name="testInstances">Test instances of the new image: always terminated, never kept for debugging.</param>
        /// <param name="testLaunchUnknown">The test's RunInstances was not answered: look for it by the build's tag.</param>
        public async Task RunAsync(BuildPlan plan, string? instanceId, string? imageId, bool launchAttempted, bool succeeded, BakeOptions options,
            IReadOnlyList<string>? testInstances = null, bool testLaunchUnknown = false)
        {
            // Runs after success, failure and Ctrl+C alike, with its own time limit since the build's token may be cancelled.
            using var cleanup = new CancellationTokenSource(options.CleanupTimeout);
            if (!succeeded && imageId != null)
            {
                await RemoveFailedImageAsync(imageId, plan.BuildId, cleanup.Token).ConfigureAwait(false);
            }

            var builders = new List<string>();
            var tests = new List<string>(testInstances ?? new string[0]);
            if (instanceId != null)
            {
                builders.Add(instanceId);
            }

            if ((instanceId == null && launchAttempted) || testLaunchUnknown)
            {
                // Cancelled or failed inside RunInstances: the builder may exist without us knowing its id.
                try
                {
                    foreach (var found in await Builders.FindByBuildIdAsync(ec2, plan.BuildId, cleanup.Token).ConfigureAwait(false))
                    {
                        var list = BuildTags.Value(found.Tags, ImageTestRun.RoleTag) == ImageTestRun.TestRole ? tests : builders;
                        if (!list.Contains(found.InstanceId))
                        {
                            list.Add(found.InstanceId);
                        }
                    }
                }
                catch (Exception e)
                {
                    observer.Warning($"Could not look for the builder of build {plan.BuildId}: {e.Message}. Check with: Remove-CloudComposeImageBuilder -Path '{plan.Config.FilePath}' -WhatIf");
                }
            }

            if (!succeeded && options.KeepBuilderOnFailure && builders.Count > 0)
            {
                observer.Warning($"Kept builder {string.Join(", ", builders)} for debugging (-KeepBuilderOnFailure). It costs money while it exists; remove it with: Remove-CloudComposeImageBuilder -Path '{plan.Config.FilePath}'");
                builders.Clear();
            }

            builders.AddRange(tests.Where(t => !builders.Contains(t)));
            if (builders.Count == 0)
            {
                return;
            }

            try
            {
                await Builders.TerminateAsync(ec2, builders, cleanup.Token).ConfigureAwait(false);
                observer.Verbose($"TerminateInstances: {string.Join(", ", builders)}.");
            }
            catch (Exception e)
            {
                observer.Warning($"Could not terminate builder {string.Join(", ", builders)}: {e.Message}. Remove it with: Remove-CloudComposeImageBuilder -Path '{plan.Config.FilePath}'");
            }
        }

        private async Task RemoveFailedImageAsync(string imageId, string buildId, CancellationToken cancellationToken)
        {
            try
            {
                await ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = imageId }, cancellationToken).ConfigureAwait(false);
                observer.Verbose($"DeregisterImage: {imageId} (the build did not finish).");
                var snapshots = await ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest
                {
                    OwnerIds = new List<string> { "self" },
                    Filters = new List<Filter> { new Filter("tag:" + BuildTags.BuildId, new List<string> { buildId }) },
                }, cancellationToken).ConfigureAwait(false);
                foreach (var snapshot in snapshots.Snapshots ?? new List<Snapshot>())
                {
                    await ec2.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = snapshot.SnapshotId }, cancellationToken).ConfigureAwait(false);
                    observer.Verbose($"DeleteSnapshot: {snapshot.SnapshotId}.");
                }
            }
            catch (Exception e)
            {
                observer.Warning($"Could not remove the unfinished image {imageId} or its snapshots: {e.Message}. Remove them with Remove-UnusedCloudComposeImage or the EC2 console.");
            }
        }
    }
}
