using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace CloudCompose.Image.Bake
{
    /// <summary>What the builder's console says about image.sh, read from the wrapper's marker line.</summary>
    internal sealed class ScriptOutcome
    {
        private ScriptOutcome(bool found, int? exitCode, bool watchdog)
        {
            Found = found;
            ExitCode = exitCode;
            WatchdogFired = watchdog;
        }

        public bool Found { get; }

        public int? ExitCode { get; }

        public bool WatchdogFired { get; }

        public bool Succeeded => Found && ExitCode == 0;

        public static ScriptOutcome Parse(string? console, string token)
        {
            if (string.IsNullOrEmpty(console))
            {
                return new ScriptOutcome(false, null, false);
            }

            // The token is random per build, so a marker from an earlier boot or another build never matches.
            var pattern = new Regex(Regex.Escape(UserDataWrapper.MarkerPrefix + " " + token + " ") + @"(exit=(?<code>\d+)|watchdog)", RegexOptions.CultureInvariant);
            var match = pattern.Matches(console).Cast<Match>().LastOrDefault();
            if (match == null)
            {
                return new ScriptOutcome(false, null, false);
            }

            return match.Groups["code"].Success
                ? new ScriptOutcome(true, int.Parse(match.Groups["code"].Value, CultureInfo.InvariantCulture), false)
                : new ScriptOutcome(true, null, true);
        }

        /// <summary>The last lines of the console, for an error message.</summary>
        public static string Tail(string? console, int lines)
        {
            if (string.IsNullOrEmpty(console))
            {
                return "(the console output is empty)";
            }

            var all = console!.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
            return string.Join(Environment.NewLine, all.Skip(Math.Max(0, all.Length - lines)));
        }
    }
}
