using CloudCompose.Image.Emulator.Filters;
using CloudCompose.Image.Emulator.Protocol;
using CloudCompose.Image.Emulator.Xml;

namespace CloudCompose.Image.Emulator.Actions;

/// <summary>DescribeRegions, and STS GetCallerIdentity answered at the same endpoint.</summary>
internal static class AccountActions
{
    public static void Register(Dictionary<string, Func<Ec2Request, string>> d)
    {
        d["DescribeRegions"] = DescribeRegions;
        d["GetCallerIdentity"] = GetCallerIdentity;
    }

    private static string DescribeRegions(Ec2Request r)
    {
        var names = r.P.List("RegionName");
        foreach (var n in names)
            if (!EmulatorState.KnownRegions.Contains(n)) throw Ec2Error.InvalidParameterValue($"Invalid region name: {n}");
        var filters = new FilterSet<string>(r.P, ["region-name", "endpoint", "opt-in-status"], (reg, f) => f switch
        {
            "region-name" => [reg],
            "endpoint" => [$"ec2.{reg}.amazonaws.com"],
            "opt-in-status" => ["opt-in-not-required"],
            _ => [],
        }, tagFilters: false);
        var regions = EmulatorState.KnownRegions.Where(n => names.Count == 0 || names.Contains(n)).Where(filters.Matches);
        var x = r.Xml();
        x.Set("regionInfo", regions, (w, reg) => w.Elem("regionName", reg).Elem("regionEndpoint", $"ec2.{reg}.amazonaws.com").Elem("optInStatus", "opt-in-not-required"));
        return x.Finish();
    }

    private static string GetCallerIdentity(Ec2Request r)
    {
        var x = new XmlOut("GetCallerIdentityResponse", r.RequestId, "https://sts.amazonaws.com/doc/2011-06-15/", requestIdElement: false);
        x.Open("GetCallerIdentityResult")
            .Elem("Arn", $"arn:aws:iam::{Ec2Request.Account}:user/emulator")
            .Elem("UserId", "AIDAEMULATOREXAMPLE01")
            .Elem("Account", Ec2Request.Account)
            .Close();
        x.Open("ResponseMetadata").Elem("RequestId", r.RequestId).Close();
        return x.Finish();
    }
}
