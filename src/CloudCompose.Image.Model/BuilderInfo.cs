using System;

namespace CloudCompose.Image
{
    /// <summary>A builder instance, as Get-CloudComposeImageBuilder lists it and Remove-CloudComposeImageBuilder reports it.</summary>
    public sealed class BuilderInfo
    {
        public string InstanceId { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Version { get; set; } = string.Empty;

        /// <summary>The instance state when it was listed (before termination was requested).</summary>
        public string State { get; set; } = string.Empty;

        public DateTime? LaunchTime { get; set; }

        /// <summary>The build that launched it (the CloudComposeBuildId tag).</summary>
        public string? BuildId { get; set; }

        /// <summary>When the builder's watchdog shuts it down (the CloudComposeDeadline tag); null for builders without one.</summary>
        public DateTime? Deadline { get; set; }

        /// <summary>When the build that launched it ended and left it behind (the CloudComposeBuildEnded tag).</summary>
        public DateTime? BuildEnded { get; set; }

        /// <summary>
        /// No build runs on it any more: its build ended (or the left-resources record says its build gave up on it, or its
        /// process ended), its deadline passed, or it has no deadline. Only abandoned
        /// builders are removed unless Remove-CloudComposeImageBuilder -IncludeActive.
        /// </summary>
        public bool Abandoned { get; set; }

        public string Region { get; set; } = string.Empty;

        public bool Terminated { get; set; }

        /// <summary>Time since launch; never negative.</summary>
        public TimeSpan? Age => LaunchTime.HasValue
            ? (DateTime.UtcNow > LaunchTime.Value.ToUniversalTime() ? DateTime.UtcNow - LaunchTime.Value.ToUniversalTime() : TimeSpan.Zero)
            : (TimeSpan?)null;

        public override string ToString() => $"{InstanceId} ({Name}:{Version})";
    }
}
