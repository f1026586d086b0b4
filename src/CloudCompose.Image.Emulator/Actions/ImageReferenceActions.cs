using CloudCompose.Image.Emulator.Protocol;

namespace CloudCompose.Image.Emulator.Actions;

/// <summary>
/// DescribeImageReferences: which instances, launch templates, SSM parameters and Image Builder recipes use given images.
/// Defaults and limits are those of the EC2 API reference (ResourceTypeOption.OptionValues, DescribeImageReferencesRequest).
/// </summary>
internal static class ImageReferenceActions
{
    public static void Register(Dictionary<string, Func<Ec2Request, string>> d) => d["DescribeImageReferences"] = DescribeImageReferences;

    private const string Instance = "ec2:Instance";
    private const string LaunchTemplate = "ec2:LaunchTemplate";
    private static readonly string[] Types = [Instance, LaunchTemplate, "ssm:Parameter", "imagebuilder:ImageRecipe", "imagebuilder:ContainerRecipe"];

    /// <summary>"For state-name: Valid values: pending | running | shutting-down | terminated | stopping | stopped. Default: All states".</summary>
    private static readonly string[] InstanceStates = ["pending", "running", "shutting-down", "terminated", "stopping", "stopped"];

    /// <summary>"For version-depth: Valid values: Integers between 1 and 10000. Default: 10".</summary>
    private const int DefaultVersionDepth = 10;
    private const int MaxVersionDepth = 10_000;

    private sealed record Reference(string ImageId, string ResourceType, string Arn);

    private static string DescribeImageReferences(Ec2Request r)
    {
        var p = r.P;
        // The reference gives a minimum of 5 and no maximum.
        var max = Pager.MaxResults(p, 5, int.MaxValue);
        var ids = p.List("ImageId");
        if (ids.Count == 0) throw Ec2Error.Missing("ImageId");
        if (ids.Count > 10) throw Ec2Error.InvalidParameterValue("The maximum number of image IDs is 10.");
        ids.ForEach(Ids.CheckImage);
        var store = r.Store;
        var missing = ids.Where(id => !store.Images.TryGetValue(id, out var i) || !i.VisibleTo(Ec2Request.Account)).ToList();
        if (missing.Count > 0) throw Ids.ImagesNotFound(missing);

        var all = p.Bool("IncludeAllResourceTypes") ?? false;
        var requested = p.Members("ResourceType");
        if (!all && requested.Count == 0) throw Ec2Error.Missing("IncludeAllResourceTypes or ResourceTypes");
        var options = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        foreach (var rt in requested)
        {
            var type = rt.Get("ResourceType") ?? throw Ec2Error.Missing("ResourceType.ResourceType");
            if (!Types.Contains(type)) throw Ec2Error.InvalidParameterValue($"Value ({type}) for parameter ResourceType is invalid.");
            options[type] = Options(type, rt.Members("ResourceTypeOption"));
        }
        bool Wants(string type) => all || options.ContainsKey(type);
        var refs = new List<Reference>();
        if (Wants(Instance))
        {
            var states = options.GetValueOrDefault(Instance)?.GetValueOrDefault("state-name") ?? [.. InstanceStates];
            refs.AddRange(store.Instances.Values.Where(i => ids.Contains(i.ImageId) && states.Contains(i.State))
                .Select(i => new Reference(i.ImageId, Instance, $"arn:aws:ec2:{r.Region}:{Ec2Request.Account}:instance/{i.Id}")));
        }
        if (Wants(LaunchTemplate))
        {
            var depthText = options.GetValueOrDefault(LaunchTemplate)?.GetValueOrDefault("version-depth")?.FirstOrDefault();
            var depth = depthText is null ? DefaultVersionDepth : int.Parse(depthText, System.Globalization.CultureInfo.InvariantCulture);
            foreach (var t in store.LaunchTemplates.Values)
                foreach (var imageId in t.Versions.OrderByDescending(v => v.Number).Take(depth).Select(v => v.ImageId).Where(i => i is not null && ids.Contains(i)).Distinct())
                    refs.Add(new Reference(imageId!, LaunchTemplate, $"arn:aws:ec2:{r.Region}:{Ec2Request.Account}:launch-template/{t.Id}"));
        }
        if (Wants("ssm:Parameter"))
            refs.AddRange(store.SsmParameters.Where(s => s.ImageId is { } id && ids.Contains(id))
                .Select(s => new Reference(s.ImageId!, "ssm:Parameter", $"arn:aws:ssm:{r.Region}:{Ec2Request.Account}:parameter/{s.Name.TrimStart('/')}")));
        foreach (var (type, container) in new[] { ("imagebuilder:ImageRecipe", false), ("imagebuilder:ContainerRecipe", true) })
            if (Wants(type))
                refs.AddRange(store.ImageRecipes.Where(x => x.Container == container && ids.Contains(x.ImageId))
                    .Select(x => new Reference(x.ImageId, type, $"arn:aws:imagebuilder:{r.Region}:{Ec2Request.Account}:{(container ? "container" : "image")}-recipe/{x.Name}/{x.Version}")));

        var (page, next) = Pager.Page(refs, f => $"{f.ImageId}\u0001{f.ResourceType}\u0001{f.Arn}", max, p.Get("NextToken"), r.Action);
        var x = r.Xml();
        x.Set("imageReferenceSet", page, (w, f) => w.Elem("arn", f.Arn).Elem("imageId", f.ImageId).Elem("resourceType", f.ResourceType));
        x.Elem("nextToken", next);
        return x.Finish();
    }

    /// <summary>ResourceTypeOptions are "valid only when ResourceType is ec2:Instance or ec2:LaunchTemplate", each with its own option name.</summary>
    private static Dictionary<string, List<string>> Options(string type, List<QueryParams> given)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var o in given)
        {
            var name = o.Get("OptionName") ?? throw Ec2Error.Missing("ResourceTypeOption.OptionName");
            var values = o.List("OptionValue");
            var expected = type switch { Instance => "state-name", LaunchTemplate => "version-depth", _ => null };
            if (expected is null) throw Ec2Error.InvalidParameterValue($"ResourceTypeOptions are not supported for resource type {type}.");
            if (name != expected) throw Ec2Error.InvalidParameterValue($"Value ({name}) for parameter OptionName is invalid for resource type {type}. Expected: {expected}.");
            if (values.Count == 0) throw Ec2Error.Missing("ResourceTypeOption.OptionValues");
            if (name == "state-name" && values.FirstOrDefault(v => !InstanceStates.Contains(v)) is { } badState)
                throw Ec2Error.InvalidParameterValue($"Value ({badState}) for option state-name is invalid. Valid values: {string.Join(" | ", InstanceStates)}.");
            if (name == "version-depth" && (values.Count != 1 || !int.TryParse(values[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var depth) || depth is < 1 or > MaxVersionDepth))
                throw Ec2Error.InvalidParameterValue($"Value ({string.Join(",", values)}) for option version-depth is invalid. Valid values: integers between 1 and {MaxVersionDepth}.");
            result[name] = values;
        }
        return result;
    }
}
