using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// Reads a stopped builder's serial console until the wrapper's result marker appears. EC2 publishes
    /// console output with a delay, so this retries for a bounded time.
    /// </summary>
    internal static class ConsoleReader
    {
        /// <param name="live">The build's live console: each read is fed to it (its lines not yet written follow), and the text returned is its window.</param>
        /// <param name="budget">Charged for each call: these reads count against the account's read budget like the poller's.</param>
        public static async Task<(string Text, ScriptOutcome Outcome)> ReadAsync(
            IAmazonEC2 ec2, string instanceId, string token, TimeSpan timeout, bool waitForMarker, CancellationToken cancellationToken,
            LiveConsole? live = null, CallBudget? budget = null)
        {
            var started = DateTime.UtcNow;
            var delay = TimeSpan.FromSeconds(1);
            while (true)
            {
                budget?.Charge();
                var response = await ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = instanceId }, cancellationToken).ConfigureAwait(false);
                var text = Decode(response.Output);
                if (live != null && !string.IsNullOrEmpty(response.Output))
                {
                    live.Feed(Convert.FromBase64String(response.Output));
                    text = live.Window.Length >= text.Length ? live.Window : text;
                }

                var outcome = ScriptOutcome.Parse(text, token);
                if (outcome.Found || !waitForMarker || DateTime.UtcNow - started + delay > timeout)
                {
                    return (text, outcome);
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromSeconds(Math.Min(10, delay.TotalSeconds * 2));
            }
        }

        private static string Decode(string? output)
        {
            if (string.IsNullOrEmpty(output))
            {
                return string.Empty;
            }

            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(output));
            }
            catch (FormatException)
            {
                return output!;
            }
        }
    }
}
