using System;
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
    /// Serves every wait on an instance or an image with the same DescribeInstances/DescribeImages call, so twenty
    /// builds cost what one does (<see cref="SharedPollers"/> gives builds of one account, endpoint and region the
    /// same poller). The interval starts quick, slows as waits grow long, and backs off further after throttling.
    /// Disposing it stops polling and disposes the client it was given.
    /// </summary>
    internal sealed class Ec2Poller : IDisposable
    {
        /// <summary>EC2 accepts at most 200 values in one filter.</summary>
        private const int FilterValueLimit = 200;

        private readonly IAmazonEC2 ec2;
        private readonly CancellationTokenSource disposed = new CancellationTokenSource();
        private readonly CallBudget? budget;
        private readonly object gate = new object();
        private readonly List<Watch<Instance>> instances = new List<Watch<Instance>>();
        private readonly List<Watch<Amazon.EC2.Model.Image>> images = new List<Watch<Amazon.EC2.Model.Image>>();
        private Task? loop;
        private double backoff = 1;
        private DateTime lastImagePoll = DateTime.MinValue;
        private long describeCalls;

        /// <param name="budget">Charged for every Describe call, so live console reads take only what the poller leaves.</param>
        public Ec2Poller(IAmazonEC2 ec2, CallBudget? budget = null)
        {
            this.ec2 = ec2;
            this.budget = budget;
        }

        /// <summary>The interval while an instance's stop is due (it is stopping, or its script has reported): stop detection is the critical path.</summary>
        public static TimeSpan StopDueInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>How long a resource may stay invisible after it was created (EC2 is eventually consistent).</summary>
        public static TimeSpan NotFoundGrace { get; set; } = TimeSpan.FromMinutes(2);

        public long DescribeCalls => Interlocked.Read(ref describeCalls);

        /// <summary>How long polling may keep failing before a wait gives up, unless the wait says otherwise.</summary>
        public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

        /// <summary>A tenth of a wait's timeout, between 10 s and 5 min: a long build rides out a longer blip.</summary>
        public static TimeSpan ToleranceFor(TimeSpan timeout) =>
            TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(10).Ticks, Math.Min(DefaultTolerance.Ticks, timeout.Ticks / 10)));

        /// <summary>The instance's stop is due (its script has reported its result): it is polled at <see cref="StopDueInterval"/> until it has stopped.</summary>
        public void ExpectStop(string instanceId)
        {
            lock (gate)
            {
                foreach (var watch in instances.Where(w => w.Id == instanceId))
                {
                    watch.StopDue = true;
                }
            }
        }

        /// <summary>The interval for a wait that has lasted <paramref name="age"/>.</summary>
        public static TimeSpan IntervalFor(TimeSpan age) =>
            age < TimeSpan.FromMinutes(10) ? TimeSpan.FromSeconds(2)
            : age < TimeSpan.FromMinutes(30) ? TimeSpan.FromSeconds(4)
            : TimeSpan.FromSeconds(8);

        /// <param name="tolerance">How long polling may keep failing (throttled, 5xx, unreachable) before this wait fails with the mapped error.</param>
        public Task<Instance> WaitForInstanceAsync(string instanceId, Func<Instance, bool> done, Action<Instance>? seen, CancellationToken cancellationToken, TimeSpan? tolerance = null) =>
            Add(instances, new Watch<Instance>(instanceId, done, seen, tolerance ?? DefaultTolerance), cancellationToken);

        /// <summary>
        /// Waits until an instance has shut down (stopped, or is being terminated), and says when it was first seen
        /// leaving running, on <paramref name="clock"/>: a stop at or past the deadline is its watchdog's.
        /// </summary>
        public async Task<(Instance Instance, DateTime SeenStopping)> WaitForShutdownAsync(
            string instanceId, Ec2Clock clock, Action<Instance>? seen, CancellationToken cancellationToken, TimeSpan tolerance)
        {
            DateTime? stopping = null;
            var instance = await WaitForInstanceAsync(
                instanceId,
                i => i.State?.Name is { } s && (s == InstanceStateName.Stopped || s == InstanceStateName.Terminated || s == InstanceStateName.ShuttingDown),
                i =>
                {
                    if (stopping == null && i.State?.Name is { } s && s != InstanceStateName.Pending && s != InstanceStateName.Running)
                    {
                        stopping = clock.UtcNow;
                    }

                    seen?.Invoke(i);
                },
                cancellationToken,
                tolerance).ConfigureAwait(false);
            return (instance, stopping ?? clock.UtcNow);
        }

        public Task<Amazon.EC2.Model.Image> WaitForImageAsync(string imageId, Func<Amazon.EC2.Model.Image, bool> done, Action<Amazon.EC2.Model.Image>? seen, CancellationToken cancellationToken, TimeSpan? tolerance = null) =>
            Add(images, new Watch<Amazon.EC2.Model.Image>(imageId, done, seen, tolerance ?? DefaultTolerance), cancellationToken);

        private Task<T> Add<T>(List<Watch<T>> list, Watch<T> watch, CancellationToken cancellationToken)
        {
            watch.Registration = cancellationToken.Register(() =>
            {
                lock (gate)
                {
                    list.Remove(watch);
                }

                watch.Completion.TrySetCanceled(cancellationToken);
            });

            lock (gate)
            {
                if (disposed.IsCancellationRequested)
                {
                    watch.Registration.Dispose();
                    watch.Completion.TrySetException(new ObjectDisposedException(nameof(Ec2Poller)));
                    return watch.Completion.Task;
                }

                list.Add(watch);
                if (loop == null || loop.IsCompleted)
                {
                    loop = Task.Run(RunAsync);
                }
            }

            return watch.Completion.Task;
        }

        public void Dispose()
        {
            lock (gate)
            {
                if (disposed.IsCancellationRequested)
                {
                    return;
                }

                disposed.Cancel();
            }

            FailWhere(_ => true, new ObjectDisposedException(nameof(Ec2Poller)));
            ec2.Dispose();
        }

        private async Task RunAsync()
        {
            try
            {
                await PollAsync(disposed.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (disposed.IsCancellationRequested)
            {
                // Disposed: nobody is waiting any more.
            }
        }

        private async Task PollAsync(CancellationToken stop)
        {
            // A new wait gets its first answer quickly; the steady interval follows.
            await Task.Delay(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
            var failures = 0;
            var failingSince = DateTime.UtcNow;
            while (true)
            {
                Watch<Instance>[] instanceWatches;
                Watch<Amazon.EC2.Model.Image>[] imageWatches;
                lock (gate)
                {
                    instanceWatches = instances.ToArray();
                    imageWatches = images.ToArray();
                    if (instanceWatches.Length == 0 && imageWatches.Length == 0)
                    {
                        loop = null;
                        return;
                    }
                }

                var action = "DescribeInstances";
                var ids = instanceWatches.Select(w => w.Id).Distinct().ToList();
                try
                {
                    if (instanceWatches.Length > 0)
                    {
                        var found = await DescribeInstancesAsync(ids, stop).ConfigureAwait(false);
                        Deliver(instances, instanceWatches, found);
                    }

                    // Images take minutes and their lag is not on the critical path: they are polled half as often.
                    if (imageWatches.Length > 0 && (instanceWatches.Length == 0 || DateTime.UtcNow - lastImagePoll >= TimeSpan.FromSeconds(3)))
                    {
                        lastImagePoll = DateTime.UtcNow;
                        action = "DescribeImages";
                        ids = imageWatches.Select(w => w.Id).Distinct().ToList();
                        var found = await DescribeImagesAsync(ids, stop).ConfigureAwait(false);
                        Deliver(images, imageWatches, found);
                    }

                    failures = 0;
                    backoff = Math.Max(1, backoff / 2);
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    if (failures++ == 0)
                    {
                        failingSince = DateTime.UtcNow;
                    }

                    // The SDK has already retried with jitter; after throttling the poller slows down on top of that.
                    var throttled = e is AmazonEC2Exception service && (AwsErrors.IsThrottling(service.ErrorCode) || (int)service.StatusCode >= 500);
                    if (throttled)
                    {
                        backoff = Math.Min(8, backoff * 2);
                    }

                    // A refusal that no wait will outlast (credentials, permissions) ends every wait after three tries; a
                    // transient one ends each wait once it has lasted longer than that wait tolerates.
                    var failing = DateTime.UtcNow - failingSince;
                    if (failures >= 3)
                    {
                        var error = AwsErrors.From(e, action, string.Join(", ", ids), new AwsCallInfo(failing, AwsCall.EndpointOf(ec2)));
                        FailWhere(w => !AwsErrors.IsTransient(e) || failing >= w, error);
                    }
                }

                var interval = NextInterval(instanceWatches.Select(w => w.Since).Concat(imageWatches.Select(w => w.Since)));
                if (instanceWatches.Any(w => w.StopDue) && interval > StopDueInterval)
                {
                    interval = StopDueInterval;
                }

                await Task.Delay(interval, stop).ConfigureAwait(false);
            }
        }

        private TimeSpan NextInterval(IEnumerable<DateTime> since)
        {
            var now = DateTime.UtcNow;
            var youngest = since.Select(s => now - s).DefaultIfEmpty(TimeSpan.Zero).Min();
            return TimeSpan.FromMilliseconds(IntervalFor(youngest).TotalMilliseconds * backoff);
        }

        private void Deliver<T>(List<Watch<T>> list, IEnumerable<Watch<T>> watches, IDictionary<string, T> found)
        {
            var now = DateTime.UtcNow;
            foreach (var watch in watches)
            {
                if (found.TryGetValue(watch.Id, out var item))
                {
                    if (item is Instance { State.Name: var state } && (state == InstanceStateName.Stopping || state == InstanceStateName.ShuttingDown))
                    {
                        watch.StopDue = true;
                    }

                    watch.Seen?.Invoke(item);
                    if (watch.Done(item))
                    {
                        Complete(list, watch, () => watch.Completion.TrySetResult(item));
                    }
                }
                else if (now - watch.Since > NotFoundGrace)
                {
                    Complete(list, watch, () => watch.Completion.TrySetException(new ResourceVanishedException(watch.Id)));
                }
            }
        }

        private void Complete<T>(List<Watch<T>> list, Watch<T> watch, Action complete)
        {
            lock (gate)
            {
                list.Remove(watch);
            }

            watch.Registration.Dispose();
            complete();
        }

        private void FailWhere(Func<TimeSpan, bool> givesUp, Exception e)
        {
            Watch<Instance>[] instanceWatches;
            Watch<Amazon.EC2.Model.Image>[] imageWatches;
            lock (gate)
            {
                instanceWatches = instances.Where(w => givesUp(w.Tolerance)).ToArray();
                imageWatches = images.Where(w => givesUp(w.Tolerance)).ToArray();
            }

            foreach (var watch in instanceWatches)
            {
                Complete(instances, watch, () => watch.Completion.TrySetException(e));
            }

            foreach (var watch in imageWatches)
            {
                Complete(images, watch, () => watch.Completion.TrySetException(e));
            }
        }

        private async Task<IDictionary<string, Instance>> DescribeInstancesAsync(IList<string> ids, CancellationToken stop)
        {
            var result = new Dictionary<string, Instance>();
            foreach (var chunk in Chunk(ids))
            {
                // A filter, not InstanceIds: one id not visible yet must not fail the call for everyone.
                var request = new DescribeInstancesRequest { Filters = new List<Filter> { new Filter("instance-id", chunk) } };
                string? next = null;
                do
                {
                    request.NextToken = next;
                    Interlocked.Increment(ref describeCalls);
                    budget?.Charge();
                    var response = await ec2.DescribeInstancesAsync(request, stop).ConfigureAwait(false);
                    foreach (var instance in (response.Reservations ?? new List<Reservation>()).SelectMany(r => r.Instances ?? new List<Instance>()))
                    {
                        result[instance.InstanceId] = instance;
                    }

                    next = response.NextToken;
                }
                while (!string.IsNullOrEmpty(next));
            }

            return result;
        }

        private async Task<IDictionary<string, Amazon.EC2.Model.Image>> DescribeImagesAsync(IList<string> ids, CancellationToken stop)
        {
            var result = new Dictionary<string, Amazon.EC2.Model.Image>();
            foreach (var chunk in Chunk(ids))
            {
                Interlocked.Increment(ref describeCalls);
                budget?.Charge();
                var response = await ec2.DescribeImagesAsync(new DescribeImagesRequest
                {
                    Owners = new List<string> { "self" },
                    Filters = new List<Filter> { new Filter("image-id", chunk) },
                }, stop).ConfigureAwait(false);
                foreach (var image in response.Images ?? new List<Amazon.EC2.Model.Image>())
                {
                    result[image.ImageId] = image;
                }
            }

            return result;
        }

        private static IEnumerable<List<string>> Chunk(IList<string> ids)
        {
            for (var i = 0; i < ids.Count; i += FilterValueLimit)
            {
                yield return ids.Skip(i).Take(FilterValueLimit).ToList();
            }
        }

        private sealed class Watch<T>
        {
            public Watch(string id, Func<T, bool> done, Action<T>? seen, TimeSpan tolerance)
            {
                Id = id;
                Done = done;
                Seen = seen;
                Tolerance = tolerance;
            }

            public TimeSpan Tolerance { get; }

            public string Id { get; }

            public Func<T, bool> Done { get; }

            public Action<T>? Seen { get; }

            public DateTime Since { get; } = DateTime.UtcNow;

            /// <summary>An instance whose stop is due: stopping, or its script has reported.</summary>
            public bool StopDue { get; set; }

            public CancellationTokenRegistration Registration { get; set; }

            public TaskCompletionSource<T> Completion { get; } = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
