using CloudCompose.Image.Text;
using System.Collections.Generic;

namespace CloudCompose.Image.Configuration
{
    /// <summary>A loaded, validated <c>image:</c> section of cloud-compose.yml.</summary>
    internal sealed class ImageConfig
    {
        internal ImageConfig(
            string filePath,
            string name,
            string version,
            IReadOnlyList<string> searchPath,
            AwsSettings aws,
            IReadOnlyDictionary<string, object?> variables,
            IReadOnlyDictionary<string, SourceLocation> locations)
        {
            FilePath = filePath;
            Name = name;
            Version = version;
            SearchPath = searchPath;
            Aws = aws;
            Variables = variables;
            Locations = locations;
        }

        public string FilePath { get; }

        public string Name { get; }

        /// <summary>The version exactly as written: <c>1.10</c> stays "1.10".</summary>
        public string Version { get; }

        /// <summary>Absolute folders searched for image.sh and its includes: the config's folder first.</summary>
        public IReadOnlyList<string> SearchPath { get; }

        public AwsSettings Aws { get; }

        /// <summary><c>image.test</c>; null when the config has none.</summary>
        public TestSettings? Test { get; internal set; }

        /// <summary><c>image.publish</c>; empty when the config has none.</summary>
        public PublishSettings Publish { get; internal set; } = new PublishSettings(new string[0], new string[0]);

        /// <summary><c>image.hygiene</c>: the steps the builder runs after image.sh succeeded (default: all of them).</summary>
        public IReadOnlyList<string> Hygiene { get; internal set; } = BuildHygiene.AllSteps;

        /// <summary>The whole <c>image:</c> section (placeholders filled) as template variables.</summary>
        public IReadOnlyDictionary<string, object?> Variables { get; }

        /// <summary>Where each key stands, by dotted path (<c>image.aws.ami</c>), for errors raised later.</summary>
        public IReadOnlyDictionary<string, SourceLocation> Locations { get; }

        public SourceLocation LocationOf(string dottedPath) =>
            Locations.TryGetValue(dottedPath, out var location) ? location : new SourceLocation(FilePath, 0, 0);
    }
}
