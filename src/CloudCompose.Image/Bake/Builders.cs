using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace CloudCompose.Image.Bake
{
    /// <summary>Finds and terminates builder instances (the original's <c>down</c>).</summary>
    public static class Builders
    {
        /// <summary>States in which a builder still costs money or blocks a new build.</summary>
        public static readonly IReadOnlyList<string> LiveStates = new[] { "pending", "running", "stopping", "stopped" };

        public static Task<List<Instance>> FindByNameAsync(IAmazonEC2 ec2, string imageName, CancellationToken cancellationToken) =>
            FindAsync(ec2, new Filter("tag:" + BuildTags.ImageName, new List<string> { imageName }), cancellationToken);

        /// <summary>Every live builder of any image name, in one listing.</summary>
        public static Task<List<Instance>> FindAllAsync(IAmazonEC2 ec2, CancellationToken cancellationToken) =>
            FindAsync(ec2, new Filter("tag-key", new List<string> { BuildTags.ImageName }), cancellationToken);

        public static Task<List<Instance>> FindByBuildIdsAsync(IAmazonEC2 ec2, IEnumerable<string> buildIds, CancellationToken cancellationToken) =>
            FindAsync(ec2, new Filter("tag:" + BuildTags.BuildId, buildIds.ToList()), cancellationToken);

        /// <summary>
        /// A builder whose deadline has passed (its watchdog has fired) belongs to a build nobody is running any more.
        /// <paramref name="utcNow"/> is EC2's clock, which the deadline is written in.
        /// </summary>
        public static bool IsAbandoned(Instance instance, DateTime utcNow)
        {
            var deadline = BuildTags.Value(instance.Tags, BuildTags.Deadline);
            if (deadline == null || !DateTime.TryParse(deadline, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when))
            {
                return true;
            }

            return when < utcNow;
        }

        public static async Task TerminateAsync(IAmazonEC2 ec2, IEnumerable<string> instanceIds, CancellationToken cancellationToken)
        {
            var ids = instanceIds.ToList();
            if (ids.Count > 0)
            {
                await ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = ids }, cancellationToken).ConfigureAwait(false);
            }
        }

        private static async Task<List<Instance>> FindAsync(IAmazonEC2 ec2, Filter filter, CancellationToken cancellationToken)
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
