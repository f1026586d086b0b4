using System;
using System.Collections.Generic;

namespace CloudCompose.Image
{
    /// <summary>
    /// An AMI made by this module, as New-CloudComposeImage returns it and Get-CloudComposeImage lists it.
    /// Build-only properties (BuilderInstanceId, SourceImageId, Duration, ConsoleOutput, LogPath, RetiredImages) are empty in listings;
    /// usage properties are empty in build results.
    /// </summary>
    public sealed class ImageInfo
    {
        public string ImageId { get; set; } = string.Empty;

        /// <summary>The AMI name, <c>&lt;name&gt;_&lt;version&gt;_&lt;timestamp&gt;</c>.</summary>
        public string ImageName { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Version { get; set; } = string.Empty;

        public string Region { get; set; } = string.Empty;

        public string State { get; set; } = string.Empty;

        public DateTime? CreationDate { get; set; }

        public string? Description { get; set; }

        public string? OwnerId { get; set; }

        public IReadOnlyList<string> SnapshotIds { get; set; } = new string[0];

        public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();

        public string? BuilderInstanceId { get; set; }

        public string? SourceImageId { get; set; }

        /// <summary>The build's fingerprint (the CloudComposeFingerprint tag): equal fingerprints, equal images. Views show its first 12 characters.</summary>
        public string? Fingerprint { get; set; }

        /// <summary>True when New-CloudComposeImage returned this existing image instead of building, its fingerprint being unchanged.</summary>
        public bool Reused { get; set; }

        /// <summary>The instance type the builder ran on (the first of image.aws.instance_type that had capacity).</summary>
        public string? BuilderInstanceType { get; set; }

        /// <summary>Instance types EC2 refused before, as "t3.small (InsufficientInstanceCapacity)".</summary>
        public IReadOnlyList<string> RefusedInstanceTypes { get; set; } = new string[0];

        public TimeSpan? Duration { get; set; }

        /// <summary>Copies made by aws.copy_to_regions: region → image id.</summary>
        public IReadOnlyDictionary<string, string> CopiedImages { get; set; } = new Dictionary<string, string>();

        public IReadOnlyList<string> SharedWithAccounts { get; set; } = new string[0];

        /// <summary>The instance image.test ran on (terminated since); null when there was no test or -SkipTest.</summary>
        public string? TestInstanceId { get; set; }

        /// <summary>The test instance's serial console at the end of the test.</summary>
        public string? TestConsoleOutput { get; set; }

        /// <summary>True when image.test passed on the new image; false when the build had no test to run.</summary>
        public bool Tested { get; set; }

        /// <summary>What image.publish set to this image, per target and region, in the order published.</summary>
        public IReadOnlyList<PublishedTarget> Published { get; set; } = new PublishedTarget[0];

        /// <summary>The builder's serial console at the end of the build.</summary>
        public string? ConsoleOutput { get; set; }

        public string? LogPath { get; set; }

        /// <summary>Older unused images of the same name and version the bake retired after it (build results only).</summary>
        public IReadOnlyList<RemovalResult> RetiredImages { get; set; } = new RemovalResult[0];

        public DateTime? LastLaunchedTime { get; set; }

        public DateTime? DeprecationTime { get; set; }

        public bool DeregistrationProtection { get; set; }

        /// <summary>EC2's word for it: enabled, enabled-with-cooldown, or disabled-until-&lt;time&gt; during a cooldown.</summary>
        public string? DeregistrationProtectionState { get; set; }

        /// <summary>During a cooldown after protection was disabled: when the image becomes deletable.</summary>
        public DateTime? DeregistrationProtectedUntil { get; set; }

        public bool IsPublic { get; set; }

        /// <summary>Whether anything known uses the image; null when usage was not looked up (-SkipUsage).</summary>
        public bool? InUse { get; set; }

        public IReadOnlyList<string> UsedBy { get; set; } = new string[0];

        /// <summary>Time since creation; never negative (a clock ahead of this machine's would make it so).</summary>
        public TimeSpan? Age => CreationDate.HasValue
            ? (DateTime.UtcNow > CreationDate.Value ? DateTime.UtcNow - CreationDate.Value : TimeSpan.Zero)
            : (TimeSpan?)null;

        public override string ToString() => $"{ImageId} ({ImageName})";
    }
}
