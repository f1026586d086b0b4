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
    public static bool DeleteImage(RegionStore store, Ec2Image image, DateTime now)
    {
        store.Images.Remove(image.Id);
        if (Retention(store, ImageType, image.Tags) is not { } keep) return false;
        image.Tags[InBinTag] = "true";
        store.BinImages[image.Id] = new Binned<Ec2Image>(image, now, now + keep);
        return true;
    }

    public static bool DeleteSnapshot(RegionStore store, Ec2Snapshot snapshot, DateTime now)
    {
        store.Snapshots.Remove(snapshot.Id);
        if (Retention(store, SnapshotType, snapshot.Tags) is not { } keep) return false;
        snapshot.Tags[InBinTag] = "true";
        store.BinSnapshots[snapshot.Id] = new Binned<Ec2Snapshot>(snapshot, now, now + keep);
        return true;
    }

    /// <summary>"The resource will be automatically deleted when its retention period expires."</summary>
    public static void Expire(RegionStore store, DateTime now)
    {
        foreach (var id in store.BinImages.Where(b => b.Value.ExitTime <= now).Select(b => b.Key).ToList()) store.BinImages.Remove(id);
        foreach (var id in store.BinSnapshots.Where(b => b.Value.ExitTime <= now).Select(b => b.Key).ToList()) store.BinSnapshots.Remove(id);
    }
}
