using System.Text.RegularExpressions;
using CloudCompose.Image.Emulator.Filters;
using CloudCompose.Image.Emulator.Model;
using CloudCompose.Image.Emulator.Protocol;
using CloudCompose.Image.Emulator.Xml;

namespace CloudCompose.Image.Emulator.Actions;

internal static partial class LaunchTemplateActions
{
    public static void Register(Dictionary<string, Func<Ec2Request, string>> d)
    {
        d["CreateLaunchTemplate"] = CreateLaunchTemplate;
        d["CreateLaunchTemplateVersion"] = CreateLaunchTemplateVersion;
        d["ModifyLaunchTemplate"] = ModifyLaunchTemplate;
        d["DescribeLaunchTemplates"] = DescribeLaunchTemplates;
        d["DescribeLaunchTemplateVersions"] = DescribeLaunchTemplateVersions;
    }

    [GeneratedRegex(@"^[a-zA-Z0-9().\-/_]{3,128}$")]
    private static partial Regex NameRule();

    private static Dictionary<string, string> Data(QueryParams p)
    {
        var data = p.Sub("LaunchTemplateData");
        if (data.IsEmpty) throw Ec2Error.Missing("LaunchTemplateData");
        if (data.Get("UserData") is { } ud) InstanceActions.DecodeUserData(ud);
        if (data.Get("ImageId") is { } img && !img.StartsWith("resolve:ssm:", StringComparison.Ordinal)) Ids.CheckImage(img);
        return new Dictionary<string, string>(data.All);
    }

    private static string CreateLaunchTemplate(Ec2Request r)
    {
        var p = r.P;
        var name = p.Require("LaunchTemplateName");
        if (!NameRule().IsMatch(name))
            throw new Ec2Error("InvalidLaunchTemplateName.MalformedException", "A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.'");
        var store = r.Store;
        if (store.LaunchTemplates.Values.Any(t => t.Name == name))
            throw new Ec2Error("InvalidLaunchTemplateName.AlreadyExistsException", $"Launch template name already in use.");
        var data = Data(p);
        var tags = p.TagSpecifications("launch-template");
        var t = new Ec2LaunchTemplate { Id = r.State.NewId("lt"), Region = r.Region, Name = name, CreatedAt = r.Now };
        foreach (var (k, v) in tags.GetValueOrDefault("launch-template") ?? []) t.Tags[k] = v;
        t.Versions.Add(new LaunchTemplateVersion { Number = 1, Description = p.Get("VersionDescription"), CreatedAt = r.Now, Data = data });
        store.LaunchTemplates[t.Id] = t;
        var x = r.Xml().Open("launchTemplate");
        LaunchTemplateXml.Template(x, t);
        return x.Close().Finish();
    }

    internal static Ec2LaunchTemplate FindTemplate(RegionStore store, string? id, string? name)
    {
        if (id is not null && name is not null)
            throw Ec2Error.Combination("You can specify either a launch template ID or a launch template name, but not both.");
        if (id is not null)
            return store.LaunchTemplates.GetValueOrDefault(id)
                ?? throw new Ec2Error("InvalidLaunchTemplateId.NotFound", $"The specified launch template, with template ID {id}, does not exist.");
        if (name is not null)
            return store.LaunchTemplates.Values.FirstOrDefault(t => t.Name == name)
                ?? throw new Ec2Error("InvalidLaunchTemplateName.NotFoundException", $"The specified launch template, with template name {name}, does not exist.");
        throw Ec2Error.Missing("LaunchTemplateId or LaunchTemplateName");
    }

    internal static LaunchTemplateVersion ResolveVersion(Ec2LaunchTemplate t, string? version)
    {
        var number = version switch
        {
            null or "" or "$Default" => t.DefaultVersion,
            "$Latest" => t.LatestVersion,
            _ when int.TryParse(version, out var n) => n,
            _ => throw Ec2Error.InvalidParameterValue($"Invalid launch template version: {version}"),
        };
        return t.Versions.FirstOrDefault(v => v.Number == number)
            ?? throw new Ec2Error("InvalidLaunchTemplateId.VersionNotFound", $"Could not find launch template version {version} for {t.Id}.");
    }

