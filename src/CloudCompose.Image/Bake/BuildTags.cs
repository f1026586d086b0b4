using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Amazon.EC2.Model;
using CloudCompose.Image.Configuration;

namespace CloudCompose.Image.Bake
{
    /// <summary>The tags every resource of a build carries. ImageName/ImageVersion are what cleanup and Get-CloudComposeImage find images by.</summary>
    internal static class BuildTags
    {
        public const string ImageName = "ImageName";
        public const string ImageVersion = "ImageVersion";
        public const string Name = "Name";
        public const string BuildId = "CloudComposeBuildId";

        /// <summary>UTC time past which the builder's own watchdog has shut it down: an older builder is a leftover.</summary>
        public const string Deadline = "CloudComposeDeadline";

        /// <summary>UTC time the build that launched a builder ended without terminating it (kept for debugging, or termination failed).</summary>
        public const string BuildEnded = "CloudComposeBuildEnded";

        public static List<Tag> For(ImageConfig config, string buildId, System.DateTime deadlineUtc)
        {
            var tags = Stable(config).Select(t => new Tag(t.Key, t.Value)).ToList();
            tags.Add(new Tag(BuildId, buildId));
            tags.Add(new Tag(Deadline, FormatTime(deadlineUtc)));
            return tags;
        }

        /// <summary>
        /// The tags every build of a config gives, without the per-build ones, as plain pairs (no SDK types: the
        /// fingerprint is computed where the AWS SDK is not loaded).
        /// </summary>
        public static List<KeyValuePair<string, string>> Stable(ImageConfig config)
        {
            var tags = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>(ImageName, config.Name),
                new KeyValuePair<string, string>(ImageVersion, config.Version),
                new KeyValuePair<string, string>(Name, $"{config.Name}:{config.Version}"),
            };

            // Extra tags may override Name (as the original allowed) but never the keys cleanup depends on.
            foreach (var pair in config.Aws.Tags.Where(t => t.Key != ImageName && t.Key != ImageVersion))
            {
                tags.RemoveAll(t => t.Key == pair.Key);
                tags.Add(pair);
            }

            return tags;
        }

        public static List<TagSpecification> Specifications(IEnumerable<Tag> tags, params string[] resourceTypes) =>
            resourceTypes.Select(type => new TagSpecification { ResourceType = type, Tags = tags.Select(t => new Tag(t.Key, t.Value)).ToList() }).ToList();

        public static string? Value(IEnumerable<Tag>? tags, string key) => tags?.FirstOrDefault(t => t.Key == key)?.Value;

        /// <summary>A time tag (<see cref="Deadline"/>, <see cref="BuildEnded"/>) in UTC; null when absent or unreadable.</summary>
        public static System.DateTime? Time(IEnumerable<Tag>? tags, string key) =>
            System.DateTime.TryParse(Value(tags, key), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when)
                ? when
                : (System.DateTime?)null;

        public static string FormatTime(System.DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    }
}
