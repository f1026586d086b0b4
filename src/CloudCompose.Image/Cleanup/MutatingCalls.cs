using System;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>
    /// Every mutating EC2 call of retirement and restore: paced by one client-side token bucket, and its failure turned
    /// into the module's error (access problems keep their Aws* id; anything else gets the caller's id).
    /// </summary>
    internal sealed class MutatingCalls
    {
        private readonly TokenBucket bucket;

        public MutatingCalls(double perSecond, int burst) => bucket = new TokenBucket(perSecond, burst);

        public Task TakeAsync(CancellationToken cancellationToken) => bucket.TakeAsync(cancellationToken);

        /// <param name="failure">The start of the error message, e.g. "Could not retire image ami-…".</param>
        public async Task<T> RunAsync<T>(string action, string errorId, string target, string failure, Func<Task<T>> call, CancellationToken cancellationToken)
        {
            await bucket.TakeAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var mapped = AwsErrors.From(e, action, target);
                if (mapped.ErrorId != ErrorIds.AwsRequestFailed)
                {
                    throw mapped;
                }

                throw new CloudComposeException(errorId, mapped.Kind, $"{failure}: {mapped.Message}", target, e);
            }
        }
    }
}
