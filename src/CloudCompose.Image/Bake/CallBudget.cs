using System;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// The read calls a process may make against one account, endpoint and region while it waits on builds: every
    /// Describe* of the poller and every GetConsoleOutput of the live logs together. The poller's calls come first (they
    /// are charged, even into debt); console reads take what is left, so live logs never slow the detection of a stop.
    /// </summary>
    internal sealed class CallBudget
    {
        private static readonly ConcurrentDictionary<string, CallBudget> Shared = new ConcurrentDictionary<string, CallBudget>();

        private readonly object gate = new object();
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private double tokens;
        private double last;

        public CallBudget(double callsPerSecond)
        {
            if (callsPerSecond <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(callsPerSecond));
            }

            CallsPerSecond = callsPerSecond;
        }

        /// <summary>What a budget made by <see cref="For"/> allows: 2 calls per second for all builds together.</summary>
        public static double DefaultCallsPerSecond { get; set; } = 2;

        public double CallsPerSecond { get; }

        /// <summary>Calls that may go at once after a quiet spell (none at the start: the builds' first lookups come then).</summary>
        private double Burst => Math.Max(1, CallsPerSecond);

        public static CallBudget For(string connectionKey) => Shared.GetOrAdd(connectionKey, _ => new CallBudget(DefaultCallsPerSecond));

        /// <summary>A call that happens whatever the budget says (the poller's). Debt is capped so it is paid off within seconds.</summary>
        public void Charge()
        {
            lock (gate)
            {
                Refill();
                tokens = Math.Max(-4 * Burst, tokens - 1);
            }
        }

        /// <summary>Takes a call if one is left now (console reads).</summary>
        public bool TryTake()
        {
            lock (gate)
            {
                Refill();
                if (tokens < 1)
                {
                    return false;
                }

                tokens -= 1;
                return true;
            }
        }

        /// <summary>How long until <see cref="TryTake"/> can succeed.</summary>
        public TimeSpan UntilNext()
        {
            lock (gate)
            {
                Refill();
                return tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - tokens) / CallsPerSecond);
            }
        }

        private void Refill()
        {
            var now = clock.Elapsed.TotalSeconds;
            tokens = Math.Min(Burst, tokens + ((now - last) * CallsPerSecond));
            last = now;
        }
    }
}