    private static string CreateLaunchTemplateVersion(Ec2Request r)
    {
        var p = r.P;
        var t = FindTemplate(r.Store, p.Get("LaunchTemplateId"), p.Get("LaunchTemplateName"));
        var data = Data(p);
        if (p.Get("SourceVersion") is { } source) data = Overlay(ResolveVersion(t, source).Data, data);
        var v = new LaunchTemplateVersion { Number = t.LatestVersion + 1, Description = p.Get("VersionDescription"), CreatedAt = r.Now, Data = data };
        t.Versions.Add(v);
        var x = r.Xml().Open("launchTemplateVersion");
        LaunchTemplateXml.Version(x, t, v);
        return x.Close().Finish();
    }

    private static string ModifyLaunchTemplate(Ec2Request r)
    {
        var t = FindTemplate(r.Store, r.P.Get("LaunchTemplateId"), r.P.Get("LaunchTemplateName"));
        if (r.P.Get("SetDefaultVersion") is { } dv) t.DefaultVersion = ResolveVersion(t, dv).Number;
        var x = r.Xml().Open("launchTemplate");
        LaunchTemplateXml.Template(x, t);
        return x.Close().Finish();
    }

    /// <summary>Top-level fields given in <paramref name="top"/> replace the same fields of <paramref name="bottom"/> whole.</summary>
    internal static Dictionary<string, string> Overlay(IReadOnlyDictionary<string, string> bottom, IReadOnlyDictionary<string, string> top)
    {
        static string Field(string key) => key.Split('.')[0];
        var topFields = top.Keys.Select(Field).ToHashSet(StringComparer.Ordinal);
        var result = bottom.Where(kv => !topFields.Contains(Field(kv.Key))).ToDictionary(StringComparer.Ordinal);
        foreach (var (k, v) in top) result[k] = v;
        return result;
    }

