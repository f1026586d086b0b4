using System.Diagnostics;
using CloudCompose.Image.LeftBehind;

namespace CloudCompose.Image.Tests.LeftBehind
{
    public sealed class LeftResourceRecordTests : IDisposable
    {
        private readonly TempFolder folder = new();

        public void Dispose() => folder.Dispose();

        private LeftResourceRecord Record() => new(Path.Combine(folder.Path, "state", LeftResourceRecord.FileName));

        private static LeftResource Builder(string buildId, string? id = null) =>
            LeftResourceRecord.Owned(new LeftResource { Kind = LeftResource.InstanceKind, Id = id, BuildId = buildId, Region = "us-east-1", Name = "web", Version = "1.0" });

        [Fact]
        public void AnAbsentRecordReadsEmptyAndIsNotCreatedByReading()
        {
            var record = Record();
            Assert.Empty(record.Read());
            record.Forget(_ => true);
            Assert.False(File.Exists(record.Path));
        }

        [Fact]
        public void TrackUpdateAndForgetSurviveAnotherInstanceOfTheRecord()
        {
            Record().Track(Builder("b1"));
            Assert.True(Record().Update(r => r.BuildId == "b1", r => r.Id = "i-0123456789abcdef0"));
            Record().Track(Builder("b1", "i-0123456789abcdef0"));
            var entry = Assert.Single(Record().Read());
            Assert.Equal("i-0123456789abcdef0", entry.Id);
            Assert.Equal(Environment.ProcessId, entry.OwnerProcessId);
            Record().Forget(r => r.BuildId == "b1");
            Assert.Empty(Record().Read());
        }

        [Fact]
        public async Task ConcurrentWritersLoseNothing()
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(() =>
            {
                for (var i = 0; i < 15; i++)
                {
                    Record().Track(Builder($"w{w}-{i}", $"i-{w:x8}{i:x9}"));
                }
            })));
            Assert.Equal(120, Record().Read().Count);
        }

        [Fact]
        public void ADamagedRecordIsKeptAsideAndAFreshOneStarted()
        {
            var record = Record();
            Directory.CreateDirectory(Path.GetDirectoryName(record.Path)!);
            File.WriteAllText(record.Path, "{ not json");
            record.Track(Builder("b2"));
            Assert.Single(record.Read());
            Assert.Equal("{ not json", File.ReadAllText(record.Path + ".damaged"));
        }

        [Fact]
        public void AnEntryOfThisProcessIsOwnedByARunningProcessAndOneOfAnEndedProcessIsNot()
        {
            Assert.True(LeftResourceRecord.OwnerRuns(Builder("mine")));
            using var ended = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
            ended.WaitForExit();
            var orphan = Builder("theirs");
            orphan.OwnerProcessId = ended.Id;
            orphan.OwnerStartedUtc = DateTime.UtcNow.AddMinutes(-1);
            Assert.False(LeftResourceRecord.OwnerRuns(orphan));
        }

        [Fact]
        public void TheStateFolderComesFromTheEnvironmentFirst()
        {
            var saved = Environment.GetEnvironmentVariable(LeftResourceRecord.StateDirectoryVariable);
            try
            {
                Environment.SetEnvironmentVariable(LeftResourceRecord.StateDirectoryVariable, folder.Path);
                Assert.Equal(Path.Combine(folder.Path, LeftResourceRecord.FileName), LeftResourceRecord.ForCurrentUser().Path);
                Environment.SetEnvironmentVariable(LeftResourceRecord.StateDirectoryVariable, null);
                Assert.EndsWith(Path.Combine("CloudCompose.Image", LeftResourceRecord.FileName), LeftResourceRecord.ForCurrentUser().Path);
            }
            finally
            {
                Environment.SetEnvironmentVariable(LeftResourceRecord.StateDirectoryVariable, saved);
            }
        }

        [Fact]
        public async Task EntriesOfALocalEndpointThatNoLongerListensAreForgottenAndOthersReportedUnchecked()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var record = Record();
            var gone = Builder("emulator-gone", "i-0123456789abcdef0");
            gone.Endpoint = $"http://127.0.0.1:{port}/";
            gone.Status = LeftResource.Left;
            var elsewhere = Builder("real-aws", "i-0fedcba9876543210");
            elsewhere.Status = LeftResource.Left;
            record.Track(gone);
            record.Track(elsewhere);

            var report = await LeftResourceCheck.RunAsync(record, null, TimeSpan.FromSeconds(5), CancellationToken.None);

            var only = Assert.Single(report);
            Assert.Equal("real-aws", only.Resource.BuildId);
            Assert.Null(only.State);
            Assert.Contains("other credentials", only.UncheckedBecause);
            Assert.Equal("real-aws", Assert.Single(record.Read()).BuildId);
        }

        [Theory]
        [InlineData(LeftResource.InstanceKind, null, "Remove-CloudComposeImageBuilder -Name 'it''s' -Region us-east-1")]
        [InlineData(LeftResource.ImageKind, null, "aws ec2 deregister-image --region us-east-1 --image-id ami-0123456789abcdef0 --delete-associated-snapshots")]
        [InlineData(LeftResource.SnapshotKind, "http://127.0.0.1:5000/", "aws ec2 delete-snapshot --region us-east-1 --snapshot-id ami-0123456789abcdef0 --endpoint-url http://127.0.0.1:5000/")]
        public void EachKindHasTheCommandThatRemovesIt(string kind, string? endpoint, string command) =>
            Assert.Equal(command, RemovalCommand.For(new LeftResource { Kind = kind, Id = "ami-0123456789abcdef0", Name = "it's", Region = "us-east-1", Endpoint = endpoint }));
    }
}
