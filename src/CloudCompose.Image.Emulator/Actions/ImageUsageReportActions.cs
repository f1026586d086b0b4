using CloudCompose.Image.Emulator.Filters;
using CloudCompose.Image.Emulator.Model;
using CloudCompose.Image.Emulator.Protocol;
using CloudCompose.Image.Emulator.Xml;

namespace CloudCompose.Image.Emulator.Actions;

/// <summary>
/// Image usage reports: who, in other accounts, runs instances from or references an image in launch templates.
/// Defaults and limits follow the EC2 API reference for CreateImageUsageReport, DescribeImageUsageReports and
/// DescribeImageUsageReportEntries; the usage found is what was seeded as foreignUsage.
/// </summary>
internal static class ImageUsageReportActions
{
    public static void Register(Dictionary<string, Func<Ec2Request, string>> d)
    {
        d["CreateImageUsageReport"] = Create;
        d["DescribeImageUsageReports"] = DescribeReports;
        d["DescribeImageUsageReportEntries"] = DescribeEntries;
    }

    private static readonly string[] Types = ["ec2:Instance", "ec2:LaunchTemplate"];

    /// <summary>"For launch templates, the number of versions to check (defaults to the 20 most recent versions)."</summary>
    private const int DefaultVersionDepth = 20;

