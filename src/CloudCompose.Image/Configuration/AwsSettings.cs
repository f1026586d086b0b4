using System.Collections.Generic;

namespace CloudCompose.Image.Configuration
{
    /// <summary>The <c>image.aws:</c> section, typed and validated.</summary>
    internal sealed class AwsSettings
    {
        public const string DefaultInstanceType = "t2.micro";

        public AmiSelector Ami { get; internal set; } = new AmiSelector(null, null, new string[0]);

        public string Subnet { get; internal set; } = string.Empty;

        public string? KeyPair { get; internal set; }

        public string InstanceType { get; internal set; } = DefaultInstanceType;

        public IReadOnlyList<string> SecurityGroups { get; internal set; } = new string[0];

        public bool DetailedMonitoring { get; internal set; }

        public bool EbsOptimized { get; internal set; }

        /// <summary>Extra tags, in file order, applied to the builder, its volumes, the image and its snapshots.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Tags { get; internal set; } = new KeyValuePair<string, string>[0];

        public string? Region { get; internal set; }

        public string? IamInstanceProfile { get; internal set; }

        public int? VolumeSize { get; internal set; }

        public string? VolumeType { get; internal set; }

        public bool? Encrypted { get; internal set; }

        public string? KmsKeyId { get; internal set; }

        public bool? AssociatePublicIp { get; internal set; }

        public IReadOnlyList<string> CopyToRegions { get; internal set; } = new string[0];

        public IReadOnlyList<string> ShareWithAccounts { get; internal set; } = new string[0];
    }
}
