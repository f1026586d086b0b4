using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Aws;
using CloudCompose.Image.LeftBehind;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>
    /// At the start of a command: what earlier runs left in EC2 (the left-resources record, checked with this command's
    /// connection where it can see the entries; the gone ones are forgotten), as one warning with the removal commands.
    /// It never fails a command and never waits more than a few seconds.
    /// </summary>
    internal static class LeftResourceReport
    {
        private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

        /// <summary>On the pipeline thread; the check itself runs on the thread pool (it reads files and calls EC2), and Ctrl+C ends it.</summary>
        public static void Show(PSCmdlet cmdlet, AwsConnection connection, CancellationToken cancellationToken) =>
            Show(cmdlet, record => Task.Run(() => LeftResourceCheck.RunAsync(record, connection, CheckTimeout, cancellationToken), cancellationToken).GetAwaiter().GetResult());

        /// <summary>For a command that calls no AWS (and so must not load the SDK): the entries, unchecked.</summary>
        public static void ShowUnchecked(PSCmdlet cmdlet) =>
            Show(cmdlet, record => Task.Run(() => LeftResourceList.UncheckedAsync(record)).GetAwaiter().GetResult());

        private static void Show(PSCmdlet cmdlet, Func<LeftResourceRecord, IReadOnlyList<LeftResourceStatus>> check)
        {
            var record = LeftResourceRecord.ForCurrentUser();
            IReadOnlyList<LeftResourceStatus> left;
            try
            {
                left = check(record);
            }
            catch (Exception e) when (e is not PipelineStoppedException)
            {
                return;
            }

            if (left.Count > 0)
            {
                cmdlet.WriteWarning(Describe(left, record.Path));
            }
        }

        internal static string Describe(IReadOnlyList<LeftResourceStatus> left, string recordPath) =>
            $"{left.Count} resource(s) left by earlier runs may still cost money (recorded in {recordPath}):" + Environment.NewLine +
            string.Join(Environment.NewLine, left.Select(l =>
                $"  {l.Resource.Describe}: {(l.State != null ? "still " + l.State : "not checked, " + l.UncheckedBecause)}" +
                $"{(l.Resource.Reason != null ? "; left because " + l.Resource.Reason : l.Resource.Status == LeftResource.InFlight ? "; its build's process ended without cleaning up" : string.Empty)}" +
                Environment.NewLine + $"    Remove it with: {l.Resource.Command}"));
    }
}
