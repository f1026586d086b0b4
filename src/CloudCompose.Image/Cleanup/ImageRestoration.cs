using System;
using System.Collections.Generic;
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
    /// Undoes a retirement: EnableImage for a disabled image (then the launch permissions recorded when it was retired,
    /// which EnableImage does not give back), DisableImageDeprecation for a deprecated one, and RestoreImageFromRecycleBin
    /// (its snapshots first) for a deregistered one a retention rule kept.
    /// </summary>
    public sealed class ImageRestoration : IDisposable
    {
        /// <summary>ListImagesInRecycleBin takes at most 20 ids.</summary>
        private const int RecycleBinBatch = 20;

        private readonly IAmazonEC2 ec2;
        private readonly ImageInventory inventory;
        private readonly MutatingCalls calls;
        private readonly ImageSharing sharing;
        private readonly IBuildObserver observer;

        public ImageRestoration(AwsConnection connection, IBuildObserver? observer = null, double mutatingCallsPerSecond = 5, int mutatingBurst = 20)
        {
            Region = connection.Region;
            ec2 = connection.CreateEc2Client();
            inventory = new ImageInventory(ec2, Region);
            calls = new MutatingCalls(mutatingCallsPerSecond, mutatingBurst);
            sharing = new ImageSharing(ec2, calls);
            this.observer = observer ?? NullBuildObserver.Instance;
        }

        public string Region { get; }

        /// <summary>Finds each image and what restoring it means. Calls no mutating API.</summary>
        public async Task<RestorePlan> PlanAsync(IReadOnlyList<string> imageIds, CancellationToken cancellationToken)
        {
            var ids = imageIds.Distinct().ToList();
            var found = (await inventory.ImagesByIdAsync(ids, cancellationToken).ConfigureAwait(false)).ToDictionary(i => i.ImageId, StringComparer.Ordinal);
            var candidates = new List<RestoreCandidate>();
            var unmanaged = new List<string>();
            var unchanged = new List<(string, string)>();
            foreach (var image in ids.Where(found.ContainsKey).Select(id => found[id]))
            {
                if (string.IsNullOrEmpty(image.Name))
                {
                    unmanaged.Add(image.ImageId);
                    continue;
                }

                var steps = Steps(image);
                if (steps.Count == 0)
                {
                    unchanged.Add((image.ImageId, $"state {image.State}, not deprecated, no recorded sharing: nothing to restore"));
                }
                else
                {
                    candidates.Add(new RestoreCandidate(image.ImageId, image.ImageName, image, new string[0], steps));
                }
            }

            var rest = ids.Where(id => !found.ContainsKey(id)).ToList();
            var binned = await BinnedImagesAsync(rest, cancellationToken).ConfigureAwait(false);
            if (binned.Count > 0)
            {
                var snapshots = await BinnedSnapshotsAsync(cancellationToken).ConfigureAwait(false);
                foreach (var entry in rest.Where(binned.ContainsKey).Select(id => binned[id]))
                {
                    // A snapshot's description names the AMI it was made for ("Created by CreateImage(i-…) for ami-…",
                    // "Copied for DestinationAmi ami-…"): that is how its snapshots are found in the bin.
                    var own = snapshots.Where(s => s.Description != null && s.Description.Contains(entry.ImageId)).Select(s => s.SnapshotId).ToList();
                    var steps = new List<string>();
                    if (own.Count > 0)
                    {
                        steps.Add($"restore snapshots {string.Join(", ", own)} from the Recycle Bin");
                    }

                    steps.Add($"restore from the Recycle Bin (kept until {Format(entry.RecycleBinExitTime)})");
                    candidates.Add(new RestoreCandidate(entry.ImageId, entry.Name ?? string.Empty, null, own, steps));
                }
            }

            return new RestorePlan(candidates, unmanaged, rest.Where(id => !binned.ContainsKey(id)).ToList(), unchanged);
        }

        /// <summary>Restores one planned image; failures after the first change come back with the result.</summary>
        public async Task<RestoreOutcome> RestoreAsync(RestoreCandidate candidate, CancellationToken cancellationToken)
        {
            var failures = new List<CloudComposeException>();
            var actions = new List<string>();
            var result = new RestoreResult { ImageId = candidate.ImageId, ImageName = candidate.ImageName, Region = Region };
            var image = candidate.Image;
            if (candidate.InRecycleBin)
            {
                result.SnapshotsRestored = await RestoreSnapshotsAsync(candidate, failures, cancellationToken).ConfigureAwait(false);
                await calls.RunAsync("RestoreImageFromRecycleBin", ErrorIds.ImageRestoreFailed, candidate.ImageId, $"Could not restore {candidate.ImageId} from the Recycle Bin",
                    () => ec2.RestoreImageFromRecycleBinAsync(new RestoreImageFromRecycleBinRequest { ImageId = candidate.ImageId }, cancellationToken), cancellationToken).ConfigureAwait(false);
                actions.Add("RestoredFromRecycleBin");
                image = (await inventory.ImagesByIdAsync(new[] { candidate.ImageId }, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
                if (image == null)
                {
                    failures.Add(new CloudComposeException(ErrorIds.ImageRestoreFailed, ErrorKind.InvalidOperation,
                        $"{candidate.ImageId} was restored from the Recycle Bin but is not listed yet; run Restore-CloudComposeImage again to finish (enable, re-share).", candidate.ImageId));
                    result.Actions = actions;
                    return new RestoreOutcome(result, failures);
                }

                result.SnapshotsMissing = await MissingSnapshotsAsync(image, cancellationToken).ConfigureAwait(false);
                if (result.SnapshotsMissing.Count > 0)
                {
                    observer.Warning($"{image.ImageId} is back, but its snapshots {string.Join(", ", result.SnapshotsMissing)} are gone for good: it cannot launch.");
                }
            }

            await UndoAsync(image!, actions, result, failures, cancellationToken).ConfigureAwait(false);
            result.Name = image!.Name;
            result.Version = image.Version;
            result.Actions = actions;
            return new RestoreOutcome(result, failures);
        }

        public void Dispose() => ec2.Dispose();

        /// <summary>The steps an image still in EC2's listing needs: enable, cancel deprecation, share again.</summary>
        private static List<string> Steps(ImageInfo image)
        {
            var steps = new List<string>();
            if (image.State == "disabled")
            {
                steps.Add("enable");
            }

            if (image.DeprecationTime != null)
            {
                steps.Add("cancel its deprecation");
            }

            var record = LaunchPermissionRecord.Read(image.Tags);
            if (record.Count > 0 && image.State is "disabled" or "available")
            {
                steps.Add("share again with " + string.Join(", ", record));
            }

            return steps;
        }

        private async Task UndoAsync(ImageInfo image, List<string> actions, RestoreResult result, List<CloudComposeException> failures, CancellationToken cancellationToken)
        {
            var state = image.State;
            if (state == "disabled")
            {
                await calls.RunAsync("EnableImage", ErrorIds.ImageRestoreFailed, image.ImageId, $"Could not enable {image.ImageId}",
                    () => ec2.EnableImageAsync(new EnableImageRequest { ImageId = image.ImageId }, cancellationToken), cancellationToken).ConfigureAwait(false);
                actions.Add("Enabled");
                state = "available";
            }

            if (image.DeprecationTime != null)
            {
                await calls.RunAsync("DisableImageDeprecation", ErrorIds.ImageRestoreFailed, image.ImageId, $"Could not cancel the deprecation of {image.ImageId}",
                    () => ec2.DisableImageDeprecationAsync(new DisableImageDeprecationRequest { ImageId = image.ImageId }, cancellationToken), cancellationToken).ConfigureAwait(false);
                actions.Add("DeprecationCancelled");
            }

            var record = LaunchPermissionRecord.Read(image.Tags);
            if (record.Count > 0 && state == "available")
            {
                try
                {
                    await sharing.RestoreAsync(image.ImageId, image.Tags, record, cancellationToken).ConfigureAwait(false);
                    actions.Add("SharingRestored");
                    result.LaunchPermissions = record;
                }
                catch (CloudComposeException e)
                {
                    // The image is usable again; only its sharing is missing, and the record stays for another try.
                    failures.Add(e);
                }
            }

            result.State = state;
        }

        private async Task<Dictionary<string, ImageRecycleBinInfo>> BinnedImagesAsync(List<string> imageIds, CancellationToken cancellationToken)
        {
            var result = new Dictionary<string, ImageRecycleBinInfo>(StringComparer.Ordinal);
            foreach (var chunk in ImageInventory.Chunk(imageIds, RecycleBinBatch))
            {
                var listed = await ImageInventory.Call("ListImagesInRecycleBin", string.Join(",", chunk),
                    () => ec2.ListImagesInRecycleBinAsync(new ListImagesInRecycleBinRequest { ImageIds = chunk }, cancellationToken)).ConfigureAwait(false);
                foreach (var entry in listed.Images ?? new List<ImageRecycleBinInfo>())
                {
                    result[entry.ImageId] = entry;
                }
            }

            return result;
        }

        private Task<List<SnapshotRecycleBinInfo>> BinnedSnapshotsAsync(CancellationToken cancellationToken) =>
            ImageInventory.Call("ListSnapshotsInRecycleBin", null, async () =>
            {
                var list = new List<SnapshotRecycleBinInfo>();
                await foreach (var snapshot in ec2.Paginators.ListSnapshotsInRecycleBin(new ListSnapshotsInRecycleBinRequest { MaxResults = 1000 }).Snapshots.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    list.Add(snapshot);
                }

                return list;
            });

        private async Task<List<string>> RestoreSnapshotsAsync(RestoreCandidate candidate, List<CloudComposeException> failures, CancellationToken cancellationToken)
        {
            var restored = new List<string>();
            foreach (var snapshotId in candidate.BinnedSnapshots)
            {
                try
                {
                    await calls.RunAsync("RestoreSnapshotFromRecycleBin", ErrorIds.SnapshotRestoreFailed, snapshotId, $"Could not restore snapshot {snapshotId} of {candidate.ImageId} from the Recycle Bin",
                        () => ec2.RestoreSnapshotFromRecycleBinAsync(new RestoreSnapshotFromRecycleBinRequest { SnapshotId = snapshotId }, cancellationToken), cancellationToken).ConfigureAwait(false);
                    restored.Add(snapshotId);
                }
                catch (CloudComposeException e)
                {
                    failures.Add(e);
                }
            }

            return restored;
        }

        /// <summary>The image's snapshots that no longer exist (DescribeSnapshots with a filter, so none missing is no error).</summary>
        private async Task<List<string>> MissingSnapshotsAsync(ImageInfo image, CancellationToken cancellationToken)
        {
            if (image.SnapshotIds.Count == 0)
            {
                return new List<string>();
            }

            var described = await ImageInventory.Call("DescribeSnapshots", image.ImageId, () => ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest
            {
                OwnerIds = new List<string> { "self" },
                Filters = new List<Filter> { new Filter("snapshot-id", image.SnapshotIds.ToList()) },
            }, cancellationToken)).ConfigureAwait(false);
            var present = new HashSet<string>((described.Snapshots ?? new List<Snapshot>()).Select(s => s.SnapshotId), StringComparer.Ordinal);
            return image.SnapshotIds.Where(id => !present.Contains(id)).ToList();
        }

        private static string Format(DateTime? time) =>
            time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture) : "its retention ends";
    }
}
