using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Cleanup;
using CloudCompose.Image.LeftBehind;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// The builders of one region, as Get-CloudComposeImageBuilder lists them and Remove-CloudComposeImageBuilder
    /// (the original's <c>down</c>) terminates them: live instances tagged ImageName, each judged abandoned or active.
    /// The left-resources record counts too: a builder it lists as left (its build gave up on it) or as in flight for a
    /// process that has ended is abandoned before its deadline, so the command its warning names removes it.
    /// </summary>
    internal sealed class BuilderInventory : IDisposable
    {
        private readonly AwsConnection connection;
        private readonly Amazon.EC2.IAmazonEC2 ec2;
        private readonly LeftResourceRecord record;

        public BuilderInventory(AwsConnection connection, LeftResourceRecord? record = null)
        {
            this.connection = connection;
            this.record = record ?? LeftResourceRecord.ForCurrentUser();
            ec2 = connection.CreateEc2Client();
        }

        /// <summary>
        /// The live builders whose ImageName is one of <paramref name="names"/> (EC2 wildcards <c>*</c> and <c>?</c>
        /// unless <paramref name="literal"/>), or of any name when the list is empty; one call per 200 names.
        /// </summary>
        public async Task<IReadOnlyList<BuilderInfo>> FindAsync(IReadOnlyList<string> names, bool literal, CancellationToken cancellationToken)
        {
            var found = new List<Instance>();
            if (names.Count == 0)
            {
                found.AddRange(await Call(() => Builders.FindAllAsync(ec2, cancellationToken)).ConfigureAwait(false));
            }

            foreach (var chunk in ImageInventory.Chunk(names.Distinct().ToList(), ImageInventory.FilterValueLimit))
            {
                var values = literal ? chunk.Select(Wildcard.Escape).ToList() : chunk;
                found.AddRange(await Call(() => Builders.FindAsync(ec2, new Filter("tag:" + BuildTags.ImageName, values), cancellationToken)).ConfigureAwait(false));
            }

            return Describe(found);
        }

        /// <summary>The live builders among these instance ids (anything else, or gone, is left out).</summary>
        public async Task<IReadOnlyList<BuilderInfo>> FindByIdAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
        {
            var found = new List<Instance>();
            foreach (var chunk in ImageInventory.Chunk(instanceIds.Distinct().ToList(), ImageInventory.FilterValueLimit))
            {
                var live = await Call(() => Builders.FindAsync(ec2, new Filter("instance-id", chunk), cancellationToken)).ConfigureAwait(false);
                found.AddRange(live.Where(i => BuildTags.Value(i.Tags, BuildTags.ImageName) != null));
            }

            return Describe(found);
        }

        public async Task TerminateAsync(BuilderInfo builder, CancellationToken cancellationToken)
        {
            try
            {
                await Builders.TerminateAsync(ec2, new[] { builder.InstanceId }, cancellationToken).ConfigureAwait(false);
                builder.Terminated = true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw AwsErrors.From(e, "TerminateInstances", builder.InstanceId);
            }
        }

        public void Dispose() => ec2.Dispose();

        private IReadOnlyList<BuilderInfo> Describe(IEnumerable<Instance> instances)
        {
            // Deadlines are written in EC2's clock; the listing just read has brought it up to date.
            var now = connection.Clock.UtcNow;
            var overBuilds = new HashSet<string>(
                LeftResourceList.Over(record).Where(r => r.Kind == LeftResource.InstanceKind).Select(r => r.BuildId),
                StringComparer.Ordinal);
            return instances
                .GroupBy(i => i.InstanceId, StringComparer.Ordinal).Select(g => g.First())
                .Select(i => new BuilderInfo
                {
                    InstanceId = i.InstanceId,
                    Name = BuildTags.Value(i.Tags, BuildTags.ImageName) ?? string.Empty,
                    Version = BuildTags.Value(i.Tags, BuildTags.ImageVersion) ?? string.Empty,
                    State = i.State?.Name?.Value ?? string.Empty,
                    LaunchTime = i.LaunchTime?.ToUniversalTime(),
                    BuildId = BuildTags.Value(i.Tags, BuildTags.BuildId),
                    Deadline = BuildTags.Time(i.Tags, BuildTags.Deadline),
                    BuildEnded = BuildTags.Time(i.Tags, BuildTags.BuildEnded),
                    Abandoned = Builders.IsAbandoned(i, now) || overBuilds.Contains(BuildTags.Value(i.Tags, BuildTags.BuildId) ?? string.Empty),
                    Region = connection.Region,
                })
                .OrderBy(b => b.Name, StringComparer.Ordinal).ThenBy(b => b.Version, StringComparer.Ordinal).ThenBy(b => b.LaunchTime)
                .ToList();
        }

        private static async Task<List<Instance>> Call(Func<Task<List<Instance>>> call)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw AwsErrors.From(e, "DescribeInstances", null);
            }
        }
    }
}
