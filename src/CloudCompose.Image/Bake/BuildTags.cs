using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Amazon.EC2.Model;
using CloudCompose.Image.Configuration;

namespace CloudCompose.Image.Bake
{
    /// <summary>The tags every resource of a build carries. ImageName/ImageVersion are what cleanup and Get-CloudComposeImage find images by.</summary>
    public static class BuildTags
    {
        public const string ImageName = "ImageName";
        public const string ImageVersion = "ImageVersion";
        public const string Name = "Name";
        public const string BuildId = "CloudComposeBuildId";

        /// <summary>UTC time past which the builder's own watchdog has shut it down: an older builder is a leftover.</summary>
        public const string Deadline = "CloudComposeDeadline";

        public static List<Tag> For(ImageConfig config, string buildId, System.DateTime deadlineUtc)
        {
            var tags = Stable(config).Select(t => new Tag(t.Key, t.Value)).ToList();
            tags.Add(new Tag(BuildId, buildId));
            tags.Add(new Tag(Deadline, deadlineUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));
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
    }
}
