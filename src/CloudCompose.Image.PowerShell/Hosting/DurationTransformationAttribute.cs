using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>
    /// Lets duration parameters take what people type: a TimeSpan, "00:30:00", "90s", "30m", "2h", or a plain
    /// number of minutes. (Without this, PowerShell would read -Timeout 30 as 30 ticks, and 90s as 90 ticks.)
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
    {
        private static readonly Regex WithUnit = new Regex(@"^\s*(?<n>\d+(\.\d+)?)\s*(?<u>ms|s|m|h|d)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>The longest duration accepted, in days (build timeouts: 2; image ages: longer).</summary>
        public double MaximumDays { get; set; } = 2;

        /// <summary>Accept a zero duration (switches a rule off, e.g. -MinimumAge 0).</summary>
        public bool AllowZero { get; set; }

        /// <summary>A plain number means days instead of minutes (lifecycle stages: -DeprecateAfter 30).</summary>
        public bool NumbersAreDays { get; set; }

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case TimeSpan span:
                    return Checked(span);
                // PowerShell reads 90s as [short]90 and 2d as [decimal]2 (its numeric suffixes), so those types
                // carry the unit the user typed; any other number is minutes.
                case short seconds:
                    return Checked(TimeSpan.FromSeconds(seconds));
                case decimal days:
                    return Checked(TimeSpan.FromDays((double)days));
                case int or long or double or float or byte or ushort or uint or ulong:
                    var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    return Checked(NumbersAreDays ? TimeSpan.FromDays(number) : TimeSpan.FromMinutes(number));
                case string text:
                    var match = WithUnit.Match(text);
                    if (match.Success)
                    {
                        var n = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
                        return Checked(match.Groups["u"].Value.ToLowerInvariant() switch
                        {
                            "ms" => TimeSpan.FromMilliseconds(n),
                            "s" => TimeSpan.FromSeconds(n),
                            "m" => TimeSpan.FromMinutes(n),
                            "h" => TimeSpan.FromHours(n),
                            _ => TimeSpan.FromDays(n),
                        });
                    }

                    if (NumbersAreDays && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var dayCount))
                    {
                        return Checked(TimeSpan.FromDays(dayCount));
                    }

                    if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed))
                    {
                        return Checked(parsed);
                    }

                    throw new ArgumentTransformationMetadataException($"'{text}' is not a duration; use e.g. 45m, 90s, 2h or 01:30:00.");
                default:
                    return inputData;
            }
        }

        private TimeSpan Checked(TimeSpan span) =>
            (span > TimeSpan.Zero || (AllowZero && span == TimeSpan.Zero)) && span <= TimeSpan.FromDays(MaximumDays)
                ? span
                : throw new ArgumentTransformationMetadataException(
                    $"The duration {span} must be more than zero and at most {(MaximumDays == 2 ? "two" : MaximumDays.ToString(CultureInfo.InvariantCulture))} days.");
    }
}
