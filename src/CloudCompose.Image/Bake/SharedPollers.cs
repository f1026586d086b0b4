using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using CloudCompose.Image.Aws;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// The process-wide pollers: builds of any command (and any runspace) that wait in the same account, endpoint and
    /// region share one <see cref="Ec2Poller"/> while any of them holds a lease; the last lease to go disposes the
    /// poller and its EC2 client. The key is the hash of the access key id, asked of the credentials on the caller's
    /// thread pool thread, never on the pipeline thread.
    /// </summary>
    internal static class SharedPollers
    {
        private static readonly object Gate = new object();
        private static readonly Dictionary<string, Entry> Entries = new Dictionary<string, Entry>(StringComparer.Ordinal);

        /// <summary>How many pollers exist now (for tests).</summary>
        internal static int Count
        {
            get
            {
                lock (Gate)
                {
                    return Entries.Count;
                }
            }
        }

        public static async Task<Lease> AcquireAsync(AwsConnection connection)
        {
            var key = await connection.AccountKeyAsync().ConfigureAwait(false);
            lock (Gate)
            {
                if (!Entries.TryGetValue(key, out var entry))
                {
                    // Few SDK retries per poll: the poller's own next tick is the retry, and it backs off on top.
                    Entries[key] = entry = new Entry(new Ec2Poller(connection.CreateEc2Client(maxErrorRetry: 2), CallBudget.For(key)));
                }

                entry.Holders++;
                return new Lease(key, entry.Poller);
            }
        }

        private static void Release(string key)
        {
            Ec2Poller? retired = null;
            lock (Gate)
            {
                if (Entries.TryGetValue(key, out var entry) && --entry.Holders == 0)
                {
                    Entries.Remove(key);
                    retired = entry.Poller;
                }
            }

            retired?.Dispose();
        }

        /// <summary>A build's hold on a shared poller; disposing it lets the poller go once nobody else holds it.</summary>
        internal sealed class Lease : IDisposable
        {
            private readonly string key;
            private bool released;

            internal Lease(string key, Ec2Poller poller)
            {
                this.key = key;
                Poller = poller;
            }

            public Ec2Poller Poller { get; }

            public void Dispose()
            {
                if (!released)
                {
                    released = true;
                    Release(key);
                }
            }
        }

        private sealed class Entry
        {
            public Entry(Ec2Poller poller)
            {
                Poller = poller;
            }

            public Ec2Poller Poller { get; }

            public int Holders { get; set; }
        }
    }
}
