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

        /// <summary>The bake's own image: always kept.</summary>
        public string? ProtectImageId { get; set; }

        /// <summary>The bake's cut-off: images created after this are kept (a concurrent bake's newer image).</summary>
        public DateTime? NotNewerThan { get; set; }

        /// <summary>Client-side token bucket for mutating calls (DeregisterImage, DeleteSnapshot, DisableImage, …).</summary>
        public double MutatingCallsPerSecond { get; set; } = 5;

        public int MutatingBurst { get; set; } = 20;

        /// <summary>The UTC clock ages are measured with.</summary>
        public Func<DateTime> UtcNow { get; set; } = () => DateTime.UtcNow;

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
