using System.Text.RegularExpressions;

namespace CloudCompose.Image.Configuration
{
    /// <summary>The value rules EC2 imposes, checked before anything is sent.</summary>
    internal static class ConfigRules
    {
        /// <summary>Length of "_yyyy-MM-dd-HH-mm-ss" plus the "_" between name and version.</summary>
        public const int ImageNameSuffixLength = 21;

        public const int MaxImageNameLength = 128;

        private static readonly Regex AmiNameCharacters = new(@"^[A-Za-z0-9()\[\] ./\-'@_]+$", RegexOptions.CultureInvariant);
        private static readonly Regex AmiId = new(@"^ami-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant);
        private static readonly Regex SubnetId = new(@"^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant);
        private static readonly Regex SecurityGroupId = new(@"^sg-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant);
        private static readonly Regex AccountId = new(@"^[0-9]{12}$", RegexOptions.CultureInvariant);

        public static bool IsAmiNameText(string text) => AmiNameCharacters.IsMatch(text);

        public static bool IsAmiId(string text) => AmiId.IsMatch(text);

        public static bool IsSubnetId(string text) => SubnetId.IsMatch(text);

        public static bool IsSecurityGroupId(string text) => SecurityGroupId.IsMatch(text);

        public static bool IsAccountId(string text) => AccountId.IsMatch(text);

        /// <summary>The shape of a region name, as the AWS SDK's partitions define it.</summary>
        public static bool IsRegion(string text) => Aws.AwsRegions.IsWellFormed(text);
    }
}
