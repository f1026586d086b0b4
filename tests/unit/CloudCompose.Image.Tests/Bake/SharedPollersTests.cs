using Amazon.EC2;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Emulator.Admin;
using CloudCompose.Image.Tests.Cleanup;

namespace CloudCompose.Image.Tests.Bake
{
    // SharedPollers is process-wide: these tests count its entries, so they do not run beside each other.
    [Collection(nameof(SharedPollersTests))]
    public class SharedPollersTests
    {
        [Fact]
        public async Task BuildsOfOneAccountShareAPollerUntilTheLastLeaseGoes()
        {
            await using var emulator = await CleanupEmulator.StartAsync();
            var before = SharedPollers.Count;

            var first = await SharedPollers.AcquireAsync(emulator.Connection);
            var second = await SharedPollers.AcquireAsync(Connect(emulator, "AKIDTEST", "secret"));
            Assert.Same(first.Poller, second.Poller);
            Assert.Equal(before + 1, SharedPollers.Count);

            first.Dispose();
            Assert.Equal(before + 1, SharedPollers.Count);
            second.Dispose();
            Assert.Equal(before, SharedPollers.Count);
        }

        [Fact]
        public async Task AnotherAccessKeyGetsItsOwnPoller()
        {
            await using var emulator = await CleanupEmulator.StartAsync();
            using var ours = await SharedPollers.AcquireAsync(emulator.Connection);
            using var theirs = await SharedPollers.AcquireAsync(Connect(emulator, "AKIDOTHERACCOUNT", "other-secret"));

            Assert.NotSame(ours.Poller, theirs.Poller);
        }

        [Fact]
        public async Task TheLastLeaseStopsPollingAndDisposesTheClient()
        {
            await using var emulator = await CleanupEmulator.StartAsync();
            var image = emulator.Image("base", "1", 1);
            var id = emulator.State.Seed(new SeedSpec { Instances = [new SeedInstance { ImageId = image, State = "running" }] }).InstanceIds[0];
            var lease = await SharedPollers.AcquireAsync(emulator.Connection);
            var wait = lease.Poller.WaitForInstanceAsync(id, i => i.State.Name == InstanceStateName.Stopped, null, CancellationToken.None);
            await WaitUntil(() => lease.Poller.DescribeCalls > 0);

            lease.Dispose();

            await Assert.ThrowsAsync<ObjectDisposedException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30)));
            var calls = emulator.State.Count("DescribeInstances");
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.Equal(calls, emulator.State.Count("DescribeInstances"));
            await Assert.ThrowsAsync<ObjectDisposedException>(() => lease.Poller.WaitForInstanceAsync(id, _ => true, null, CancellationToken.None));
        }

        [Fact]
        public async Task TheAccountKeyHoldsNoSecret()
        {
            await using var emulator = await CleanupEmulator.StartAsync();
            var key = await Connect(emulator, "AKIDVISIBLEINKEY", "never-in-a-key").AccountKeyAsync();

            Assert.DoesNotContain("never-in-a-key", key, StringComparison.Ordinal);
            Assert.DoesNotContain("AKIDVISIBLEINKEY", key, StringComparison.Ordinal);
            Assert.StartsWith(emulator.Emulator.ServiceUrl + "|us-east-1|", key, StringComparison.Ordinal);
        }

        private static AwsConnection Connect(CleanupEmulator emulator, string accessKey, string secret) =>
            AwsConnection.Resolve(new AwsConnectionOptions
            {
                EndpointUrl = emulator.Emulator.ServiceUrl.ToString(),
                Region = "us-east-1",
                Keys = new AwsKeys(accessKey, secret),
            });

        private static async Task WaitUntil(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!condition() && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.True(condition(), "the condition did not hold within 30 s");
        }
    }
}
