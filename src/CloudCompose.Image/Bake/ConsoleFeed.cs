using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Aws;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// Reads the live console (GetConsoleOutput with Latest) of every builder in flight against one account, endpoint and
    /// region, one call at a time, the builder read longest ago first, within the <see cref="CallBudget"/> it shares with
    /// the poller. A hundred builds are each read less often than one; none more often than <see cref="MinimumInterval"/>.
    /// </summary>
    internal sealed class ConsoleFeed
    {
        private static readonly ConcurrentDictionary<string, ConsoleFeed> Shared = new ConcurrentDictionary<string, ConsoleFeed>();

        private readonly IAmazonEC2 ec2;
        private readonly CallBudget budget;
        private readonly object gate = new object();
        private readonly List<Reader> watches = new List<Reader>();
        private readonly SemaphoreSlim changed = new SemaphoreSlim(0);
        private Task? loop;
        private long reads;

        /// <param name="minimumInterval">No builder's console is read more often than this (default 2 s).</param>
        public ConsoleFeed(IAmazonEC2 ec2, CallBudget budget, TimeSpan? minimumInterval = null)
        {
            this.ec2 = ec2;
            this.budget = budget;
            MinimumInterval = minimumInterval ?? TimeSpan.FromSeconds(2);
        }

        public TimeSpan MinimumInterval { get; }

        /// <summary>Failed reads of one builder (other than throttling) before its live log is given up.</summary>
        private const int FailureLimit = 5;

        public long Reads => Interlocked.Read(ref reads);

        public static ConsoleFeed For(AwsConnection connection) =>
            Shared.GetOrAdd(connection.Key, _ => new ConsoleFeed(connection.CreateEc2Client(), CallBudget.For(connection.Key)));

        /// <summary>
        /// Reads <paramref name="instanceId"/>'s console into <paramref name="console"/> until the returned handle is disposed.
        /// <paramref name="stopped"/> is called once if live reading ends early: the instance type does not give the latest
        /// output (not Nitro), or reads keep failing; the console is then read once the builder has stopped.
        /// </summary>
        public IDisposable Watch(string instanceId, LiveConsole console, Action<string> stopped)
        {
            var watch = new Reader(this, instanceId, console, stopped);
            lock (gate)
            {
                watches.Add(watch);
                if (loop == null || loop.IsCompleted)
                {
                    loop = Task.Run(RunAsync);
                }
            }

            changed.Release();
            return watch;
        }

        private void Remove(Reader watch)
        {
            lock (gate)
            {
                watches.Remove(watch);
            }

            changed.Release();
        }

        private async Task RunAsync()
        {
            while (true)
            {
                Reader? next;
                TimeSpan wait;
                lock (gate)
                {
                    if (watches.Count == 0)
                    {
                        loop = null;
                        return;
                    }

                    var now = DateTime.UtcNow;
                    next = watches.OrderBy(w => w.LastRead).First();
                    wait = next.LastRead + MinimumInterval - now;
                }

                if (wait <= TimeSpan.Zero)
                {
                    wait = budget.UntilNext();
                    if (wait <= TimeSpan.Zero && budget.TryTake())
                    {
                        await ReadAsync(next).ConfigureAwait(false);
                        continue;
                    }
                }

                // A new or finished watch changes what is due; otherwise sleep until the next one is.
                await changed.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
            }
        }

        private async Task ReadAsync(Reader watch)
        {
            watch.LastRead = DateTime.UtcNow;
            try
            {
                Interlocked.Increment(ref reads);
                var response = await ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = watch.InstanceId, Latest = true }, watch.Ending).ConfigureAwait(false);
                watch.Failures = 0;
                if (!string.IsNullOrEmpty(response.Output))
                {
                    watch.Feed(Convert.FromBase64String(response.Output));
                }
            }
            catch (OperationCanceledException) when (watch.Ending.IsCancellationRequested)
            {
                // The build has moved on while this read was under way.
            }
            catch (AmazonEC2Exception e) when (e.ErrorCode == "UnsupportedOperation")
            {
                watch.Stop("its instance type gives the console only after the builder stops (the latest output needs an instance type built on the Nitro System)");
            }
            catch (AmazonEC2Exception e) when (e.ErrorCode == "InvalidInstanceID.NotFound")
            {
                // Eventual consistency right after launch: the builder shows up soon.
            }
            catch (Exception e) when (e is AmazonEC2Exception || e is Amazon.Runtime.AmazonServiceException || e is System.Net.Http.HttpRequestException || e is FormatException)
            {
                if (++watch.Failures >= FailureLimit)
                {
                    watch.Stop($"reading the console failed {FailureLimit} times ({e.Message})");
                }
            }
        }

        private sealed class Reader : IDisposable
        {
            private readonly ConsoleFeed feed;
            private readonly LiveConsole console;
            private readonly Action<string> stopped;
            private readonly CancellationTokenSource ending = new CancellationTokenSource();
            private int done;

            public Reader(ConsoleFeed feed, string instanceId, LiveConsole console, Action<string> stopped)
            {
                this.feed = feed;
                this.console = console;
                this.stopped = stopped;
                InstanceId = instanceId;
            }

            public string InstanceId { get; }

            public DateTime LastRead { get; set; } = DateTime.MinValue;

            public int Failures { get; set; }

            public CancellationToken Ending => ending.Token;

            public void Feed(byte[] bytes)
            {
                if (Volatile.Read(ref done) == 0)
                {
                    console.Feed(bytes);
                }
            }

            public void Stop(string why)
            {
                if (Interlocked.Exchange(ref done, 1) == 0)
                {
                    feed.Remove(this);
                    stopped(why);
                }
            }

            public void Dispose()
            {
                if (Interlocked.Exchange(ref done, 1) == 0)
                {
                    feed.Remove(this);
                    ending.Cancel();
                }
            }
        }
    }
}
