using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>
    /// The keep rules, as a pure function of the images of one or more name+version groups. Usage must already be
    /// filled in (<see cref="ImageInfo.InUse"/>); an image whose usage is unknown is kept.
    /// </summary>
    public static class RetirementPlanner
    {
        /// <param name="sharedUsage">What usage reports say about shared images: an unused one is no longer kept for its sharing.</param>
        public static IReadOnlyList<RetirementDecision> Decide(IEnumerable<ImageInfo> images, RetirementOptions options, IReadOnlyDictionary<string, SharedUsageVerdict>? sharedUsage = null)
        {
            options.Validate();
            var now = options.UtcNow();
            var decisions = new List<RetirementDecision>();
            foreach (var group in images.GroupBy(i => (i.Name, i.Version)).OrderBy(g => g.Key.Name, StringComparer.Ordinal).ThenBy(g => g.Key.Version, StringComparer.Ordinal))
            {
                var ordered = NewestFirst(group).ToList();
                var newest = new HashSet<string>(ordered.Where(i => i.State == "available").Take(options.Keep).Select(i => i.ImageId), StringComparer.Ordinal);
                foreach (var image in ordered)
                {
                    var verdict = sharedUsage != null && sharedUsage.TryGetValue(image.ImageId, out var v) ? v : null;
                    var (keep, reason, action) = Judge(image, newest.Contains(image.ImageId), options, now, verdict);
                    decisions.Add(new RetirementDecision(image, keep, reason, action) { SharedUsage = verdict });
                }
            }

            return decisions;
        }

        /// <summary>Newest first; equal creation dates by id so the order is stable.</summary>
        public static IEnumerable<ImageInfo> NewestFirst(IEnumerable<ImageInfo> images) =>
            images.OrderByDescending(i => i.CreationDate ?? DateTime.MaxValue).ThenByDescending(i => i.ImageId, StringComparer.Ordinal);

        private static (KeepReason, string, RetireAction) Judge(ImageInfo image, bool isNewest, RetirementOptions options, DateTime now, SharedUsageVerdict? verdict)
        {
            var (keep, reason) = KeepRule(image, isNewest, options, now, verdict);
            if (keep == KeepReason.None && options.Staged)
            {
                (keep, reason, var stage) = Stage(image, options.Stages!, now);
                return (keep, keep == KeepReason.None ? reason + Cleared(image, options, verdict) : reason, stage);
            }

            return (keep, keep == KeepReason.None ? reason + Cleared(image, options, verdict) : reason, options.Action);
        }

        private static bool IsShared(ImageInfo image) => image.IsPublic || image.SharedWithAccounts.Count > 0;

        /// <summary>For a shared image a usage report let go: why its sharing did not keep it.</summary>
        private static string Cleared(ImageInfo image, RetirementOptions options, SharedUsageVerdict? verdict) =>
            IsShared(image) && !options.IncludeShared && verdict is { Unused: true } ? "; " + verdict.Reason : string.Empty;

        /// <summary>The keep rules every retirement shares; in a staged lifecycle the stage is decided after them.</summary>
        private static (KeepReason, string) KeepRule(ImageInfo image, bool isNewest, RetirementOptions options, DateTime now, SharedUsageVerdict? verdict)
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

            if (image.DeregistrationProtection && !(image.DeregistrationProtectedUntil is { } over && over <= now))
            {
                return (KeepReason.DeregistrationProtection, Protection(image));
            }

            if (!options.Staged && options.Action == RetireAction.Disable && image.State != "available")
            {
                return (KeepReason.AlreadyRetired, $"state {image.State}, nothing to disable");
            }

            if (!options.Staged && options.Action == RetireAction.Deprecate && (image.State == "failed" || LifecycleStages.IsDeprecated(image, now)))
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
                return (KeepReason.TooYoung, $"younger than -MinimumAge {Span(options.MinimumAge)}");
            }

            if (options.MinimumIdle is { } idle && image.LastLaunchedTime is { } launched && now - launched < idle)
            {
                return (KeepReason.RecentlyLaunched, $"launched {Format(launched)}, within -MinimumIdle {Span(idle)}");
            }

            if (image.InUse != false)
            {
                return (KeepReason.InUse, image.InUse == null ? "usage unknown" : "in use by " + string.Join(", ", image.UsedBy));
            }

            if (IsShared(image) && !options.IncludeShared && verdict is not { Unused: true })
            {
                var with = image.IsPublic ? "public" : "shared with " + string.Join(", ", image.SharedWithAccounts);
                return (KeepReason.Shared, verdict?.Reason ?? $"{with} (its use in other accounts cannot be seen)");
            }

            if (options.Staged)
            {
                return (KeepReason.None, string.Empty);
            }

            var why = $"unused, older than {Span(options.MinimumAge)}, not among the newest {options.Keep}";
            if (options.MinimumIdle is { } minimumIdle)
            {
                why += $", not launched within {Span(minimumIdle)}";
            }

            return (KeepReason.None, why);
        }

        /// <summary>The furthest stage the image has reached, unless it is already there (or beyond).</summary>
        private static (KeepReason, string, RetireAction) Stage(ImageInfo image, LifecycleStages stages, DateTime now)
        {
            var created = image.CreationDate ?? now;
            var age = now - created;
            var lastUse = image.LastLaunchedTime is { } launched && launched > created ? launched : created;
            var idle = now - lastUse;
            var first = stages.Steps[0];
            if (!(stages.Reached(age, idle) is { } reached))
            {
                return age < first.After
                    ? (KeepReason.TooYoung, $"younger than {LifecycleStages.ParameterOf(first.Action)} {Span(first.After)}", first.Action)
                    : (KeepReason.RecentlyLaunched, $"launched {Format(lastUse)}, within {LifecycleStages.ParameterOf(first.Action)} {Span(first.After)}", first.Action);
            }

            var current = LifecycleStages.Current(image, now);
            if (current is { } at && LifecycleStages.Rank(at) >= LifecycleStages.Rank(reached.Action))
            {
                var already = at == RetireAction.Disable ? "already disabled" : $"deprecated since {Format(image.DeprecationTime!.Value)}";
                var next = stages.Steps.Where(s => LifecycleStages.Rank(s.Action) > LifecycleStages.Rank(at)).Select(s => $"; {s.Action.ToString().ToLowerInvariant()} after {Span(s.After)} idle").FirstOrDefault();
                return (KeepReason.AlreadyRetired, already + next, reached.Action);
            }

            if (image.State == "failed" && reached.Action != RetireAction.Deregister)
            {
                return (KeepReason.AlreadyRetired, $"state failed: only {LifecycleStages.ParameterOf(RetireAction.Deregister)} retires it", reached.Action);
            }

            var history = lastUse == created ? "never launched" : $"last launched {Span(Days(idle))} ago";
            return (KeepReason.None, $"stage {reached.Action.ToString().ToLowerInvariant()}: unused, {Span(Days(age))} old, {history} (reached {LifecycleStages.ParameterOf(reached.Action)} {Span(reached.After)})", reached.Action);
        }

        /// <summary>Says when a protected image becomes deletable: never by itself, 24 hours after protection is disabled, or at the end of a running cooldown.</summary>
        private static string Protection(ImageInfo image) =>
            image.DeregistrationProtectedUntil is { } until ? $"deregistration protection cooldown: deletable from {Format(until)}"
            : image.DeregistrationProtectionState == "enabled-with-cooldown" ? "deregistration protection is on with a 24-hour cooldown: deletable 24 hours after it is disabled"
            : "deregistration protection is on: deletable once it is disabled";

        /// <summary>Whole days, for reasons: "42d old" reads better than the exact span.</summary>
        private static TimeSpan Days(TimeSpan span) => span.TotalDays >= 1 ? TimeSpan.FromDays(Math.Floor(span.TotalDays)) : span;

        internal static string Span(TimeSpan span) =>
            span.TotalDays >= 1 && span.Ticks % TimeSpan.TicksPerDay == 0 ? $"{span.TotalDays.ToString(CultureInfo.InvariantCulture)}d"
            : span.TotalHours >= 1 && span.Ticks % TimeSpan.TicksPerHour == 0 ? $"{span.TotalHours.ToString(CultureInfo.InvariantCulture)}h"
            : span.ToString("c", CultureInfo.InvariantCulture);

        private static string Format(DateTime time) => time.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
    }
}
