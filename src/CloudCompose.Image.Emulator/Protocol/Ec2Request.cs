using CloudCompose.Image.Emulator.Model;
using CloudCompose.Image.Emulator.Xml;

namespace CloudCompose.Image.Emulator.Protocol;

/// <summary>One API call being served, under the state lock.</summary>
internal sealed class Ec2Request
{
    public required EmulatorState State { get; init; }
    public required QueryParams P { get; init; }
    public required string Region { get; init; }
    public required string Action { get; init; }
    public required string RequestId { get; init; }
    public required DateTime Now { get; init; }

    public RegionStore Store => State.Store(Region);
    public EmulatorDelays Delays => State.Delays;
    public static string Account => EmulatorState.AccountId;

    public XmlOut Xml() => new($"{Action}Response", RequestId);

    public string Ok() => Xml().Elem("return", true).Finish();

    /// <summary>Refreshes a region's derived states; each is refreshed at most once per request.</summary>
    public RegionStore Refreshed(string region)
    {
        var s = State.Store(region);
        if (_refreshed.Add(region))
        {
            Lifecycle.Lifecycle.Refresh(s, Now, Delays);
            Ssm.SsmValidation.Settle(s, Now);
        }
        return s;
    }

    private readonly HashSet<string> _refreshed = new(StringComparer.Ordinal);

    public bool Visible(Ec2Resource r) => Now >= r.VisibleAt;
}
