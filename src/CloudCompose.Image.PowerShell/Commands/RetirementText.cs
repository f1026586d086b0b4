using CloudCompose.Image.Cleanup;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>What retiring an image does, in the words of a ShouldProcess action (-WhatIf and -Confirm show it).</summary>
    internal static class RetirementText
    {
        public static string Action(RetirementDecision candidate, RetireAction action, bool keepSnapshots) => action switch
        {
            RetireAction.Disable => $"Disable image ({candidate.Reason})",
            RetireAction.Deprecate => $"Deprecate image ({candidate.Reason})",
            _ when keepSnapshots || candidate.Image.SnapshotIds.Count == 0 => $"Deregister image ({candidate.Reason})",
            _ => $"Deregister image and delete snapshots {string.Join(", ", candidate.Image.SnapshotIds)} unless another image uses them ({candidate.Reason})",
        };
    }
}
