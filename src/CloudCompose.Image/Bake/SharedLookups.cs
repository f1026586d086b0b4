using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// Read-only lookups that every build in the process would otherwise repeat (the source AMI, the live
    /// builders): one call answers all builds that ask within a short time. Concurrent askers share the call in flight.
    /// </summary>
    internal sealed class SharedLookups<T>
    {
        private readonly ConcurrentDictionary<string, Entry> entries = new ConcurrentDictionary<string, Entry>();
        private readonly TimeSpan lifetime;

        public SharedLookups(TimeSpan lifetime)
        {
            this.lifetime = lifetime;
        }

        /// <summary>
        /// The lookup runs without the caller's token, since other builds may be waiting on it; each caller
        /// stops waiting when its own token is cancelled.
        /// </summary>
        public async Task<T> GetAsync(string key, Func<Task<T>> lookup, CancellationToken cancellationToken)
        {
            var entry = entries.GetOrAdd(key, _ => new Entry(lookup(), DateTime.UtcNow + lifetime));
            var failed = entry.Value.IsFaulted || entry.Value.IsCanceled;
            if (failed || entry.Expires < DateTime.UtcNow)
            {
                // A failure is shared only with the callers that were already waiting; stale answers are refreshed.
                ((ICollection<KeyValuePair<string, Entry>>)entries).Remove(new KeyValuePair<string, Entry>(key, entry));
                entry = entries.GetOrAdd(key, _ => new Entry(lookup(), DateTime.UtcNow + lifetime));
            }

            var cancelled = new TaskCompletionSource<bool>();
            using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
            {
                await Task.WhenAny(entry.Value, cancelled.Task).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return await entry.Value.ConfigureAwait(false);
        }

        private sealed class Entry
        {
            public Entry(Task<T> value, DateTime expires)
            {
                Value = value;
                Expires = expires;
            }

            public Task<T> Value { get; }

            public DateTime Expires { get; }
        }
    }
}
