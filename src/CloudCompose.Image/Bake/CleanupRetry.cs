using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// Retries for cleanup calls, with their own budget: the build's token may already be cancelled, and a builder
    /// left running costs more than a few more tries. Throttling, 5xx and network failures are tried again with
    /// jittered exponential backoff (1 s doubling to 8 s) until the budget's token ends; anything else ends at once.
    /// </summary>
    internal static class CleanupRetry
    {
        private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(8);

        [ThreadStatic]
        private static Random? random;

        public static async Task<T> RunAsync<T>(IAmazonEC2 ec2, string action, string target, Func<CancellationToken, Task<T>> call, CancellationToken budget)
        {
            var started = DateTime.UtcNow;
            var delay = TimeSpan.FromSeconds(1);
            CloudComposeException? last = null;
            while (true)
            {
                try
                {
                    return await AwsCall.RunAsync(ec2, action, target, () => call(budget), budget).ConfigureAwait(false);
                }
                catch (CloudComposeException e) when (IsTransient(e))
                {
                    last = e;
                }
                catch (OperationCanceledException) when (budget.IsCancellationRequested)
                {
                    throw GaveUp(ec2, action, target, last, started);
                }

                try
                {
                    random ??= new Random();
                    await Task.Delay(TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (0.5 + random.NextDouble() / 2)), budget).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    throw GaveUp(ec2, action, target, last, started);
                }

                delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
            }
        }

        public static Task RunAsync(IAmazonEC2 ec2, string action, string target, Func<CancellationToken, Task> call, CancellationToken budget) =>
            RunAsync(ec2, action, target, async token =>
            {
                await call(token).ConfigureAwait(false);
                return true;
            }, budget);

        public static bool IsTransient(CloudComposeException e) =>
            e.ErrorId is ErrorIds.AwsThrottled or ErrorIds.AwsServiceUnavailable or ErrorIds.AwsEndpointUnreachable;

        private static CloudComposeException GaveUp(IAmazonEC2 ec2, string action, string target, CloudComposeException? last, DateTime started)
        {
            var tried = DateTime.UtcNow - started;
            return last?.InnerException is { } cause
                ? AwsErrors.From(cause, action, target, new AwsCallInfo(tried, AwsCall.EndpointOf(ec2)))
                : new CloudComposeException(ErrorIds.AwsEndpointUnreachable, ErrorKind.Timeout,
                    $"ec2:{action} got no answer within the {AwsErrors.Describe(tried)} cleanup may take.", target);
        }
    }
}
