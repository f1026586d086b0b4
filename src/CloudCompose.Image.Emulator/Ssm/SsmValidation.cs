using System.Text.RegularExpressions;
using CloudCompose.Image.Emulator.Model;

namespace CloudCompose.Image.Emulator.Ssm;

/// <summary>
/// Parameter Store's asynchronous validation of <c>aws:ec2:image</c> values: once the delay has passed, the pending
/// version becomes the parameter's newest version if its value is an AMI id available to the account in the region;
/// otherwise it is dropped and the parameter stays as it was ("Unable to Describe Resource"). Applied lazily, under
/// the state lock, whenever a request looks at the region.
/// </summary>
internal static partial class SsmValidation
{
    /// <summary>Parameter Store keeps the 100 newest versions.</summary>
    public const int MaxVersions = 100;

    [GeneratedRegex(@"^ami-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex AmiId();

    public static void Settle(RegionStore store, DateTime now)
    {
        foreach (var p in store.SsmParameters)
        {
            if (p.Pending is not { } pending || now < pending.ValidatesAt) continue;
            p.Pending = null;
            var value = pending.Version.Value;
            var valid = AmiId().IsMatch(value)
                && store.Images.TryGetValue(value, out var image)
                && image.State == "available"
                && image.VisibleTo(EmulatorState.AccountId);
            if (!valid)
            {
                store.SsmFailures.Add(new SsmFailedValidation(p.Name, pending.Version.Version, value, p.Exists ? "Update" : "Create", "Unable to Describe Resource", pending.ValidatesAt));
                continue;
            }
            Append(p, pending.Version with { LastModified = pending.ValidatesAt });
            if (pending.Tags is not null) foreach (var (k, v) in pending.Tags) p.Tags[k] = v;
        }
        // A new parameter whose only version failed never existed.
        store.SsmParameters.RemoveAll(p => !p.Exists && p.Pending is null);
    }

    public static void Append(SsmParameter p, SsmParameterVersion version)
    {
        p.Versions.Add(version);
        if (p.Versions.Count > MaxVersions) p.Versions.RemoveAt(0);
    }
}