    /// <summary>RunInstances parameters with a given launch template's data underneath them.</summary>
    internal static (QueryParams Params, (string Id, string Version)? Template) EffectiveRunParams(Ec2Request r)
    {
        var lt = r.P.Sub("LaunchTemplate");
        if (lt.IsEmpty) return (r.P, null);
        var t = FindTemplate(r.Store, lt.Get("LaunchTemplateId"), lt.Get("LaunchTemplateName"));
        var v = ResolveVersion(t, lt.Get("Version"));
        var own = r.P.All.Where(kv => !kv.Key.StartsWith("LaunchTemplate.", StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);
        var merged = Overlay(v.Data, own);
        if (merged.GetValueOrDefault("ImageId") is { } img && img.StartsWith("resolve:ssm:", StringComparison.Ordinal))
        {
            var param = r.Store.SsmParameters.FirstOrDefault(s => s.Name == img["resolve:ssm:".Length..] && s.ImageId is not null)
                ?? throw Ec2Error.InvalidParameterValue($"The SSM parameter {img} could not be resolved.");
            merged["ImageId"] = param.ImageId!;
        }
        return (new QueryParams(merged), (t.Id, v.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static IEnumerable<string?> TemplateFilterValues(Ec2LaunchTemplate t, string name) =>
        name switch
        {
            _ when FilterSet<Ec2LaunchTemplate>.TagValues(t.Tags, name) is { } tv => tv,
            "launch-template-name" => [t.Name],
            "create-time" => [XmlOut.Time(t.CreatedAt)],
            _ => [],
        };

    private static string DescribeLaunchTemplates(Ec2Request r)
    {
        var p = r.P;
        var max = Pager.MaxResults(p, 1, 200);
        var store = r.Store;
        var filters = new FilterSet<Ec2LaunchTemplate>(p, ["launch-template-name", "create-time"], TemplateFilterValues);
        var ids = p.List("LaunchTemplateId");
        var names = p.List("LaunchTemplateName");
        IEnumerable<Ec2LaunchTemplate> items = store.LaunchTemplates.Values;
        if (ids.Count > 0 || names.Count > 0)
            items = ids.Select(id => FindTemplate(store, id, null)).Concat(names.Select(n => FindTemplate(store, null, n))).Distinct();
        var (page, next) = Pager.Page(items.Where(filters.Matches), t => t.Id, max, p.Get("NextToken"), r.Action);
        var x = r.Xml();
        x.Set("launchTemplates", page, LaunchTemplateXml.Template);
        x.Elem("nextToken", next);
        return x.Finish();
    }

    private static IEnumerable<string?> VersionFilterValues((Ec2LaunchTemplate T, LaunchTemplateVersion V) e, string name) => name switch
    {
        "image-id" => [e.V.ImageId],
        "instance-type" => [e.V.Data.GetValueOrDefault("InstanceType")],
        "is-default-version" => [e.V.Number == e.T.DefaultVersion ? "true" : "false"],
        "iam-instance-profile" => [e.V.Data.GetValueOrDefault("IamInstanceProfile.Arn"), e.V.Data.GetValueOrDefault("IamInstanceProfile.Name")],
        "ebs-optimized" => [e.V.Data.GetValueOrDefault("EbsOptimized")],
        "create-time" => [XmlOut.Time(e.V.CreatedAt)],
        "kernel-id" => [e.V.Data.GetValueOrDefault("KernelId")],
        "ram-disk-id" => [e.V.Data.GetValueOrDefault("RamDiskId")],
        _ => [],
    };

    private static string DescribeLaunchTemplateVersions(Ec2Request r)
    {
        var p = r.P;
        var max = Pager.MaxResults(p, 1, 200);
        var store = r.Store;
        var filters = new FilterSet<(Ec2LaunchTemplate T, LaunchTemplateVersion V)>(p,
            ["image-id", "instance-type", "is-default-version", "iam-instance-profile", "ebs-optimized", "create-time", "kernel-id", "ram-disk-id"],
            VersionFilterValues, tagFilters: false);
        var versions = p.List("LaunchTemplateVersion");
        var id = p.Get("LaunchTemplateId");
        var name = p.Get("LaunchTemplateName");
        IEnumerable<(Ec2LaunchTemplate T, LaunchTemplateVersion V)> items;
        if (id is null && name is null)
        {
            // Across all templates EC2 accepts only the aliases.
            if (versions.Count == 0)
                throw Ec2Error.Missing("LaunchTemplateId or LaunchTemplateName (or LaunchTemplateVersion $Latest/$Default)");
            if (versions.Any(v => v is not ("$Latest" or "$Default")))
                throw Ec2Error.InvalidParameterValue("When describing versions across all launch templates, only $Latest and $Default are allowed as versions.");
            items = store.LaunchTemplates.Values.SelectMany(t => versions.Select(v => (t, ResolveVersion(t, v)))).Distinct();
        }
        else
        {
            var t = FindTemplate(store, id, name);
            IEnumerable<LaunchTemplateVersion> vs = versions.Count > 0 ? versions.Select(v => ResolveVersion(t, v)).Distinct() : t.Versions;
            if (p.Get("MinVersion") is { } minS) { var min = ResolveVersion(t, minS).Number; vs = vs.Where(v => v.Number >= min); }
            if (p.Get("MaxVersion") is { } maxS) { var mx = ResolveVersion(t, maxS).Number; vs = vs.Where(v => v.Number <= mx); }
            items = vs.Select(v => (t, v));
        }
        var (page, next) = Pager.Page(items.Where(filters.Matches), e => $"{e.T.Id}:{e.V.Number:D10}", max, p.Get("NextToken"), r.Action);
        var x = r.Xml();
        // ResolveAlias: "if a Systems Manager parameter is specified for ImageId, the AMI ID is displayed" (default false).
        Func<string?, string?>? alias = p.Bool("ResolveAlias") == true
            ? image => image is not null && image.StartsWith("resolve:ssm:", StringComparison.Ordinal)
                ? store.SsmParameters.FirstOrDefault(s => s.Name == image["resolve:ssm:".Length..])?.ImageId ?? image
                : image
            : null;
        x.Set("launchTemplateVersionSet", page, (w, e) => LaunchTemplateXml.Version(w, e.T, e.V, alias));
        x.Elem("nextToken", next);
        return x.Finish();
    }
}
