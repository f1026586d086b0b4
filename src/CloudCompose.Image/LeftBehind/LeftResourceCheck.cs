using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Bake;

namespace CloudCompose.Image.LeftBehind
{
    /// <summary>
    /// The next run's look at the record: entries whose build is over (left, or in flight for a process that has
    /// ended) are checked against EC2 with the caller's connection where it can see them; the gone ones are forgotten.
    /// Never fails and never waits long: a check that cannot run leaves its entries unchecked.
    /// </summary>
    internal static class LeftResourceCheck
    {
        private static readonly string[] GoneInstanceStates = { "shutting-down", "terminated" };

        public static async Task<IReadOnlyList<LeftResourceStatus>> RunAsync(LeftResourceRecord record, AwsConnection? connection, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var entries = LeftResourceList.Over(record);

            var result = new List<LeftResourceStatus>();
            foreach (var group in entries.GroupBy(r => (r.Region, r.Endpoint, r.Account)))
            {
                if (connection == null || group.Key.Account != connection.Account || !SameEndpoint(group.Key.Endpoint, connection.EndpointUrl))
                {
                    result.AddRange(await LeftResourceList.UncheckedAsync(record, group.ToList()).ConfigureAwait(false));
                    continue;
                }

                try
                {
                    using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    limit.CancelAfter(timeout);
                    using var ec2 = connection.CreateEc2Client(group.Key.Region, timeout, maxErrorRetry: 0);
                    var states = await StatesAsync(ec2, group.ToList(), limit.Token).ConfigureAwait(false);
                    foreach (var r in group)
                    {
                        if (states.TryGetValue(r, out var state))
                        {
                            result.Add(new LeftResourceStatus(r, state, null));
                        }
                        else
                        {
                            record.Forget(x => x.SameAs(r));
                        }
                    }
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    var why = AwsErrors.From(e, "DescribeInstances", null);
                    result.AddRange(group.Select(r => new LeftResourceStatus(r, null, $"the check failed ({why.ErrorId})")));
                }
            }

            return result;
        }

        private static bool SameEndpoint(string? a, string? b) =>
            string.Equals(a?.TrimEnd('/'), b?.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

        private static async Task<Dictionary<LeftResource, string>> StatesAsync(IAmazonEC2 ec2, List<LeftResource> entries, CancellationToken cancellationToken)
        {
            var states = new Dictionary<LeftResource, string>();
            var instances = entries.Where(r => r.Kind == LeftResource.InstanceKind).ToList();
            if (instances.Count > 0)
            {
                var builds = instances.Select(r => r.BuildId).Distinct().ToList();
                var found = await Builders.FindByBuildIdsAsync(ec2, builds, cancellationToken).ConfigureAwait(false);
                foreach (var r in instances)
                {
                    var live = found.FirstOrDefault(i => (r.Id == null || i.InstanceId == r.Id) && BuildTags.Value(i.Tags, BuildTags.BuildId) == r.BuildId);
                    if (live?.State?.Name?.Value is { } state && !GoneInstanceStates.Contains(state))
                    {
                        if (r.Id == null)
                        {
                            r.Id = live.InstanceId;
                        }

                        states[r] = state;
                    }
                }
            }

            var images = entries.Where(r => r.Kind == LeftResource.ImageKind && r.Id != null).ToList();
            if (images.Count > 0)
            {
                var response = await ec2.DescribeImagesAsync(new DescribeImagesRequest
                {
                    Owners = new List<string> { "self" },
                    Filters = new List<Filter> { new Filter("image-id", images.Select(r => r.Id!).ToList()) },
                }, cancellationToken).ConfigureAwait(false);
                foreach (var r in images)
                {
                    if (response.Images?.FirstOrDefault(i => i.ImageId == r.Id) is { } image)
                    {
                        states[r] = image.State?.Value ?? "unknown";
                    }
                }
            }

            var snapshots = entries.Where(r => r.Kind == LeftResource.SnapshotKind && r.Id != null).ToList();
            if (snapshots.Count > 0)
            {
                var response = await ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest
                {
                    OwnerIds = new List<string> { "self" },
                    Filters = new List<Filter> { new Filter("snapshot-id", snapshots.Select(r => r.Id!).ToList()) },
                }, cancellationToken).ConfigureAwait(false);
                foreach (var r in snapshots)
                {
                    if (response.Snapshots?.FirstOrDefault(s => s.SnapshotId == r.Id) is { } snapshot)
                    {
                        states[r] = snapshot.State?.Value ?? "unknown";
                    }
                }
            }

            return states;
        }
    }
}
