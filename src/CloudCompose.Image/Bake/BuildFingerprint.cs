using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// A hash of everything that decides what an image contains, and of nothing else: the user data exactly as the builder
    /// receives it except the per-build token and deadline, the resolved source image (which also fixes the architecture),
    /// the instance types, the root volume settings, the tags the image gets, and the module's major version. Two builds
    /// with one fingerprint make the same image, so the second need not run. Stored on the image and its snapshots as the
    /// <see cref="TagKey"/> tag.
    /// </summary>
    internal sealed class BuildFingerprint
    {
        public const string TagKey = "CloudComposeFingerprint";

        /// <summary>Characters of the short form shown in views and messages (48 bits: collisions within one image name are not a concern).</summary>
        public const int ShortLength = 12;

        /// <summary>Stands in for the per-build token and deadline, so they never change the fingerprint.</summary>
        private const string TokenStandIn = "fingerprint";

        private static readonly DateTime DeadlineStandIn = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private BuildFingerprint(string value, string inputs)
        {
            Value = value;
            Inputs = inputs;
        }

        /// <summary>64 lowercase hex digits (SHA-256).</summary>
        public string Value { get; }

        public string Short => Value.Substring(0, ShortLength);

        /// <summary>The text that was hashed, one input per line: what to compare when two fingerprints differ.</summary>
        public string Inputs { get; }

        public static int ModuleMajorVersion => typeof(BuildFingerprint).Assembly.GetName().Version?.Major ?? 0;

        public static BuildFingerprint Compute(ImageConfig config, UserDataScript script, string sourceImageId, bool noTemplate)
        {
            var userData = noTemplate ? script.UserData : UserDataWrapper.Wrap(script.Script, TokenStandIn, DeadlineStandIn, TimeSpan.Zero, config.Hygiene);
            var aws = config.Aws;
            var inputs = new StringBuilder()
                .Append("cloud-compose-image fingerprint 1\n")
                .Append("module-major: ").Append(ModuleMajorVersion.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append("user-data-sha256: ").Append(Sha256(userData)).Append('\n')
                .Append("source-image: ").Append(sourceImageId).Append('\n')
                .Append("instance-types: ").Append(string.Join(",", aws.InstanceTypes)).Append('\n')
                .Append("root-volume: size=").Append(aws.VolumeSize?.ToString(CultureInfo.InvariantCulture) ?? "-")
                .Append(" type=").Append(aws.VolumeType ?? "-")
                .Append(" encrypted=").Append(aws.Encrypted?.ToString(CultureInfo.InvariantCulture).ToLowerInvariant() ?? "-")
                .Append(" kms-key=").Append(aws.KmsKeyId ?? "-").Append('\n');

            // The image's tags as the build gives them, without the per-build ones.
            var tags = BuildTags.Stable(config).OrderBy(t => t.Key, StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                inputs.Append("tag: ").Append(tag.Key).Append('=').Append(tag.Value).Append('\n');
            }

            var text = inputs.ToString();
            return new BuildFingerprint(Sha256(text), text);
        }

        /// <summary>The fingerprint without AWS: known when image.aws.ami is an id, null for a filter (only a lookup resolves it).</summary>
        public static BuildFingerprint? Offline(ImageConfig config, UserDataScript script, bool noTemplate) =>
            config.Aws.Ami.IsFilter ? null : Compute(config, script, config.Aws.Ami.ImageId!, noTemplate);

        /// <summary>The short form of a fingerprint tag value; null stays null.</summary>
        public static string? ShortOf(string? value) => value == null ? null : value.Length > ShortLength ? value.Substring(0, ShortLength) : value;

        private static string Sha256(string text)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(new UTF8Encoding(false).GetBytes(text));
            return string.Concat(hash.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
        }
    }
}
