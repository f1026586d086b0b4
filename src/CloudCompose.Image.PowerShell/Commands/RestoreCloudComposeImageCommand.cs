using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudCompose.Image.Cleanup;
using CloudCompose.Image.Errors;
using CloudCompose.Image.PowerShell.Hosting;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// Undoes a retirement: enables a disabled image and shares it again as it was shared when it was disabled, cancels a
    /// deprecation, and brings a deregistered image (with its snapshots) back from the Recycle Bin while a retention rule
    /// keeps it.
    /// </summary>
    [Cmdlet(VerbsData.Restore, "CloudComposeImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RestoreResult))]
    public sealed class RestoreCloudComposeImageCommand : AwsCmdlet
    {
        private readonly PipelineMessages messages = new PipelineMessages();
        private readonly List<string> ids = new List<string>();

        /// <summary>The images to restore, e.g. piped from Remove-UnusedCloudComposeImage or Get-CloudComposeImage.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? ImageId { get; set; }

        protected override void ProcessRecord() => ids.AddRange(ImageId!);

        protected override void EndProcessing()
        {
            try
            {
                var connection = Connect();
                using var restoration = new ImageRestoration(connection, messages);
                var plan = Wait(restoration.PlanAsync(ids, CancellationToken), messages);
                foreach (var id in plan.UnmanagedImageIds)
                {
                    WriteFailure(new CloudComposeException(ErrorIds.ImageNotManaged, ErrorKind.InvalidArgument,
                        $"{id} is not tagged ImageName; only images made by New-CloudComposeImage are restored.", id));
                }

                foreach (var id in plan.MissingImageIds)
                {
                    WriteFailure(new CloudComposeException(ErrorIds.ImageNotRestorable, ErrorKind.NotFound,
                        $"{id} is neither an image of this account in {connection.Region} nor in its Recycle Bin: it was deleted for good (no retention rule kept it, or its retention ended).", id)
                    { Hint = "Check -Region; a deregistered image can come back only while a Recycle Bin retention rule keeps it." });
                }

                foreach (var (id, reason) in plan.Unchanged)
                {
                    WriteWarning($"{id}: {reason}.");
                }

                foreach (var candidate in plan.Candidates)
                {
                    if (!ShouldProcess(candidate.Target, candidate.Describe()))
                    {
                        continue;
                    }

                    try
                    {
                        var outcome = Wait(restoration.RestoreAsync(candidate, CancellationToken), messages);
                        WriteObject(outcome.Result);
                        foreach (var failure in outcome.Failures)
                        {
                            WriteFailure(failure);
                        }
                    }
                    catch (CloudComposeException e)
                    {
                        WriteFailure(e);
                    }
                }
            }
            catch (CloudComposeException e)
            {
                ThrowFailure(e);
            }
        }
    }
}
