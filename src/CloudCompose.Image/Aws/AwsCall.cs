using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Aws
{
    /// <summary>
    /// One EC2 call with the module's error mapping: the caller's own cancellation passes through as is; everything
    /// else (an HttpClient timeout included) becomes a <see cref="CloudComposeException"/> that says how long the SDK
    /// tried and which endpoint it called.
    /// </summary>
    internal static class AwsCall
    {
        public static async Task<T> RunAsync<T>(IAmazonEC2 ec2, string action, string? target, Func<Task<T>> call, CancellationToken cancellationToken)
        {
            var started = DateTime.UtcNow;
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                throw AwsErrors.From(e, action, target, new AwsCallInfo(DateTime.UtcNow - started, EndpointOf(ec2)));
            }
        }

        public static Task RunAsync(IAmazonEC2 ec2, string action, string? target, Func<Task> call, CancellationToken cancellationToken) =>
            RunAsync(ec2, action, target, async () =>
            {
                await call().ConfigureAwait(false);
                return true;
            }, cancellationToken);

        /// <summary>The URL the client sends to: -EndpointUrl as given, or what the SDK resolves for the region.</summary>
        public static string? EndpointOf(IAmazonEC2 ec2)
        {
            try
            {
                if (!string.IsNullOrEmpty(ec2.Config.ServiceURL))
                {
                    return ec2.Config.ServiceURL;
                }

                return (ec2 as AmazonEC2Client)?.DetermineServiceOperationEndpoint(new DescribeRegionsRequest())?.URL;
            }
            catch (Exception)
            {
                return null;
            }
        }
    }
}
