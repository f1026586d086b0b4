using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace CloudCompose.Image.Bake
{
    /// <summary>Finds and terminates builder instances (the original's <c>down</c>).</summary>
    internal static class Builders
    {
        /// <summary>States in which a builder still costs money or blocks a new build.</summary>
        public static readonly IReadOnlyList<string> LiveStates = new[] { "pending", "running", "stopping", "stopped" };

        /// <summary>Every live builder of any image name, in one listing.</summary>
        public static Task<List<Instance>> FindAllAsync(IAmazonEC2 ec2, CancellationToken cancellationToken) =>
            FindAsync(ec2, new Filter("tag-key", new List<string> { BuildTags.ImageName }), cancellationToken);

        public static Task<List<Instance>> FindByBuildIdsAsync(IAmazonEC2 ec2, IEnumerable<string> buildIds, CancellationToken cancellationToken) =>
            FindAsync(ec2, new Filter("tag:" + BuildTags.BuildId, buildIds.ToList()), cancellationToken);

        /// <summary>
        /// Whether no build is running on this builder any more: the build that launched it said it ended, or its
        /// deadline has passed (its watchdog has shut it down), or it has no deadline at all (not launched by a build
        /// of this module, or by a version that did not tag one). A builder before its deadline may belong to a build
        /// running in another shell or on another machine: it is active.
        /// <paramref name="utcNow"/> is EC2's clock, which the deadline is written in.
        /// </summary>
        public static bool IsAbandoned(Instance instance, DateTime utcNow)
        {
            if (BuildTags.Time(instance.Tags, BuildTags.BuildEnded) != null)
            {
                return true;
            }

            var deadline = BuildTags.Time(instance.Tags, BuildTags.Deadline);
            return deadline == null || deadline < utcNow;
        }

        /// <summary>Tags builders a build leaves behind, so that they count as abandoned before their deadline.</summary>
        public static async Task MarkEndedAsync(IAmazonEC2 ec2, IReadOnlyList<string> instanceIds, DateTime utcNow, CancellationToken cancellationToken)
        {
            await ec2.CreateTagsAsync(new CreateTagsRequest
            {
                Resources = instanceIds.ToList(),
                Tags = new List<Tag> { new Tag(BuildTags.BuildEnded, BuildTags.FormatTime(utcNow)) },
            }, cancellationToken).ConfigureAwait(false);
        }

        public static async Task TerminateAsync(IAmazonEC2 ec2, IEnumerable<string> instanceIds, CancellationToken cancellationToken)
        {
            var ids = instanceIds.ToList();
            if (ids.Count > 0)
            {
                await ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = ids }, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Live instances matching <paramref name="filter"/>, all pages.</summary>
        public static async Task<List<Instance>> FindAsync(IAmazonEC2 ec2, Filter filter, CancellationToken cancellationToken)
        {
            var request = new DescribeInstancesRequest
            {
                Filters = new List<Filter> { filter, new Filter("instance-state-name", LiveStates.ToList()) },
            };
            var found = new List<Instance>();
            string? next = null;
            do
            {
                request.NextToken = next;
                var response = await ec2.DescribeInstancesAsync(request, cancellationToken).ConfigureAwait(false);
                found.AddRange((response.Reservations ?? new List<Reservation>()).SelectMany(r => r.Instances ?? new List<Instance>()));
                next = response.NextToken;
            }
            while (!string.IsNullOrEmpty(next));
            return found;
        }
    }
}
