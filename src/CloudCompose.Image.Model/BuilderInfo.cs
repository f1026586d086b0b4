using System;

namespace CloudCompose.Image
{
    /// <summary>A builder instance, as Remove-CloudComposeImageBuilder reports it.</summary>
    public sealed class BuilderInfo
    {
        public string InstanceId { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Version { get; set; } = string.Empty;

        /// <summary>The state before termination was requested.</summary>
        public string State { get; set; } = string.Empty;

        public DateTime? LaunchTime { get; set; }

        public string? BuildId { get; set; }

        public string Region { get; set; } = string.Empty;

        public bool Terminated { get; set; }

        public override string ToString() => $"{InstanceId} ({Name}:{Version})";
    }
}
