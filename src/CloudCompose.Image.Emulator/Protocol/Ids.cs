using System.Text.RegularExpressions;

namespace CloudCompose.Image.Emulator.Protocol;

/// <summary>EC2 id shapes: the prefix then 8 or 17 lowercase hex digits.</summary>
internal static partial class Ids
{
    [GeneratedRegex("^[a-z]+-[0-9a-f]{8}([0-9a-f]{9})?$")]
    private static partial Regex Shape();

    public static bool Valid(string id, string prefix) => id.StartsWith(prefix + "-", StringComparison.Ordinal) && Shape().IsMatch(id);

    public static void CheckInstance(string id)
    {
        if (!Valid(id, "i")) throw new Ec2Error("InvalidInstanceID.Malformed", $"Invalid id: \"{id}\"");
    }

    public static void CheckImage(string id)
    {
        if (!Valid(id, "ami")) throw new Ec2Error("InvalidAMIID.Malformed", $"Invalid id: \"{id}\" (expecting \"ami-...\")");
    }

    public static void CheckSnapshot(string id)
    {
        if (!Valid(id, "snap")) throw new Ec2Error("InvalidSnapshotID.Malformed", $"Invalid id: \"{id}\" (expecting \"snap-...\")");
    }

    public static Ec2Error InstancesNotFound(IReadOnlyList<string> ids) => ids.Count == 1
        ? new("InvalidInstanceID.NotFound", $"The instance ID '{ids[0]}' does not exist")
        : new("InvalidInstanceID.NotFound", $"The instance IDs '{string.Join(", ", ids)}' do not exist");

    public static Ec2Error ImagesNotFound(IReadOnlyList<string> ids) => ids.Count == 1
        ? new("InvalidAMIID.NotFound", $"The image id '[{ids[0]}]' does not exist")
        : new("InvalidAMIID.NotFound", $"The image ids '[{string.Join(", ", ids)}]' do not exist");

    public static Ec2Error SnapshotNotFound(string id) => new("InvalidSnapshot.NotFound", $"The snapshot '{id}' does not exist.");
}