    private static string Create(Ec2Request r)
    {
        var p = r.P;
        var image = ImageActions.Find(r, r.Store, p.Require("ImageId"), ownedOnly: true);
        var requested = p.Members("ResourceType");
        if (requested.Count == 0) throw Ec2Error.Missing("ResourceTypes");
        var types = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var rt in requested)
        {
            var type = rt.Get("ResourceType") ?? throw Ec2Error.Missing("ResourceType.ResourceType");
            if (!Types.Contains(type)) throw Ec2Error.InvalidParameterValue($"Value ({type}) for parameter ResourceType is invalid. Valid values: ec2:Instance | ec2:LaunchTemplate.");
            var options = rt.Members("ResourceTypeOption");
            // "Valid only when ResourceType is ec2:LaunchTemplate."
            if (options.Count > 0 && type != "ec2:LaunchTemplate") throw Ec2Error.InvalidParameterValue($"ResourceTypeOptions are not supported for resource type {type}.");
            int? depth = type == "ec2:LaunchTemplate" ? DefaultVersionDepth : null;
            foreach (var o in options)
            {
                var name = o.Get("OptionName");
                var values = o.List("OptionValue");
                if (name != "version-depth") throw Ec2Error.InvalidParameterValue($"Value ({name}) for parameter OptionName is invalid. Valid value: version-depth.");
                if (values.Count != 1 || !int.TryParse(values[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) || d is < 1 or > 10_000)
                    throw Ec2Error.InvalidParameterValue($"Value ({string.Join(",", values)}) for option version-depth is invalid. Valid values: integers between 1 and 10000.");
                depth = d;
            }
            types[type] = depth;
        }
        var accounts = p.List("AccountId");
        if (accounts.Count > 200) throw Ec2Error.InvalidParameterValue("The maximum number of account IDs is 200.");
        if (accounts.FirstOrDefault(a => a.Length != 12 || !a.All(char.IsAsciiDigit)) is { } bad) throw Ec2Error.InvalidParameterValue($"Invalid account id: {bad}");
        var tags = p.TagSpecifications("image-usage-report").GetValueOrDefault("image-usage-report");
        var hash = string.Join("|", image.Id, string.Join(",", types.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}")), string.Join(",", accounts.Order()));
        var store = r.Store;
        var token = p.Get("ClientToken");
        if (token is { Length: > 128 }) throw Ec2Error.InvalidParameterValue("The client token may be at most 128 characters long.");
        if (token is not null && store.ReportTokens.TryGetValue(token, out var prior) && store.UsageReports.TryGetValue(prior, out var earlier))
        {
            if (earlier.ParamHash != hash) throw new Ec2Error("IdempotentParameterMismatch", "The client token you have provided is associated with a request with different parameters.");
            return r.Xml().Elem("reportId", prior).Finish();
        }
        var report = new ImageUsageReport
        {
            Id = r.State.NewId("amiur"), Region = r.Region, ImageId = image.Id, ResourceTypes = types, AccountIds = accounts, ParamHash = hash,
            CreationTime = r.Now, AvailableAt = r.Now + r.Delays.UsageReportDelay, Fails = r.State.Faults.TakeUsageReportFailure(),
        };
        if (tags is not null) foreach (var (k, v) in tags) report.Tags[k] = v;
        store.UsageReports[report.Id] = report;
        if (token is not null) store.ReportTokens[token] = report.Id;
        UsageReports.Refresh(store, r.Now);
        return r.Xml().Elem("reportId", report.Id).Finish();
    }

    private static (List<string> Images, List<string> Reports) Scope(QueryParams p)
    {
        var images = p.List("ImageId");
        var reports = p.List("ReportId");
        if (images.Count > 200) throw Ec2Error.InvalidParameterValue("The maximum number of image IDs is 200.");
        if (reports.Count > 200) throw Ec2Error.InvalidParameterValue("The maximum number of report IDs is 200.");
        return (images, reports);
    }

    private static string DescribeReports(Ec2Request r)
    {
        var p = r.P;
        var max = Pager.MaxResults(p, 1, int.MaxValue);
        var (images, reports) = Scope(p);
        var filters = new FilterSet<ImageUsageReport>(p, ["creation-time", "state"], (x, name) => name switch
        {
            _ when FilterSet<ImageUsageReport>.TagValues(x.Tags, name) is { } tv => tv,
            "creation-time" => [XmlOut.Time(x.CreationTime)],
            "state" => [x.State],
            _ => [],
        });
        var items = r.Store.UsageReports.Values.Where(x => (images.Count == 0 || images.Contains(x.ImageId)) && (reports.Count == 0 || reports.Contains(x.Id))).Where(filters.Matches);
        var (page, next) = Pager.Page(items, x => x.Id, max, p.Get("NextToken"), r.Action);
        var w = r.Xml();
        w.Set("imageUsageReportSet", page, (x, report) =>
        {
            x.Elem("imageId", report.ImageId).Elem("reportId", report.Id);
            x.Set("resourceTypeSet", report.ResourceTypes, (y, t) =>
            {
                y.Elem("resourceType", t.Key);
                if (t.Value is { } depth)
                    y.Set("resourceTypeOptionSet", [depth], (z, v) => z.Elem("optionName", "version-depth").Open("optionValueSet").Elem("item", v).Close());
            });
            x.Open("accountIdSet");
            foreach (var a in report.AccountIds) x.Elem("item", a);
            x.Close();
            x.Elem("state", report.State);
            if (report.State == "error") x.Elem("stateReason", "The report could not be created (emulated fault).");
            x.Elem("creationTime", report.CreationTime).Elem("expirationTime", report.ExpirationTime).TagSet(report.Tags);
        });
        w.Elem("nextToken", next);
        return w.Finish();
    }

    private static string DescribeEntries(Ec2Request r)
    {
        var p = r.P;
        var max = Pager.MaxResults(p, 1, int.MaxValue);
        var (images, reports) = Scope(p);
        var rows = r.Store.UsageReports.Values
            .Where(x => x.State == "available" && (images.Count == 0 || images.Contains(x.ImageId)) && (reports.Count == 0 || reports.Contains(x.Id)))
            .SelectMany(x => x.Entries.Select(e => (Report: x, Entry: e)));
        var filters = new FilterSet<(ImageUsageReport Report, ForeignUsage Entry)>(p, ["account-id", "creation-time", "resource-type"], (row, name) => name switch
        {
            "account-id" => [row.Entry.AccountId],
            "creation-time" => [XmlOut.Time(row.Report.CreationTime)],
            "resource-type" => [row.Entry.ResourceType],
            _ => [],
        }, tagFilters: false);
        var (page, next) = Pager.Page(rows.Where(filters.Matches), e => $"{e.Report.Id}\u0001{e.Entry.AccountId}\u0001{e.Entry.ResourceType}", max, p.Get("NextToken"), r.Action);
        var w = r.Xml();
        w.Set("imageUsageReportEntrySet", page, (x, e) => x.Elem("resourceType", e.Entry.ResourceType).Elem("reportId", e.Report.Id)
            .Elem("usageCount", e.Entry.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).Elem("accountId", e.Entry.AccountId)
            .Elem("imageId", e.Entry.ImageId).Elem("reportCreationTime", e.Report.CreationTime));
        w.Elem("nextToken", next);
        return w.Finish();
    }
}

/// <summary>Report states from the clock: pending, then available (entries fixed then) or error; gone 30 days after creation.</summary>
internal static class UsageReports
{
    public static void Refresh(RegionStore store, DateTime now)
    {
        foreach (var id in store.UsageReports.Values.Where(x => x.ExpirationTime <= now).Select(x => x.Id).ToList()) store.UsageReports.Remove(id);
        foreach (var report in store.UsageReports.Values.Where(x => x.State == "pending" && now >= x.AvailableAt))
        {
            if (report.Fails)
            {
                report.State = "error";
                continue;
            }
            report.State = "available";
            // One entry per account and resource type; a launch template counts once however many versions name the image.
            report.Entries.AddRange(store.ForeignUsage
                .Where(u => u.ImageId == report.ImageId && report.ResourceTypes.ContainsKey(u.ResourceType) && (report.AccountIds.Count == 0 || report.AccountIds.Contains(u.AccountId)))
                .GroupBy(u => (u.AccountId, u.ResourceType))
                .Select(g => new ForeignUsage(report.ImageId, g.Key.AccountId, g.Key.ResourceType, g.Sum(u => u.Count))));
        }
    }
}
