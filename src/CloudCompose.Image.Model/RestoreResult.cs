using System;
using System.Collections.Generic;

namespace CloudCompose.Image
{
    /// <summary>What Restore-CloudComposeImage did for one image.</summary>
    public sealed class RestoreResult
    {
        public string ImageId { get; set; } = string.Empty;

        /// <summary>The AMI name.</summary>
        public string ImageName { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Version { get; set; } = string.Empty;

        public string Region { get; set; } = string.Empty;

        /// <summary>In order: RestoredFromRecycleBin, Enabled, DeprecationCancelled, SharingRestored.</summary>
        public IReadOnlyList<string> Actions { get; set; } = new string[0];

        /// <summary>Launch permissions given back (accounts, "all", organization or OU ARNs) from the record made when it was retired.</summary>
        public IReadOnlyList<string> LaunchPermissions { get; set; } = new string[0];

        /// <summary>Snapshots brought back from the Recycle Bin first.</summary>
        public IReadOnlyList<string> SnapshotsRestored { get; set; } = new string[0];

        /// <summary>Snapshots the image needs that are gone for good: it cannot launch until they are replaced.</summary>
        public IReadOnlyList<string> SnapshotsMissing { get; set; } = new string[0];

        public string State { get; set; } = string.Empty;

        public override string ToString() => $"{ImageId} ({ImageName}) {string.Join(", ", Actions)}";
    }
}
