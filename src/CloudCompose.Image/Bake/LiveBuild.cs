using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Aws;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// One build's console while it runs: the live reads (unless -NoLiveLog), the lines they yield on their way to the
    /// Information stream and -LogPath, and the result marker as soon as a read shows it.
    /// </summary>
    internal sealed class LiveBuild : IDisposable
    {
        private readonly AwsConnection connection;
        private readonly BakeOptions options;
        private readonly IBuildObserver observer;
        private IDisposable? watch;

        public LiveBuild(AwsConnection connection, BuildPlan plan, BakeOptions options, BakeBatch batch, IBuildObserver observer)
        {
            this.connection = connection;
            this.options = options;
            this.observer = observer;
            Log = CreateLog(plan, options, batch, observer);
            Console = new LiveConsole(plan.Token, Log);
        }

        public BuildLog Log { get; }

        public LiveConsole Console { get; }

        /// <summary>A log that cannot be written is worth a warning, not the build.</summary>
        private static BuildLog CreateLog(BuildPlan plan, BakeOptions options, BakeBatch batch, IBuildObserver observer)
        {
            var config = plan.Config;
            if (options.LogPath == null)
            {
                return new BuildLog(config.Name, config.Version, observer, null);
            }

            try
            {
                return new BuildLog(config.Name, config.Version, observer, batch.ClaimLogPath(options.LogPath, config.Name, config.Version));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
            {
                observer.Warning($"Could not write the builder's console to -LogPath {options.LogPath}: {e.Message} Give -LogPath a file in a folder you can write to.");
                return new BuildLog(config.Name, config.Version, observer, null);
            }
        }

        /// <summary>The builder is launched: its console is read from now on.</summary>
        public void Launched(string instanceId)
        {
            Log.InstanceId = instanceId;
            if (options.LiveLog)
            {
                watch = ConsoleFeed.For(connection).Watch(instanceId, Console, why =>
                    observer.Verbose($"Builder {instanceId}: no live log, {why}; its lines follow once it has stopped."));
            }
        }

        /// <summary>
        /// Completes when the live log shows a result marker that ends the build: a failing exit code or the watchdog.
        /// A successful marker only tells <paramref name="expectStop"/> that the stop is due.
        /// </summary>
        public async Task<ScriptOutcome> FailingMarkerAsync(Action expectStop, CancellationToken cancellationToken)
        {
            var outcome = await Console.Marker.ConfigureAwait(false);
            if (outcome.Succeeded)
            {
                expectStop();
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }

            return outcome;
        }

        /// <summary>The builder has stopped (or the build ends): no more live reads.</summary>
        public void StopWatching()
        {
            watch?.Dispose();
            watch = null;
        }

        public void Dispose()
        {
            StopWatching();
            Console.Finish();
            Log.Dispose();
        }
    }
}
