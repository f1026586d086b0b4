using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CloudCompose.Image.Text;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>
    /// The keep rules, as a pure function of the images of one or more name+version groups. Usage must already be
    /// filled in (<see cref="ImageInfo.InUse"/>); an image whose usage is unknown is kept.
    /// </summary>
    internal static class RetirementPlanner
    {
        public static IReadOnlyList<RetirementDecision> Decide(IEnumerable<ImageInfo> images, RetirementOptions options)
        {
            options.Validate();
            var now = options.UtcNow();
            var decisions = new List<RetirementDecision>();
            foreach (var group in images.GroupBy(i => (i.Name, i.Version)).OrderBy(g => g.Key.Name, StringComparer.Ordinal).ThenBy(g => g.Key.Version, StringComparer.Ordinal))
            {
                var ordered = NewestFirst(group).ToList();
                var newest = new HashSet<string>(ordered.Where(i => i.State == "available").Take(Math.Max(0, options.Keep - options.UnseenNewerImages)).Select(i => i.ImageId), StringComparer.Ordinal);
                foreach (var image in ordered)
                {
                    var (keep, reason) = Judge(image, newest.Contains(image.ImageId), options, now);
                    decisions.Add(new RetirementDecision(image, keep, reason));
                }
            }

            return decisions;
        }

        /// <summary>Newest first; equal creation dates by id so the order is stable.</summary>
        public static IEnumerable<ImageInfo> NewestFirst(IEnumerable<ImageInfo> images) =>
            images.OrderByDescending(i => i.CreationDate ?? DateTime.MaxValue).ThenByDescending(i => i.ImageId, StringComparer.Ordinal);

        private static (KeepReason, string) Judge(ImageInfo image, bool isNewest, RetirementOptions options, DateTime now)
        {
            if (string.IsNullOrEmpty(image.Name))
            {
                // Never reached through the listing (it asks for the tag), but the rule holds whatever is passed in.
                return (KeepReason.Pending, "not tagged ImageName");
            }

            if (image.ImageId == options.ProtectImageId)
            {
                return (KeepReason.JustBuilt, "the image this build just made");
            }

            if (options.NotNewerThan is { } cutoff && (image.CreationDate ?? DateTime.MaxValue) > cutoff)
            {
                return (KeepReason.NewerThanBuild, "newer than the image this build just made");
            }

            if (image.State == "pending" || string.IsNullOrEmpty(image.State))
            {
                return (KeepReason.Pending, $"state {(string.IsNullOrEmpty(image.State) ? "unknown" : image.State)}");
            }

            if (image.DeregistrationProtection)
            {
                return (KeepReason.DeregistrationProtection, "deregistration protection is on");
            }

            if (options.Action == RetireAction.Disable && image.State != "available")
            {
                return (KeepReason.AlreadyRetired, $"state {image.State}, nothing to disable");
            }

            if (options.Action == RetireAction.Deprecate && (image.State == "failed" || (image.DeprecationTime is { } d && d <= now)))
            {
                return (KeepReason.AlreadyRetired, image.State == "failed" ? "state failed, nothing to deprecate" : $"deprecated since {Format(image.DeprecationTime!.Value)}");
            }

            if (isNewest)
            {
                return (KeepReason.Newest, options.Keep == 1 ? "newest available image of its name and version" : $"among the newest {options.Keep} available images of its name and version");
            }

            var age = now - (image.CreationDate ?? now);
            if (image.CreationDate == null || age < options.MinimumAge)
            {
                return (KeepReason.TooYoung, $"younger than -MinimumAge {Durations.Words(options.MinimumAge)}");
            }

            if (options.MinimumIdle is { } idle && image.LastLaunchedTime is { } launched && now - launched < idle)
            {
                return (KeepReason.RecentlyLaunched, $"launched {Format(launched)}, within -MinimumIdle {Durations.Words(idle)}");
            }

            if (image.InUse != false)
            {
                return (KeepReason.InUse, image.InUse == null ? "usage unknown" : "in use by " + string.Join(", ", image.UsedBy));
            }

            if (image.IsPublic && !options.IncludeShared)
            {
                return (KeepReason.Shared, "public (its use in other accounts cannot be seen)");
            }

            var why = $"unused, older than {Durations.Words(options.MinimumAge)}, not among the newest {options.Keep}";
            if (options.MinimumIdle is { } minimumIdle)
            {
                why += $", not launched within {Durations.Words(minimumIdle)}";
            }

            return (KeepReason.None, why);
        }

        private static string Format(DateTime time) => time.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
    }
}
