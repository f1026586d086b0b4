using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;

namespace CloudCompose.Image.Aws
{
    /// <summary>
    /// EC2's clock, as its answers' Date headers tell it. Build deadlines are EC2 times: the builder's watchdog reads its
    /// own clock (synced to EC2's), so a local clock that is off must not make the watchdog fire early or late. Until a
    /// first answer arrives this is the local clock. One clock per endpoint, fed by every client the module creates.
    /// </summary>
    internal sealed class Ec2Clock
    {
        private static readonly ConcurrentDictionary<string, Ec2Clock> Shared = new ConcurrentDictionary<string, Ec2Clock>(StringComparer.Ordinal);
        private readonly object gate = new object();
        private DateTime sampled = DateTime.MinValue;
        private long sampledAt;

        public static Ec2Clock For(string endpoint) => Shared.GetOrAdd(endpoint, _ => new Ec2Clock());

        /// <summary>EC2's now: the latest Date header plus the local time elapsed since it arrived.</summary>
        public DateTime UtcNow
        {
            get
            {
                lock (gate)
                {
                    return sampled == DateTime.MinValue ? DateTime.UtcNow : sampled + Elapsed(sampledAt);
                }
            }
        }

        /// <summary>How long ago EC2 last said what time it is; <see cref="TimeSpan.MaxValue"/> before it ever did.</summary>
        public TimeSpan SampleAge
        {
            get
            {
                lock (gate)
                {
                    return sampled == DateTime.MinValue ? TimeSpan.MaxValue : Elapsed(sampledAt);
                }
            }
        }

        internal void Attach(AmazonServiceClient client) => client.AfterResponseEvent += OnResponse;

        internal void Observe(DateTime serverUtc)
        {
            lock (gate)
            {
                // The header has whole seconds: the middle of that second is the best guess of when it was written.
                sampled = serverUtc.AddMilliseconds(500);
                sampledAt = Stopwatch.GetTimestamp();
            }
        }

        private void OnResponse(object sender, ResponseEventArgs e)
        {
            if (e is WebServiceResponseEventArgs web && web.ResponseHeaders != null)
            {
                foreach (var header in web.ResponseHeaders)
                {
                    if (string.Equals(header.Key, "Date", StringComparison.OrdinalIgnoreCase)
                        && DateTime.TryParseExact(header.Value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
                    {
                        Observe(DateTime.SpecifyKind(date, DateTimeKind.Utc));
                        return;
                    }
                }
            }
        }

        private static TimeSpan Elapsed(long since) =>
            TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - since) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
    }
}
