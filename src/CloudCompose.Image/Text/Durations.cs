using System;
using System.Globalization;

namespace CloudCompose.Image.Text
{
    /// <summary>Durations as -WhatIf and -Verbose text shows them: the unit in words ("7 days", "12 hours", "90 minutes").</summary>
    internal static class Durations
    {
        public static string Words(TimeSpan span) =>
            span.TotalDays >= 1 && span.Ticks % TimeSpan.TicksPerDay == 0 ? Count(span.TotalDays, "day")
            : span.TotalHours >= 1 && span.Ticks % TimeSpan.TicksPerHour == 0 ? Count(span.TotalHours, "hour")
            : span.TotalMinutes >= 1 && span.Ticks % TimeSpan.TicksPerMinute == 0 ? Count(span.TotalMinutes, "minute")
            : span.ToString("c", CultureInfo.InvariantCulture);

        private static string Count(double n, string unit) => n.ToString(CultureInfo.InvariantCulture) + " " + unit + (n == 1 ? string.Empty : "s");
    }
}
