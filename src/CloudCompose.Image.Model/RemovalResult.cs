using System;
using System.Collections.Generic;

namespace CloudCompose.Image
{
    /// <summary>An image Remove-UnusedCloudComposeImage (or the bake's cleanup) has retired.</summary>
    public sealed class RemovalResult
    {
        public string ImageId { get; set; } = string.Empty;

        /// <summary>The AMI name.</summary>
        public string ImageName { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Version { get; set; } = string.Empty;

        public string Region { get; set; } = string.Empty;

        public DateTime? CreationDate { get; set; }

        /// <summary>Deregistered, Disabled or Deprecated; Skipped when the re-check right before acting kept it.</summary>
        public string Action { get; set; } = string.Empty;

        public IReadOnlyList<string> SnapshotsDeleted { get; set; } = new string[0];

        /// <summary>Snapshots left because another image uses them, or -KeepSnapshots.</summary>
        public IReadOnlyList<string> SnapshotsKept { get; set; } = new string[0];

        /// <summary>Snapshots that should have gone but could not be deleted (each also written as an error saying why).</summary>
        public IReadOnlyList<string> SnapshotsLeft { get; set; } = new string[0];

        /// <summary>Deleted snapshots a Recycle Bin retention rule keeps (until their own exit time).</summary>
        public IReadOnlyList<string> SnapshotsInRecycleBin { get; set; } = new string[0];

        /// <summary>Launch permissions (accounts, "all", organization or OU ARNs) removed before the image was retired.</summary>
        public IReadOnlyList<string> LaunchPermissionsRemoved { get; set; } = new string[0];

        /// <summary>When a deregistered image is in the Recycle Bin: the time it is deleted for good; null when it was deleted at once.</summary>
        public DateTime? RecycleBinExitTime { get; set; }

        /// <summary>Why it went (or, when skipped, why it was kept after all).</summary>
        public string Reason { get; set; } = string.Empty;

        public bool Removed => Action != "Skipped";

        public override string ToString() => $"{ImageId} ({ImageName}) {Action}";
    }
}
