namespace CloudCompose.Image
{
    /// <summary>
    /// The TargetObject of a BuildTimedOut or ImageScriptFailed error: the builder's console as it was read just before
    /// the builder was removed, and where -LogPath saved it.
    /// </summary>
    public sealed class BuildConsole
    {
        public string Name { get; set; } = string.Empty;

        public string Version { get; set; } = string.Empty;

        public string ConfigPath { get; set; } = string.Empty;

        public string? InstanceId { get; set; }

        public string BuildId { get; set; } = string.Empty;

        public string ConsoleOutput { get; set; } = string.Empty;

        /// <summary>The file -LogPath wrote; null without -LogPath.</summary>
        public string? LogPath { get; set; }

        /// <summary>The error's target before the console was attached (the config file or the instance id).</summary>
        public string? Target { get; set; }

        public override string ToString() => Target ?? InstanceId ?? ConfigPath;
    }
}
