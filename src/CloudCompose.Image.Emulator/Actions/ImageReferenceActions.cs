using CloudCompose.Image.Emulator.Protocol;

namespace CloudCompose.Image.Emulator.Actions;

/// <summary>DescribeImageReferences: which instances, launch templates and SSM parameters use given images.</summary>
internal static class ImageReferenceActions
{
    public static void Register(Dictionary<string, Func<Ec2Request, string>> d) => d["DescribeImageReferences"] = DescribeImageReferences;

    private static readonly string[] Types = ["ec2:Instance", "ec2:LaunchTemplate", "ssm:Parameter", "imagebuilder:ImageRecipe", "imagebuilder:ContainerRecipe"];
    private static readonly string[] DefaultInstanceStates = ["pending", "running", "shutting-down", "stopping", "stopped"];
    private const int DefaultVersionDepth = 20;

    private sealed record Reference(string ImageId, string ResourceType, string Arn);

    private static string DescribeImageReferences(Ec2Request r)
    {
        var p = r.P;
        var max = Pager.MaxResults(p, 5, 1000);
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
            options[type] = rt.Members("ResourceTypeOption").ToDictionary(o => o.Get("OptionName") ?? "", o => o.List("OptionValue"), StringComparer.Ordinal);
        }
        bool Wants(string type) => all || options.ContainsKey(type);
        var refs = new List<Reference>();
        if (Wants("ec2:Instance"))
        {
            var states = options.GetValueOrDefault("ec2:Instance")?.GetValueOrDefault("state-name") is { Count: > 0 } s ? s : [.. DefaultInstanceStates];
            refs.AddRange(store.Instances.Values.Where(i => ids.Contains(i.ImageId) && states.Contains(i.State))
                .Select(i => new Reference(i.ImageId, "ec2:Instance", $"arn:aws:ec2:{r.Region}:{Ec2Request.Account}:instance/{i.Id}")));
        }
        if (Wants("ec2:LaunchTemplate"))
        {
            var depthText = options.GetValueOrDefault("ec2:LaunchTemplate")?.GetValueOrDefault("version-depth")?.FirstOrDefault();
            var depth = depthText is null ? DefaultVersionDepth
                : int.TryParse(depthText, out var dd) && dd is >= 1 and <= 10000 ? dd : throw Ec2Error.InvalidParameterValue($"Invalid version-depth: {depthText}");
            foreach (var t in store.LaunchTemplates.Values)
                foreach (var imageId in t.Versions.OrderByDescending(v => v.Number).Take(depth).Select(v => v.ImageId).Where(i => i is not null && ids.Contains(i)).Distinct())
                    refs.Add(new Reference(imageId!, "ec2:LaunchTemplate", $"arn:aws:ec2:{r.Region}:{Ec2Request.Account}:launch-template/{t.Id}"));
        }
        if (Wants("ssm:Parameter"))
            refs.AddRange(store.SsmParameters.Where(s => s.ImageId is { } id && ids.Contains(id))
                .Select(s => new Reference(s.ImageId!, "ssm:Parameter", $"arn:aws:ssm:{r.Region}:{Ec2Request.Account}:parameter/{s.Name.TrimStart('/')}")));

        var (page, next) = Pager.Page(refs, f => $"{f.ImageId}\u0001{f.ResourceType}\u0001{f.Arn}", max, p.Get("NextToken"), r.Action);
        var x = r.Xml();
        x.Set("imageReferenceSet", page, (w, f) => w.Elem("arn", f.Arn).Elem("imageId", f.ImageId).Elem("resourceType", f.ResourceType));
        x.Elem("nextToken", next);
        return x.Finish();
    }
}
