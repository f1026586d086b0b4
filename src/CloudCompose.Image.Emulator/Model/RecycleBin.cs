namespace CloudCompose.Image.Emulator.Model;

/// <summary>
/// A Recycle Bin retention rule: EC2_IMAGE or EBS_SNAPSHOT, tag-level (the resource has one of <see cref="ResourceTags"/>)
/// or region-level (no resource tags; <see cref="ExcludeTags"/> keep resources out).
/// </summary>
internal sealed record RetentionRule(string ResourceType, TimeSpan Retention, IReadOnlyList<KeyValuePair<string, string?>> ResourceTags, IReadOnlyList<KeyValuePair<string, string?>> ExcludeTags);

/// <summary>A deleted resource kept by a retention rule until <see cref="ExitTime"/>.</summary>
internal sealed record Binned<T>(T Resource, DateTime EnterTime, DateTime ExitTime);

/// <summary>Where deleted AMIs and snapshots go when a retention rule matches them.</summary>
internal static class RecycleBin
{
    public const string ImageType = "EC2_IMAGE";
    public const string SnapshotType = "EBS_SNAPSHOT";

    /// <summary>The system tag Recycle Bin puts on what it keeps, removed again on restore.</summary>
    public const string InBinTag = "aws:recycle-bin:resource-in-bin";

    /// <summary>"If a resource matches more than one retention rule upon deletion, … the longest retention period takes precedence."</summary>
    public static TimeSpan? Retention(RegionStore store, string type, IReadOnlyDictionary<string, string> tags) =>
        store.RetentionRules.Where(r => r.ResourceType == type && Matches(r, tags)).Select(r => (TimeSpan?)r.Retention).Max();

    private static bool Matches(RetentionRule rule, IReadOnlyDictionary<string, string> tags)
    {
        static bool Has(IReadOnlyDictionary<string, string> tags, KeyValuePair<string, string?> t) =>
            tags.TryGetValue(t.Key, out var v) && (t.Value is null || t.Value == v);
        if (rule.ResourceTags.Count > 0) return rule.ResourceTags.Any(t => Has(tags, t));
        return !rule.ExcludeTags.Any(t => Has(tags, t));
    }

    /// <summary>Deletes an image: into the bin when a rule keeps it, else for good. Returns whether it was kept.</summary>
    public static bool DeleteImage(RegionStore store, Ec2Image image, DateTime now) => Delete(store.Images, store.BinImages, store, ImageType, image, now);

    public static bool DeleteSnapshot(RegionStore store, Ec2Snapshot snapshot, DateTime now) => Delete(store.Snapshots, store.BinSnapshots, store, SnapshotType, snapshot, now);

    /// <summary>Takes a resource out of the bin and back among the live ones; false when it is not in the bin.</summary>
    public static bool Restore<T>(Dictionary<string, T> live, Dictionary<string, Binned<T>> bin, string id) where T : Ec2Resource
    {
        if (!bin.Remove(id, out var binned)) return false;
        binned.Resource.Tags.Remove(InBinTag);
        live[id] = binned.Resource;
        return true;
    }

    private static bool Delete<T>(Dictionary<string, T> live, Dictionary<string, Binned<T>> bin, RegionStore store, string type, T resource, DateTime now) where T : Ec2Resource
    {
        live.Remove(resource.Id);
        if (Retention(store, type, resource.Tags) is not { } keep) return false;
        resource.Tags[InBinTag] = "true";
        bin[resource.Id] = new Binned<T>(resource, now, now + keep);
        return true;
    }

    /// <summary>"The resource will be automatically deleted when its retention period expires."</summary>
    public static void Expire(RegionStore store, DateTime now)
    {
        foreach (var id in store.BinImages.Where(b => b.Value.ExitTime <= now).Select(b => b.Key).ToList()) store.BinImages.Remove(id);
        foreach (var id in store.BinSnapshots.Where(b => b.Value.ExitTime <= now).Select(b => b.Key).ToList()) store.BinSnapshots.Remove(id);
    }
}
