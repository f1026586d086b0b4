using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>
    /// Deregisters an image with its snapshots in one call (DeregisterImage with DeleteAssociatedSnapshots), falls back
    /// to snapshot-by-snapshot deletes where EC2 did not or could not, explains refused deletes, and finds out whether a
    /// Recycle Bin retention rule kept the image (and its snapshots) and until when.
    /// </summary>
    internal sealed class ImageDeregistration
    {
        private readonly IAmazonEC2 ec2;
        private readonly ImageInventory inventory;
        private readonly MutatingCalls calls;
        private readonly IBuildObserver observer;

        public ImageDeregistration(IAmazonEC2 ec2, ImageInventory inventory, MutatingCalls calls, IBuildObserver observer)
        {
            this.ec2 = ec2;
            this.inventory = inventory;
            this.calls = calls;
            this.observer = observer;
        }

        public async Task DeregisterAsync(ImageInfo image, bool keepSnapshots, RemovalResult result, List<CloudComposeException> failures, CancellationToken cancellationToken)
        {
            var withSnapshots = !keepSnapshots && image.SnapshotIds.Count > 0;
            DeregisterImageResponse response;
            try
            {
                response = await DeregisterCallAsync(image.ImageId, withSnapshots, cancellationToken).ConfigureAwait(false);
            }
            catch (CloudComposeException e) when (withSnapshots && e.InnerException is AmazonEC2Exception { ErrorCode: "UnknownParameter" })
            {
                // An endpoint that does not know DeleteAssociatedSnapshots: deregister plainly, delete the snapshots one by one.
                observer.Verbose($"{image.ImageId}: the endpoint does not take DeleteAssociatedSnapshots; deleting the snapshots one by one.");
                response = await DeregisterCallAsync(image.ImageId, false, cancellationToken).ConfigureAwait(false);
            }

            result.Action = "Deregistered";
            if (keepSnapshots)
            {
                result.SnapshotsKept = image.SnapshotIds;
            }
            else if (withSnapshots)
            {
                await SnapshotsAsync(image, response.DeleteSnapshotResults ?? new List<DeleteSnapshotReturnCode>(), result, failures, cancellationToken).ConfigureAwait(false);
            }

            await RecycleBinAsync(image, result, cancellationToken).ConfigureAwait(false);
        }

        private Task<DeregisterImageResponse> DeregisterCallAsync(string imageId, bool withSnapshots, CancellationToken cancellationToken) =>
            calls.RunAsync("DeregisterImage", ErrorIds.ImageDeregisterFailed, imageId, $"Could not retire image {imageId}",
                () => ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = imageId, DeleteAssociatedSnapshots = withSnapshots ? true : (bool?)null }, cancellationToken),
                cancellationToken);

        /// <summary>Sorts EC2's per-snapshot answers; what EC2 did not answer, or failed inside, is deleted one by one.</summary>
        private async Task SnapshotsAsync(ImageInfo image, List<DeleteSnapshotReturnCode> answers, RemovalResult result, List<CloudComposeException> failures, CancellationToken cancellationToken)
        {
            var codes = answers.Where(a => a.SnapshotId != null).GroupBy(a => a.SnapshotId).ToDictionary(g => g.Key, g => g.First().ReturnCode?.Value, StringComparer.Ordinal);
            var outcome = new SnapshotOutcome();
            var retry = new List<string>();
            foreach (var snapshotId in image.SnapshotIds.Distinct())
            {
                switch (codes.TryGetValue(snapshotId, out var code) ? code : null)
                {
                    case "success":
                        outcome.Deleted.Add(snapshotId);
                        break;
                    case "skipped":
                        // "not deleted because it's associated with other AMIs"
                        outcome.Kept.Add(snapshotId);
                        break;
                    case "missing-permissions":
                        outcome.Refused.Add(snapshotId);
                        break;
                    default:
                        // internal-error, client-error, or no answer (an endpoint that ignored the parameter).
                        retry.Add(snapshotId);
                        break;
                }
            }

            if (retry.Count > 0)
            {
                await DeleteEachAsync(image, retry, outcome, failures, cancellationToken).ConfigureAwait(false);
            }

            if (outcome.Refused.Count > 0)
            {
                await ExplainRefusedAsync(image, outcome.Refused, failures, cancellationToken).ConfigureAwait(false);
            }

            result.SnapshotsDeleted = outcome.Deleted;
            result.SnapshotsKept = outcome.Kept;
            result.SnapshotsLeft = outcome.Refused.Concat(outcome.Failed).ToList();
        }

        private async Task DeleteEachAsync(ImageInfo image, List<string> snapshotIds, SnapshotOutcome outcome, List<CloudComposeException> failures, CancellationToken cancellationToken)
        {
            var users = await inventory.ImagesWithSnapshotsAsync(snapshotIds, cancellationToken).ConfigureAwait(false);
            var shared = new HashSet<string>(users.Where(i => i.ImageId != image.ImageId).SelectMany(i => i.SnapshotIds), StringComparer.Ordinal);
            foreach (var snapshotId in snapshotIds)
            {
                if (shared.Contains(snapshotId))
                {
                    outcome.Kept.Add(snapshotId);
                    continue;
                }

                try
                {
                    await calls.TakeAsync(cancellationToken).ConfigureAwait(false);
                    await ec2.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = snapshotId }, cancellationToken).ConfigureAwait(false);
                    outcome.Deleted.Add(snapshotId);
                }
                catch (AmazonEC2Exception e) when (e.ErrorCode == "InvalidSnapshot.InUse")
                {
                    // EC2's own word: another image (perhaps one registered a moment ago) still uses it.
                    outcome.Kept.Add(snapshotId);
                }
                catch (AmazonEC2Exception e) when (e.ErrorCode == "InvalidSnapshot.NotFound")
                {
                    // Already gone.
                }
                catch (AmazonEC2Exception e) when (e.ErrorCode == "UnauthorizedOperation")
                {
                    outcome.Refused.Add(snapshotId);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    var mapped = AwsErrors.From(e, "DeleteSnapshot", snapshotId);
                    outcome.Failed.Add(snapshotId);
                    failures.Add(new CloudComposeException(ErrorIds.SnapshotDeleteFailed, mapped.Kind,
                        $"Image {image.ImageId} was deregistered but its snapshot {snapshotId} could not be deleted: {mapped.Message}", snapshotId, e)
                    { Hint = $"Delete it later with: Remove-EC2Snapshot -SnapshotId {snapshotId} (or aws ec2 delete-snapshot --snapshot-id {snapshotId})." });
                }
            }
        }

        /// <summary>
        /// A refused delete is almost always the shipped policy's tag condition meeting a snapshot without the ImageName
        /// tag (the Python plugin never tagged snapshots): say which snapshots remain and why, and how to let them go.
        /// </summary>
        private async Task ExplainRefusedAsync(ImageInfo image, List<string> snapshotIds, List<CloudComposeException> failures, CancellationToken cancellationToken)
        {
            Dictionary<string, bool>? tagged = null;
            try
            {
                var described = await ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { SnapshotIds = snapshotIds }, cancellationToken).ConfigureAwait(false);
                tagged = (described.Snapshots ?? new List<Snapshot>()).ToDictionary(s => s.SnapshotId, s => s.Tags?.Any(t => t.Key == BuildTags.ImageName) == true, StringComparer.Ordinal);
            }
            catch (AmazonEC2Exception)
            {
                // Reading the tags is only for a better message.
            }

            foreach (var snapshotId in snapshotIds)
            {
                var untagged = tagged != null && tagged.TryGetValue(snapshotId, out var has) && !has;
                var why = untagged
                    ? $"it has no {BuildTags.ImageName} tag (snapshots of images baked by the Python cloud-compose plugin carry none), and the policy in {AwsErrors.PolicyDocument} lets ec2:DeleteSnapshot delete only tagged snapshots"
                    : "ec2:DeleteSnapshot was refused (not authorized)";
                failures.Add(new CloudComposeException(ErrorIds.SnapshotDeleteNotAuthorized, ErrorKind.PermissionDenied,
                    $"Image {image.ImageId} was deregistered but its snapshot {snapshotId} remains: {why}.", snapshotId)
                {
                    Hint = untagged
                        ? $"Add the statement in {MigrationPolicy} (it allows deleting untagged snapshots made before a date you set), or tag it and delete it: aws ec2 create-tags --resources {snapshotId} --tags Key={BuildTags.ImageName},Value={image.Name}; aws ec2 delete-snapshot --snapshot-id {snapshotId}."
                        : $"Grant ec2:DeleteSnapshot on it ({AwsErrors.PolicyDocument}), then: aws ec2 delete-snapshot --snapshot-id {snapshotId}.",
                });
            }
        }

        /// <summary>The migration statement for snapshots the Python plugin left untagged.</summary>
        internal const string MigrationPolicy = "docs/iam-policy-migration.json";

        /// <summary>Whether a retention rule kept the image (and its deleted snapshots) in the Recycle Bin, and until when.</summary>
        private async Task RecycleBinAsync(ImageInfo image, RemovalResult result, CancellationToken cancellationToken)
        {
            ImageRecycleBinInfo? entry;
            try
            {
                var listed = await ec2.ListImagesInRecycleBinAsync(new ListImagesInRecycleBinRequest { ImageIds = new List<string> { image.ImageId } }, cancellationToken).ConfigureAwait(false);
                entry = listed.Images?.FirstOrDefault(i => i.ImageId == image.ImageId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                observer.Verbose($"{image.ImageId} was deregistered; whether the Recycle Bin keeps it is unknown: {AwsErrors.From(e, "ListImagesInRecycleBin", image.ImageId).Message}");
                return;
            }

            if (entry == null)
            {
                return;
            }

            result.RecycleBinExitTime = entry.RecycleBinExitTime?.ToUniversalTime();
            var until = result.RecycleBinExitTime is { } exit ? exit.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) : "its retention ends";
            observer.Verbose($"{image.ImageId} ({image.ImageName}) is in the Recycle Bin until {until}; Restore-CloudComposeImage -ImageId {image.ImageId} brings it back.");
            if (result.SnapshotsDeleted.Count == 0)
            {
                return;
            }

            try
            {
                var binned = await ec2.ListSnapshotsInRecycleBinAsync(new ListSnapshotsInRecycleBinRequest { SnapshotIds = result.SnapshotsDeleted.ToList() }, cancellationToken).ConfigureAwait(false);
                result.SnapshotsInRecycleBin = (binned.Snapshots ?? new List<SnapshotRecycleBinInfo>()).Select(s => s.SnapshotId).Where(result.SnapshotsDeleted.Contains).ToList();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                observer.Verbose($"Whether the Recycle Bin keeps the snapshots of {image.ImageId} is unknown: {AwsErrors.From(e, "ListSnapshotsInRecycleBin", image.ImageId).Message}");
                return;
            }

            var gone = result.SnapshotsDeleted.Except(result.SnapshotsInRecycleBin).ToList();
            if (gone.Count > 0)
            {
                observer.Warning($"{image.ImageId} is in the Recycle Bin until {until}, but its snapshots {string.Join(", ", gone)} were deleted for good (no snapshot retention rule kept them): restored, the image could not launch. Give snapshots a retention rule at least as long as the one for AMIs.");
            }
        }

        private sealed class SnapshotOutcome
        {
            public List<string> Deleted { get; } = new List<string>();

            public List<string> Kept { get; } = new List<string>();

            public List<string> Refused { get; } = new List<string>();

            public List<string> Failed { get; } = new List<string>();
        }
    }
}
