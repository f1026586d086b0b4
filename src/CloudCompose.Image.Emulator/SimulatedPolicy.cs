using CloudCompose.Image.Emulator.Model;

namespace CloudCompose.Image.Emulator;

/// <summary>
/// The one IAM condition the emulator simulates: the shipped policy lets ec2:DeleteSnapshot touch only snapshots that
/// carry a tag (ImageName). Snapshots of images baked by the Python plugin carry none, so deleting them is refused the
/// way AWS refuses it: UnauthorizedOperation from DeleteSnapshot, <c>missing-permissions</c> from DeregisterImage with
/// DeleteAssociatedSnapshots. Off (null) by default; signatures and every other permission stay unchecked.
/// </summary>
public sealed class SimulatedPolicy
{
    /// <summary>The tag a snapshot needs for DeleteSnapshot to be allowed; null = no condition.</summary>
    public string? DeleteSnapshotRequiresTag { get; set; }

    internal bool RefusesSnapshotDeletion(Ec2Snapshot snapshot) =>
        DeleteSnapshotRequiresTag is { } key && !snapshot.Tags.ContainsKey(key);
}
