using System;

namespace CloudCompose.Image
{
    /// <summary>
    /// One line of a builder's console as New-CloudComposeImage writes it while the build runs: to the Information stream
    /// (tagged with the image's name, so concurrent builds stay apart) and to -LogPath.
    /// </summary>
    public sealed class BuildLogLine
    {
        public string Name { get; set; } = string.Empty;

        public string Version { get; set; } = string.Empty;

        /// <summary>name:version, the tag the line carries.</summary>
        public string Build => $"{Name}:{Version}";

        public string? InstanceId { get; set; }

        /// <summary>The line as the console showed it, without its line break.</summary>
        public string Text { get; set; } = string.Empty;

        /// <summary>When the module read it (UTC); the console has no times of its own.</summary>
        public DateTime Time { get; set; }

        /// <summary>A line the module wrote, not the builder: that output was skipped.</summary>
        public bool IsNotice { get; set; }

        public override string ToString() => $"[{Build}] {Text}";
    }
}
