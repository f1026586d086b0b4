using System.Globalization;
using System.Text.RegularExpressions;

namespace CloudCompose.Image.Emulator.Lifecycle;

/// <summary>
/// A watchdog the user data arms: a backgrounded subshell that sleeps, then shuts the machine down. The emulator
/// never runs the script; it reads the one line that arms the watchdog and models its effect. Recognised:
/// <c>( … sleep N … shutdown -h now … ) … &amp;</c> with a literal N (seconds after the script starts), and the form
/// that sleeps until an absolute time, <c>$(( EPOCH - $(date +%s) ))</c>, optionally capped by <c>-gt CAP ] &amp;&amp; x=CAP</c>.
/// </summary>
internal sealed record Watchdog(DateTime? Deadline, TimeSpan? Delay)
{
    private static readonly Regex Armed = new(@"^\s*\(.*\bsleep\b.*\b(shutdown\s+-h\s+now|poweroff|halt)\b.*\).*&\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex Epoch = new(@"\$\(\(\s*(\d+)\s*-\s*\$\(date \+%s\)\s*\)\)", RegexOptions.CultureInvariant);
    private static readonly Regex Cap = new(@"-gt\s+(\d+)\s*\]\s*&&\s*\w+=(\d+)", RegexOptions.CultureInvariant);
    private static readonly Regex Literal = new(@"\bsleep\s+(\d+)\s*;", RegexOptions.CultureInvariant);

    public static Watchdog? Parse(string userData)
    {
        foreach (var raw in userData.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!Armed.IsMatch(line)) continue;
            if (Epoch.Match(line) is { Success: true } epoch)
            {
                var at = DateTime.UnixEpoch.AddSeconds(long.Parse(epoch.Groups[1].Value, CultureInfo.InvariantCulture));
                var cap = Cap.Match(line) is { Success: true } c ? TimeSpan.FromSeconds(long.Parse(c.Groups[2].Value, CultureInfo.InvariantCulture)) : (TimeSpan?)null;
                return new Watchdog(at, cap);
            }
            if (Literal.Match(line) is { Success: true } literal)
                return new Watchdog(null, TimeSpan.FromSeconds(long.Parse(literal.Groups[1].Value, CultureInfo.InvariantCulture)));
        }
        return null;
    }

    /// <summary>When it fires for a script that starts at <paramref name="scriptStart"/> (emulated time).</summary>
    public DateTime FiresAt(DateTime scriptStart)
    {
        var byDelay = Delay is { } d ? scriptStart + d : DateTime.MaxValue;
        if (Deadline is not { } deadline) return byDelay;
        var byDeadline = deadline < scriptStart ? scriptStart : deadline;
        return byDeadline < byDelay ? byDeadline : byDelay;
    }
}
