using System;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>The keep rules and how removal behaves. The defaults are what the cmdlets document.</summary>
    public sealed class RetirementOptions
    {
        public static readonly TimeSpan DefaultMinimumAge = TimeSpan.FromDays(7);

        /// <summary>The newest N available images of each name+version are kept. Never fewer than 1.</summary>
        public int Keep { get; set; } = 1;

        /// <summary>Images younger than this are kept.</summary>
        public TimeSpan MinimumAge { get; set; } = DefaultMinimumAge;

        /// <summary>When set, images whose LastLaunchedTime lies within this span are kept.</summary>
        public TimeSpan? MinimumIdle { get; set; }

        public RetireAction Action { get; set; } = RetireAction.Deregister;

        /// <summary>When set, each image gets the stage its age and idle time have reached instead of <see cref="Action"/>.</summary>
        public LifecycleStages? Stages { get; set; }

        internal bool Staged => Stages != null && !Stages.IsEmpty;

        /// <summary>Deregister only; leave the snapshots.</summary>
        public bool KeepSnapshots { get; set; }

        /// <summary>Also retire public images and images shared with other accounts (their use there cannot be seen).</summary>
        public bool IncludeShared { get; set; }

        /// <summary>Shared images are retired when EC2's image usage reports show no other account uses them.</summary>
        public bool CheckSharedUsage { get; set; }

        /// <summary>A usage report this young (made by an earlier run, or by hand) is reused instead of making a new one.</summary>
        public TimeSpan UsageReportMaxAge { get; set; } = TimeSpan.FromDays(1);

        /// <summary>How long to wait for usage reports; images whose report is not ready by then are kept.</summary>
        public TimeSpan UsageReportTimeout { get; set; } = TimeSpan.FromMinutes(15);

        /// <summary>The first pause between polls of pending reports (doubling up to a minute).</summary>
        public TimeSpan UsageReportPollInterval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>The bake's own image: always kept.</summary>
        public string? ProtectImageId { get; set; }

        /// <summary>The bake's cut-off: images created after this are kept (a concurrent bake's newer image).</summary>
        public DateTime? NotNewerThan { get; set; }

        /// <summary>Client-side token bucket for mutating calls (DeregisterImage, DeleteSnapshot, DisableImage, …).</summary>
        public double MutatingCallsPerSecond { get; set; } = 5;

        public int MutatingBurst { get; set; } = 20;

        /// <summary>The UTC clock ages are measured with.</summary>
        public Func<DateTime> UtcNow { get; set; } = () => DateTime.UtcNow;

        /// <summary>The same rules, but sharing keeps nothing: for choosing which images usage reports should look at.</summary>
        internal RetirementOptions IgnoringSharing()
        {
            var copy = (RetirementOptions)MemberwiseClone();
            copy.IncludeShared = true;
            return copy;
        }

        internal void Validate()
        {
            if (Keep < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(Keep), "Keep must be at least 1.");
            }

            if (MinimumAge < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(MinimumAge), "MinimumAge cannot be negative.");
            }

            Stages?.Validate();
        }
    }
}
