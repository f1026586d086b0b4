namespace CloudCompose.Image.Configuration
{
    /// <summary>What names a config's images: enough for listing and retiring them.</summary>
    internal sealed class ConfigIdentity
    {
        public ConfigIdentity(string filePath, string name, string version, string? region)
        {
            FilePath = filePath;
            Name = name;
            Version = version;
            Region = region;
        }

        public string FilePath { get; }

        public string Name { get; }

        public string Version { get; }

        public string? Region { get; }
    }
}
