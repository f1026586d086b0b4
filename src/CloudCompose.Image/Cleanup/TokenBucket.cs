using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>
    /// A client-side token bucket in front of mutating EC2 calls, so a large cleanup stays under the account's
    /// mutating-action rate instead of leaning on throttling errors (which the SDK still retries).
    /// </summary>
    internal sealed class TokenBucket
    {
        private readonly object gate = new object();
        private readonly double capacity;
        private readonly double perSecond;
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private double tokens;
        private double last;

        public TokenBucket(double perSecond, int capacity)
        {
            if (perSecond <= 0 || capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(perSecond), "The rate and capacity must be positive.");
            }

            this.perSecond = perSecond;
            this.capacity = capacity;
            tokens = capacity;
        }

        public async Task TakeAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan wait;
                lock (gate)
                {
                    var now = clock.Elapsed.TotalSeconds;
                    tokens = Math.Min(capacity, tokens + ((now - last) * perSecond));
                    last = now;
                    if (tokens >= 1)
                    {
                        tokens -= 1;
                        return;
                    }

                    wait = TimeSpan.FromSeconds((1 - tokens) / perSecond);
                }

                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
