using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CloudCompose.Image.Bake;

namespace CloudCompose.Image
{
    /// <summary>Turns the SDK's image into the module's own output type (SDK types never reach the user).</summary>
    internal static class ImageInfoFactory
    {
        public static ImageInfo FromImage(Amazon.EC2.Model.Image image, string region)
        {
            var tags = (image.Tags ?? new List<Amazon.EC2.Model.Tag>())
                .GroupBy(t => t.Key)
                .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
            return new ImageInfo
            {
                ImageId = image.ImageId,
                ImageName = image.Name ?? string.Empty,
                Name = tags.TryGetValue(BuildTags.ImageName, out var name) ? name : string.Empty,
                Version = tags.TryGetValue(BuildTags.ImageVersion, out var version) ? version : string.Empty,
                Region = region,
                State = image.State?.Value ?? string.Empty,
                CreationDate = ParseTime(image.CreationDate),
                Description = image.Description,
                OwnerId = image.OwnerId,
                SnapshotIds = (image.BlockDeviceMappings ?? new List<Amazon.EC2.Model.BlockDeviceMapping>())
                    .Select(m => m.Ebs?.SnapshotId)
                    .Where(id => !string.IsNullOrEmpty(id))
                    .Select(id => id!)
                    .ToList(),
                Tags = tags,
                Fingerprint = tags.TryGetValue(BuildFingerprint.TagKey, out var fingerprint) ? fingerprint : null,
                LastLaunchedTime = ParseTime(image.LastLaunchedTime),
                DeprecationTime = ParseTime(image.DeprecationTime),
                DeregistrationProtection = Protected(image.DeregistrationProtection),
                DeregistrationProtectionState = image.DeregistrationProtection,
                DeregistrationProtectedUntil = ProtectedUntil(image.DeregistrationProtection),
                IsPublic = image.Public == true,
            };
        }

        /// <summary>EC2 answers enabled, enabled-with-cooldown, disabled, or disabled-until-&lt;time&gt; while a cooldown runs.</summary>
        private const string CooldownPrefix = "disabled-until-";

        private static bool Protected(string? state) => !string.IsNullOrEmpty(state) && state != "disabled";

        private static DateTime? ProtectedUntil(string? state) =>
            state != null && state.StartsWith(CooldownPrefix, StringComparison.Ordinal) ? ParseTime(state.Substring(CooldownPrefix.Length)) : null;

        public static DateTime? ParseTime(string? text) =>
            DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
                ? value
                : (DateTime?)null;
    }
}
