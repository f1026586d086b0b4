using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.EC2.Model;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>
    /// The launch permissions an image had when it was retired, kept in its own tags: DisableImage removes them all and
    /// EnableImage does not give them back, so Restore-CloudComposeImage reads them from here. Entries (account ids,
    /// "all", organization and OU ARNs) are separated by spaces; a tag value holds at most 256 characters, so a long
    /// list continues in CloudComposeLaunchPermissions2, 3, ….
    /// </summary>
    internal static class LaunchPermissionRecord
    {
        public const string TagKey = "CloudComposeLaunchPermissions";

        /// <summary>EC2's limit on a tag value.</summary>
        private const int ValueLimit = 256;

        /// <summary>At most this many tags: an image has 50 tags at most, and its own tags need room.</summary>
        internal const int MaxTags = 20;

        public static bool IsRecordTag(string key) =>
            key == TagKey || (key.StartsWith(TagKey, StringComparison.Ordinal) && key.Length > TagKey.Length && key.Substring(TagKey.Length).All(char.IsDigit));

        /// <summary>The tags that record <paramref name="permissions"/>, or null when they need more than <see cref="MaxTags"/>.</summary>
        public static List<Tag>? ToTags(IReadOnlyList<string> permissions)
        {
            var values = new List<string>();
            var current = string.Empty;
            foreach (var entry in permissions)
            {
                if (current.Length > 0 && current.Length + 1 + entry.Length > ValueLimit)
                {
                    values.Add(current);
                    current = string.Empty;
                }

                current = current.Length == 0 ? entry : current + " " + entry;
            }

            if (current.Length > 0)
            {
                values.Add(current);
            }

            return values.Count > MaxTags ? null : values.Select((v, i) => new Tag(i == 0 ? TagKey : TagKey + (i + 1), v)).ToList();
        }

        /// <summary>The recorded entries, in the order recorded.</summary>
        public static List<string> Read(IReadOnlyDictionary<string, string> tags) =>
            tags.Where(t => IsRecordTag(t.Key))
                .OrderBy(t => t.Key.Length == TagKey.Length ? 1 : int.Parse(t.Key.Substring(TagKey.Length), System.Globalization.CultureInfo.InvariantCulture))
                .SelectMany(t => t.Value.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
                .ToList();

        /// <summary>An entry as EC2's LaunchPermission: a 12-digit account, the group "all", an organization or an OU.</summary>
        public static LaunchPermission ToPermission(string entry) =>
            entry == "all" ? new LaunchPermission { Group = Amazon.EC2.PermissionGroup.All }
            : entry.Contains(":ou/") ? new LaunchPermission { OrganizationalUnitArn = entry }
            : entry.Contains(":organization/") ? new LaunchPermission { OrganizationArn = entry }
            : new LaunchPermission { UserId = entry };
    }
}
