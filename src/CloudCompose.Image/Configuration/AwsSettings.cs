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

        /// <summary>The first of <see cref="InstanceTypes"/>: what the builder runs on when it has capacity.</summary>
        public string InstanceType => InstanceTypes[0];

        /// <summary>instance_type as a list: when EC2 has no capacity for one (or does not offer it in the subnet's zone), the next is tried.</summary>
        public IReadOnlyList<string> InstanceTypes { get; internal set; } = new[] { DefaultInstanceType };

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
