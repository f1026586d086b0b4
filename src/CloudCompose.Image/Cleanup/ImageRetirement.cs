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
    /// Retires unused images: plan with one batched usage pass plus DescribeImageReferences and the sharing
    /// check on the final candidates, then, per image and right before acting, re-check the keep rules and
    /// usage and act: deregister (with the snapshots no other image uses), disable or deprecate.
    /// </summary>
    public sealed class ImageRetirement : IDisposable
    {
        private const int SharingParallelism = 8;

        private readonly AwsConnection connection;
        private readonly IAmazonEC2 ec2;
        private readonly ImageInventory inventory;
        private readonly IBuildObserver observer;
        private readonly MutatingCalls calls;
        private readonly ImageSharing sharing;
        private readonly ImageDeregistration deregistration;
        private readonly ServerClock serverClock;
        private readonly SharedUsage usage;

        public ImageRetirement(AwsConnection connection, RetirementOptions options, IBuildObserver? observer = null)
        {
            options.Validate();
            this.connection = connection;
            Options = options;
            this.observer = observer ?? NullBuildObserver.Instance;
            ec2 = connection.CreateEc2Client();
            serverClock = ServerClock.Watch(ec2);
            inventory = new ImageInventory(ec2, connection.Region);
            calls = new MutatingCalls(options.MutatingCallsPerSecond, options.MutatingBurst);
            sharing = new ImageSharing(ec2, calls);
            deregistration = new ImageDeregistration(ec2, inventory, calls, this.observer);
            usage = new SharedUsage(ec2, calls, options, this.observer);
        }

        public RetirementOptions Options { get; }

        public string Region => connection.Region;

        /// <summary>
        /// Decides, for every image in scope, whether it goes. With image ids the keep rules still look at the
        /// whole name+version group of each image, but only the given images are judged. Calls no mutating API.
        /// </summary>
        public async Task<RetirementPlan> PlanAsync(ImageQuery query, CancellationToken cancellationToken)
        {
            var scope = await inventory.ListAsync(query, cancellationToken).ConfigureAwait(false);
            var images = scope;
            HashSet<string>? only = null;
            if (query.ImageIds.Count > 0 && scope.Count > 0)
            {
                only = new HashSet<string>(scope.Select(i => i.ImageId), StringComparer.Ordinal);
                var pairs = new HashSet<(string, string)>(scope.Select(i => (i.Name, i.Version)));
                var groups = await inventory.ListAsync(
                    new ImageQuery { Names = scope.Select(i => i.Name).Distinct().ToList(), Versions = scope.Select(i => i.Version).Distinct().ToList(), Literal = true },
                    cancellationToken).ConfigureAwait(false);
                images = groups.Where(i => pairs.Contains((i.Name, i.Version))).ToList();
            }

            await inventory.FillUsageAsync(images, cancellationToken).ConfigureAwait(false);
            observer.Verbose($"{images.Count} image(s) in scope ({query}) in {Region}; {images.Count(i => i.InUse == true)} used by instances or launch templates.");
            bool InScope(RetirementDecision d) => only == null || only.Contains(d.Image.ImageId);

            // Each further look costs calls per image, so only what is still a candidate gets it: EC2's reference check,
            // then the launch permissions, then (for shared ones) usage reports. The rules then decide once more.
            var screening = Options.CheckSharedUsage ? Options.IgnoringSharing() : Options;
            var candidates = RetirementPlanner.Decide(images, screening).Where(d => InScope(d) && d.Retire).Select(d => d.Image).ToList();
            observer.Verbose($"Reference check: {candidates.Count} candidate(s), DescribeImageReferences {ImageInventory.ReferenceBatch} at a time.");
            var references = await inventory.ReferencesAsync(candidates.Select(i => i.ImageId).ToList(), cancellationToken).ConfigureAwait(false);
            foreach (var image in candidates.Where(i => references.ContainsKey(i.ImageId)))
            {
                image.InUse = true;
                image.UsedBy = image.UsedBy.Concat(references[image.ImageId]).ToList();
            }

            var unused = candidates.Where(i => i.InUse == false).ToList();
            if (!Options.IncludeShared)
            {
                await ReadSharingAsync(unused, cancellationToken).ConfigureAwait(false);
            }

            var verdicts = Options.CheckSharedUsage && !Options.IncludeShared
                ? await usage.CheckAsync(unused.Where(i => i.IsPublic || i.SharedWithAccounts.Count > 0).ToList(), cancellationToken).ConfigureAwait(false)
                : null;
            var decisions = RetirementPlanner.Decide(images, Options, verdicts).Where(InScope).ToList();
            var found = new HashSet<string>(scope.Select(i => i.ImageId), StringComparer.Ordinal);
            return new RetirementPlan(decisions, query.ImageIds.Where(id => !found.Contains(id)).Distinct().ToList());
        }

        /// <summary>
        /// Re-checks the keep rules and usage of a planned candidate right before acting, then retires it.
        /// An image that became used, newer-than-kept, protected or shared meanwhile comes back as Skipped.
        /// </summary>
        public async Task<RetirementOutcome> RetireAsync(RetirementDecision decision, CancellationToken cancellationToken)
        {
            var planned = decision.Image;
            var group = await inventory.ListAsync(
                new ImageQuery { Names = new[] { planned.Name }, Versions = new[] { planned.Version }, Literal = true }, cancellationToken).ConfigureAwait(false);
            var current = group.FirstOrDefault(i => i.ImageId == planned.ImageId);
            if (current == null)
            {
                return Skipped(planned, "it no longer exists (or lost its ImageName tag)");
            }

            var references = await inventory.ReferencesAsync(new[] { current.ImageId }, cancellationToken).ConfigureAwait(false);
            foreach (var other in group)
            {
                other.InUse = false;
            }

            if (references.TryGetValue(current.ImageId, out var users))
            {
                current.InUse = true;
                current.UsedBy = users;
            }

            // Sharing as it is now; the plan's usage report still counts only if it looked at every account shared with.
            var shared = await inventory.LaunchPermissionsAsync(current.ImageId, cancellationToken).ConfigureAwait(false);
            current.SharedWithAccounts = shared;
            var verdicts = decision.SharedUsage is { } verdict && verdict.Covers(shared.Where(p => p != "all").ToList()) && (!current.IsPublic || verdict.Accounts == null)
                ? new Dictionary<string, SharedUsageVerdict> { [current.ImageId] = verdict }
                : null;
            var now = RetirementPlanner.Decide(group, Options, verdicts).First(d => d.Image.ImageId == current.ImageId);
            if (!now.Retire)
            {
                return Skipped(current, now.Reason);
            }

            var result = Result(current, now.Reason);
            var failures = new List<CloudComposeException>();
            var failure = $"Could not retire image {current.ImageId}";
            switch (now.Action)
            {
                case RetireAction.Disable:
                    // DisableImage removes every launch permission and EnableImage gives none back: record them first.
                    if (shared.Count > 0)
                    {
                        await sharing.RecordAsync(current, shared, cancellationToken).ConfigureAwait(false);
                        result.LaunchPermissionsRemoved = shared;
                    }

                    await calls.RunAsync("DisableImage", ErrorIds.ImageDisableFailed, current.ImageId, failure,
                        () => ec2.DisableImageAsync(new DisableImageRequest { ImageId = current.ImageId }, cancellationToken), cancellationToken).ConfigureAwait(false);
                    result.Action = "Disabled";
                    break;
                case RetireAction.Deprecate:
                    await calls.RunAsync("EnableImageDeprecation", ErrorIds.ImageDeprecateFailed, current.ImageId, failure,
                        () => ec2.EnableImageDeprecationAsync(new EnableImageDeprecationRequest { ImageId = current.ImageId, DeprecateAt = NextMinute((serverClock.UtcNow ?? Options.UtcNow()).AddSeconds(5)) }, cancellationToken),
                        cancellationToken).ConfigureAwait(false);
                    result.Action = "Deprecated";
                    break;
                default:
                    // Nobody may launch it from the moment it goes; restored from the Recycle Bin, the record shares it again.
                    if (shared.Count > 0)
                    {
                        await sharing.RecordAsync(current, shared, cancellationToken).ConfigureAwait(false);
                        await sharing.RemoveAsync(current.ImageId, shared, cancellationToken).ConfigureAwait(false);
                        result.LaunchPermissionsRemoved = shared;
                    }

                    await deregistration.DeregisterAsync(current, Options.KeepSnapshots, result, failures, cancellationToken).ConfigureAwait(false);
                    break;
            }

            observer.Verbose($"{result.Action} {current.ImageId} ({current.ImageName}): {now.Reason}." +
                (result.SnapshotsDeleted.Count > 0 ? $" Deleted {string.Join(", ", result.SnapshotsDeleted)}." : string.Empty) +
                (result.SnapshotsKept.Count > 0 ? $" Kept {string.Join(", ", result.SnapshotsKept)}." : string.Empty));
            return new RetirementOutcome(result, failures);
        }

        /// <summary>
        /// The bake's cleanup: retire the older unused images of the name+version just built, with the default keep
        /// rules, never touching the new image or anything newer. Failures become warnings; the build still succeeded.
        /// </summary>
        public static async Task<IReadOnlyList<RemovalResult>> RetireOlderAsync(AwsConnection connection, IBuildObserver observer, ImageInfo built, CancellationToken cancellationToken)
        {
            var removed = new List<RemovalResult>();
            var options = new RetirementOptions { ProtectImageId = built.ImageId, NotNewerThan = built.CreationDate ?? DateTime.UtcNow };
            using var retirement = new ImageRetirement(connection, options, observer);
            try
            {
                var plan = await retirement.PlanAsync(new ImageQuery { Names = new[] { built.Name }, Versions = new[] { built.Version }, Literal = true }, cancellationToken).ConfigureAwait(false);
                foreach (var kept in plan.Kept.Where(d => d.Keep != KeepReason.JustBuilt))
                {
                    observer.Verbose($"Cleanup keeps {kept.Target}: {kept.Reason}.");
                }

                foreach (var candidate in plan.Candidates)
                {
                    try
                    {
                        var outcome = await retirement.RetireAsync(candidate, cancellationToken).ConfigureAwait(false);
                        if (outcome.Result.Removed)
                        {
                            removed.Add(outcome.Result);
                        }
                        else
                        {
                            observer.Verbose($"Cleanup keeps {candidate.Target} after all: {outcome.Result.Reason}.");
                        }

                        foreach (var failure in outcome.Failures)
                        {
                            observer.Warning($"Cleanup: {failure.Message}");
                        }
                    }
                    catch (CloudComposeException e)
                    {
                        observer.Warning($"Cleanup could not retire {candidate.Target}: {e.Message}");
                    }
                }
            }
            catch (CloudComposeException e)
            {
                observer.Warning($"Cleanup of older {built.Name}:{built.Version} images did not run: {e.Message} Run Remove-UnusedCloudComposeImage -Name '{built.Name}' -Version '{built.Version}' later.");
            }

            return removed;
        }

        public void Dispose() => ec2.Dispose();

        private async Task ReadSharingAsync(List<ImageInfo> images, CancellationToken cancellationToken)
        {
            // EC2 has no batched way to read launch permissions, so only the final candidates are asked, a few at a time.
            using var gate = new SemaphoreSlim(SharingParallelism);
            await Task.WhenAll(images.Select(async image =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    image.SharedWithAccounts = await inventory.LaunchPermissionsAsync(image.ImageId, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);
        }

        private RetirementOutcome Skipped(ImageInfo image, string reason)
        {
            var result = Result(image, reason);
            result.Action = "Skipped";
            observer.Verbose($"Skipped {image.ImageId} ({image.ImageName}): {reason}.");
            return new RetirementOutcome(result, new CloudComposeException[0]);
        }

        private RemovalResult Result(ImageInfo image, string reason) => new RemovalResult
        {
            ImageId = image.ImageId,
            ImageName = image.ImageName,
            Name = image.Name,
            Version = image.Version,
            Region = Region,
            CreationDate = image.CreationDate,
            Reason = reason,
        };

        private static DateTime NextMinute(DateTime now)
        {
            var minute = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc);
            return minute.AddMinutes(1);
        }
    }
}
