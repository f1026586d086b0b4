using System;

namespace CloudCompose.Image.Bake
{
    /// <summary>How a bake behaves; the defaults are what the cmdlet documents.</summary>
    internal sealed class BakeOptions
    {
        /// <summary>From launch until the builder has stopped (the script's whole run). The builder's watchdog uses it too.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(60);

        /// <summary>From CreateImage until the image is available.</summary>
        public TimeSpan ImageTimeout { get; set; } = TimeSpan.FromMinutes(60);

        /// <summary>How long to wait for the result marker to reach the console after the builder stopped.</summary>
        public TimeSpan ConsoleTimeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>Time allowed for terminating the builder and removing a failed image once the build has ended or been cancelled.</summary>
        public TimeSpan CleanupTimeout { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>Ends cleanup early (a stop signal bounds the whole stop); cleanup never observes the build's own token.</summary>
        public System.Threading.CancellationToken CleanupCancellation { get; set; }

        /// <summary>Where what a build makes is recorded until it is removed; null records nothing.</summary>
        public LeftBehind.LeftResourceRecord? Record { get; set; } = LeftBehind.LeftResourceRecord.ForCurrentUser();

        /// <summary>After the watchdog's deadline, how long a builder may take to be seen stopped before the bake stops waiting.</summary>
        public TimeSpan StopGrace { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Trust the builder's stop as success (for AMIs without a serial console).</summary>
        public bool SkipScriptCheck { get; set; }

        public bool KeepBuilderOnFailure { get; set; }

        /// <summary>Send only a shebang and shutdown, as the original did with rendering switched off.</summary>
        public bool NoTemplate { get; set; }

        /// <summary>Skip retiring older unused images after a successful build.</summary>
        public bool NoCleanup { get; set; }

        /// <summary>From launching the test instance until it has stopped (image.test's whole run; its watchdog uses it too).</summary>
        public TimeSpan TestTimeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>Publish without running image.test (emergencies); a warning says so.</summary>
        public bool SkipTest { get; set; }

        /// <summary>When image.test fails, disable and tag the image instead of deregistering it.</summary>
        public bool KeepFailedImage { get; set; }

        /// <summary>How long each SSM parameter may take to validate (Parameter Store checks aws:ec2:image values asynchronously).</summary>
        public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>Where to save the builder's console output; null keeps it only on the result.</summary>
        public string? LogPath { get; set; }

        /// <summary>Build even when an available image has the same fingerprint.</summary>
        public bool Force { get; set; }

        /// <summary>Reuse an image of the same fingerprint only when it is younger than this; null reuses any.</summary>
        public TimeSpan? MaxAge { get; set; }

        /// <summary>Warn instead of failing when the rendered user data carries secrets.</summary>
        public bool AllowSecretInUserData { get; set; }

        /// <summary>Read the builder's console while it runs (GetConsoleOutput Latest, within the shared budget); false reads it once it has stopped.</summary>
        public bool LiveLog { get; set; } = true;

        /// <summary>The environment the templates were rendered with (for the secret guard); null is the process's.</summary>
        public System.Collections.IDictionary? Environment { get; set; }

        /// <summary>The UTC clock used for the AMI name's timestamp.</summary>
        public Func<DateTime> UtcNow { get; set; } = () => DateTime.UtcNow;
    }
}
