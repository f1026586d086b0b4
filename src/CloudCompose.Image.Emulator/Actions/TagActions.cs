using CloudCompose.Image.Emulator.Filters;
using CloudCompose.Image.Emulator.Model;
using CloudCompose.Image.Emulator.Protocol;

namespace CloudCompose.Image.Emulator.Actions;

internal static class TagActions
{
    public const int MaxTagsPerResource = 50;

    public static void Register(Dictionary<string, Func<Ec2Request, string>> d)
    {
        d["CreateTags"] = CreateTags;
        d["DeleteTags"] = DeleteTags;
        d["DescribeTags"] = DescribeTags;
    }

    private static List<Ec2Resource> Resources(Ec2Request r)
    {
        var ids = r.P.List("ResourceId");
        if (ids.Count == 0) throw Ec2Error.Missing("ResourceId");
        var found = new List<Ec2Resource>();
        foreach (var id in ids.Distinct())
        {
            var res = r.Store.FindAny(id);
            if (res is not null && r.Visible(res)) { found.Add(res); continue; }
            var dash = id.IndexOf('-');
            throw (dash < 0 ? "" : id[..dash]) switch
            {
                "i" => Ids.Valid(id, "i") ? Ids.InstancesNotFound([id]) : new Ec2Error("InvalidInstanceID.Malformed", $"Invalid id: \"{id}\""),
                "ami" => Ids.Valid(id, "ami") ? Ids.ImagesNotFound([id]) : new Ec2Error("InvalidAMIID.Malformed", $"Invalid id: \"{id}\""),
                "snap" => Ids.SnapshotNotFound(id),
                "vol" => new Ec2Error("InvalidVolume.NotFound", $"The volume '{id}' does not exist."),
                "lt" => new Ec2Error("InvalidLaunchTemplateId.NotFound", $"The specified launch template, with template ID {id}, does not exist."),
                _ => new Ec2Error("InvalidID", $"The ID '{id}' is not valid"),
            };
        }
        return found;
    }

    private static string CreateTags(Ec2Request r)
    {
        var tags = r.P.Tags();
        if (tags.Count == 0) throw Ec2Error.Missing("Tag");
        foreach (var (k, _) in tags)
        {
            if (k.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                throw Ec2Error.InvalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use");
            if (k.Length is 0 or > 128) throw Ec2Error.InvalidParameterValue($"Tag key '{k}' must be between 1 and 128 characters long.");
        }
        var resources = Resources(r);
        foreach (var res in resources)
        {
            var newKeys = tags.Select(t => t.Key).Where(k => !res.Tags.ContainsKey(k)).Distinct().Count();
            if (res.Tags.Count + newKeys > MaxTagsPerResource)
                throw new Ec2Error("TagLimitExceeded", $"The maximum number of Tags for a resource has been reached. Resource: {res.Id}");
        }
        foreach (var res in resources)
            foreach (var (k, v) in tags) res.Tags[k] = v ?? "";
        return r.Ok();
    }

    private static string DeleteTags(Ec2Request r)
    {
        var tags = r.P.Tags();
        foreach (var res in Resources(r))
        {
            if (tags.Count == 0) { foreach (var k in res.Tags.Keys.Where(k => !k.StartsWith("aws:", StringComparison.Ordinal)).ToList()) res.Tags.Remove(k); continue; }
            foreach (var (k, v) in tags)
                if (res.Tags.TryGetValue(k, out var have) && (v is null || v == have)) res.Tags.Remove(k);
        }
        return r.Ok();
    }

    private sealed record TagRow(Ec2Resource Resource, string Key, string Value);

    private static string DescribeTags(Ec2Request r)
    {
        var p = r.P;
        var max = Pager.MaxResults(p, 5, 1000);
        var filters = new FilterSet<TagRow>(p, ["key", "value", "resource-id", "resource-type"], (t, n) => n switch
        {
            "key" => [t.Key],
            "value" => [t.Value],
            "resource-id" => [t.Resource.Id],
            "resource-type" => [t.Resource.ResourceType],
            _ => FilterSet<TagRow>.TagValues(t.Resource.Tags, n) ?? [],
        });
        var rows = r.Store.AllResources().Where(r.Visible)
            .Where(res => res is not Ec2Image img || img.OwnerId == Ec2Request.Account)
            .SelectMany(res => res.Tags.Select(t => new TagRow(res, t.Key, t.Value)));
        var (page, next) = Pager.Page(rows.Where(filters.Matches), t => t.Resource.Id + "\u0001" + t.Key, max, p.Get("NextToken"), r.Action);
        var x = r.Xml();
        x.Set("tagSet", page, (w, t) => w.Elem("resourceId", t.Resource.Id).Elem("resourceType", t.Resource.ResourceType).Elem("key", t.Key).Elem("value", t.Value));
        x.Elem("nextToken", next);
        return x.Finish();
    }
}
