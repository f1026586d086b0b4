using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Aws;

namespace CloudCompose.Image.Bake
{
    /// <summary>The original's <c>down</c>: find and terminate the builders of an image name.</summary>
    public sealed class BuilderRemoval : IDisposable
    {
        private readonly AwsConnection connection;
        private readonly Amazon.EC2.IAmazonEC2 ec2;

        public BuilderRemoval(AwsConnection connection)
        {
            this.connection = connection;
            ec2 = connection.CreateEc2Client();
        }

        public async Task<IReadOnlyList<BuilderInfo>> FindAsync(string imageName, CancellationToken cancellationToken)
        {
            try
            {
                var instances = await Builders.FindByNameAsync(ec2, imageName, cancellationToken).ConfigureAwait(false);
                return instances.Select(i => new BuilderInfo
                {
                    InstanceId = i.InstanceId,
                    Name = imageName,
                    Version = BuildTags.Value(i.Tags, BuildTags.ImageVersion) ?? string.Empty,
                    State = i.State?.Name?.Value ?? string.Empty,
                    LaunchTime = i.LaunchTime,
                    BuildId = BuildTags.Value(i.Tags, BuildTags.BuildId),
                    Region = connection.Region,
                }).ToList();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw AwsErrors.From(e, "DescribeInstances", imageName);
            }
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
    }
}
