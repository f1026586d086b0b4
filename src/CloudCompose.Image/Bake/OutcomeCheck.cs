using System;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Bake
{
    /// <summary>Turns what the builder's console said into "make the image" or the error that explains why not.</summary>
    internal static class OutcomeCheck
    {
        /// <param name="stoppedPastDeadline">The builder was seen stopping only after its deadline, when its watchdog shuts it down.</param>
        public static void EnsureSucceeded(ImageConfig config, string instanceId, string console, ScriptOutcome outcome, BakeOptions options, bool stoppedPastDeadline = false)
        {
            if (outcome.Found && outcome.ExitCode != null && !options.SkipScriptCheck && !options.NoTemplate)
            {
                stoppedPastDeadline = false;
            }

            if (outcome.WatchdogFired || (stoppedPastDeadline && !options.NoTemplate))
            {
                throw new CloudComposeException(ErrorIds.BuildTimedOut, ErrorKind.Timeout,
                    $"image.sh on builder {instanceId} ran past the build timeout ({options.Timeout}) and the builder's watchdog shut it down. Last console lines:{Environment.NewLine}{ScriptOutcome.Tail(console, 20)}",
                    instanceId)
                { Hint = "Read the script log (-LogPath saves it; the error's TargetObject holds the console), check that the subnet has outbound access if the script downloads packages, or raise -Timeout." };
            }

            if (options.SkipScriptCheck || options.NoTemplate)
            {
                return;
            }

            if (!outcome.Found)
            {
                throw new CloudComposeException(ErrorIds.ImageScriptFailed, ErrorKind.InvalidOperation,
                    $"Builder {instanceId} stopped but its console never showed the result of image.sh within {options.ConsoleTimeout}, so no image was made. Last console lines:{Environment.NewLine}{ScriptOutcome.Tail(console, 20)}",
                    config.FilePath)
                { Hint = "If the source AMI has no serial console, use -SkipScriptCheck (the builder's stop is then taken as success)." };
            }

            if (outcome.ExitCode != 0)
            {
                throw new CloudComposeException(ErrorIds.ImageScriptFailed, ErrorKind.InvalidOperation,
                    $"image.sh failed on builder {instanceId} with exit code {outcome.ExitCode}, so no image was made. Last console lines:{Environment.NewLine}{ScriptOutcome.Tail(console, 20)}",
                    config.FilePath)
                { Hint = "Fix the script (Get-CloudComposeUserData shows what the builder ran); -LogPath saves the whole console." };
            }
        }
    }
}
