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
        public static async Task<(string Text, ScriptOutcome Outcome)> ReadAsync(
            IAmazonEC2 ec2, string instanceId, string token, TimeSpan timeout, bool waitForMarker, CancellationToken cancellationToken)
        {
            var started = DateTime.UtcNow;
            var delay = TimeSpan.FromSeconds(1);
            while (true)
            {
                var response = await ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = instanceId }, cancellationToken).ConfigureAwait(false);
                var text = Decode(response.Output);
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
