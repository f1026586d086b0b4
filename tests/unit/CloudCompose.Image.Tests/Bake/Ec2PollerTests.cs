using Amazon.EC2;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Tests.Cleanup;
using CloudCompose.Image.Emulator.Admin;

namespace CloudCompose.Image.Tests.Bake
{
    // NotFoundGrace is process-wide; these tests change it, so they do not run beside each other.
    [Collection(nameof(Ec2PollerTests))]
    public class Ec2PollerTests
    {
        [Fact]
        public async Task OneDescribeCallServesEveryWaitingBuild()
        {
            await using var emulator = await CleanupEmulator.StartAsync();
            var image = emulator.Image("base", "1", 1);
            var ids = emulator.State.Seed(new SeedSpec { Instances = [new SeedInstance { ImageId = image, State = "stopped", Count = 5 }] }).InstanceIds;
            emulator.State.ResetCounters();
            var poller = new Ec2Poller(emulator.Connection.CreateEc2Client());

            var waits = ids.Select(id => poller.WaitForInstanceAsync(id, i => i.State.Name == InstanceStateName.Stopped, null, CancellationToken.None)).ToList();
            var stopped = await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(ids.OrderBy(i => i), stopped.Select(i => i.InstanceId).OrderBy(i => i));
            Assert.Equal(1, emulator.State.Count("DescribeInstances"));
            Assert.Equal(1, poller.DescribeCalls);
        }

        [Fact]
        public async Task AnInstanceThatNeverAppearsEndsTheWaitAfterTheGrace()
        {
            var saved = Ec2Poller.NotFoundGrace;
            Ec2Poller.NotFoundGrace = TimeSpan.FromSeconds(1);
            try
            {
                await using var emulator = await CleanupEmulator.StartAsync();
                var poller = new Ec2Poller(emulator.Connection.CreateEc2Client());
                var wait = poller.WaitForInstanceAsync("i-0123456789abcdef0", _ => true, null, CancellationToken.None);
                var e = await Assert.ThrowsAsync<ResourceVanishedException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30)));
                Assert.Equal("i-0123456789abcdef0", e.Id);
            }
            finally
            {
                Ec2Poller.NotFoundGrace = saved;
            }
        }

        [Fact]
        public async Task ACancelledWaitStopsPolling()
        {
            await using var emulator = await CleanupEmulator.StartAsync();
            var image = emulator.Image("base", "1", 1);
            var id = emulator.State.Seed(new SeedSpec { Instances = [new SeedInstance { ImageId = image, State = "running" }] }).InstanceIds[0];
            var poller = new Ec2Poller(emulator.Connection.CreateEc2Client());
            using var cancel = new CancellationTokenSource();
            var seen = 0;

            var wait = poller.WaitForInstanceAsync(id, i => i.State.Name == InstanceStateName.Stopped, _ => Interlocked.Increment(ref seen), cancel.Token);
            await WaitUntil(() => Volatile.Read(ref seen) > 0);
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
            var callsAtCancel = poller.DescribeCalls;
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.True(poller.DescribeCalls <= callsAtCancel + 1, $"{poller.DescribeCalls - callsAtCancel} calls after the only wait was cancelled");
        }

        [Theory]
        [InlineData(0, 2)]
        [InlineData(9, 2)]
        [InlineData(10, 4)]
        [InlineData(29, 4)]
        [InlineData(45, 8)]
        public void TheIntervalSlowsAsAWaitGrowsLong(int minutes, int seconds) =>
            Assert.Equal(TimeSpan.FromSeconds(seconds), Ec2Poller.IntervalFor(TimeSpan.FromMinutes(minutes)));

        private static async Task WaitUntil(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!condition() && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.True(condition(), "the condition did not come true within 30 s");
        }
    }
}
