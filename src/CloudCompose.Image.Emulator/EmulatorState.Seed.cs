using CloudCompose.Image.Emulator.Admin;
using CloudCompose.Image.Emulator.Model;

namespace CloudCompose.Image.Emulator;

public sealed partial class EmulatorState
{
    private static readonly string[] SeedableInstanceStates = ["pending", "running", "stopping", "stopped", "shutting-down", "terminated"];
    private static readonly string[] SeedableImageStates = ["available", "pending", "failed", "disabled"];

    /// <summary>Creates resources directly, without API calls, counters or log entries.</summary>
    public SeedResult Seed(SeedSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var result = new SeedResult();
        lock (Sync)
        {
            var now = Clock.UtcNow;
            var store = Store(spec.Region);
            Lifecycle.Lifecycle.Refresh(store, now, Delays);
            foreach (var si in spec.Images) SeedImages(store, si, now, result);
            foreach (var sl in spec.LaunchTemplates) SeedTemplate(store, sl, now, result);
            foreach (var ss in spec.SsmParameters) store.SsmParameters.Add(new SsmParameter(ss.Name, ResolveImage(store, ss.ImageId, ss.ImageName)));
            foreach (var sr in spec.ImageRecipes) store.ImageRecipes.Add(new ImageRecipe(sr.Name, sr.Version, ResolveImage(store, sr.ImageId, sr.ImageName), sr.Container));
            foreach (var sn in spec.Instances) SeedInstances(store, sn, now, result);
            foreach (var rule in spec.RetentionRules) store.RetentionRules.Add(Rule(rule));
            foreach (var u in spec.ForeignUsage)
            {
                if (u.ResourceType is not ("ec2:Instance" or "ec2:LaunchTemplate")) throw new ArgumentException($"Foreign usage resource type '{u.ResourceType}' must be ec2:Instance or ec2:LaunchTemplate.");
                store.ForeignUsage.Add(new ForeignUsage(ResolveImage(store, u.ImageId, u.ImageName), u.AccountId, u.ResourceType, u.Count));
            }
        }
        return result;
    }

    private void SeedImages(RegionStore store, SeedImage si, DateTime now, SeedResult result)
    {
        if (!SeedableImageStates.Contains(si.State)) throw new ArgumentException($"Image state '{si.State}' cannot be seeded.");
        if (si.Count < 1 || si.Count > 100_000) throw new ArgumentException("Image Count must be 1..100000.");
        if (si.Id is not null && si.Count != 1) throw new ArgumentException("An explicit image Id needs Count = 1.");
        for (var n = 1; n <= si.Count; n++)
        {
            var name = si.Count == 1 ? si.Name : si.Name.Contains("{i}") ? si.Name.Replace("{i}", n.ToString()) : $"{si.Name}-{n}";
            var age = si.AgeDaysTo is { } last && si.Count > 1 ? si.AgeDays + (last - si.AgeDays) * (n - 1) / (si.Count - 1) : si.AgeDays;
            var created = now - TimeSpan.FromDays(age);
            var img = new Ec2Image
            {
                Id = si.Id ?? NewId("ami"), Region = store.Name, Name = name, Description = si.Description,
                OwnerId = si.OwnerId ?? AccountId, State = si.State, FinalState = si.State == "pending" ? "available" : si.State,
                AvailableAt = si.State == "pending" ? now + Delays.ImageDelay : created, CreationDate = created, Public = si.Public,
                DeprecationTime = si.DeprecationTime, Protected = si.DeregistrationProtection, LastLaunchedTime = si.LastLaunchedTime, Platform = si.Platform,
                MeetsCriteria = si.Allowed,
            };
            if (si.Tags is not null) foreach (var (k, v) in si.Tags) img.Tags[k] = v;
            if (si.SharedWith is not null) foreach (var a in si.SharedWith) img.SharedWith.Add(a);
            for (var d = 0; d < si.SnapshotCount; d++)
            {
                var snap = new Ec2Snapshot
                {
                    Id = NewId("snap"), Region = store.Name, OwnerId = img.OwnerId, VolumeId = "vol-ffffffff", VolumeSize = 8,
                    Description = $"Created by CreateImage(i-seeded) for {img.Id}", StartTime = created, CompletesAt = created, Status = "completed",
                };
                if (si.SnapshotTags is not null) foreach (var (k, v) in si.SnapshotTags) snap.Tags[k] = v;
                store.Snapshots[snap.Id] = snap;
                result.SnapshotIds.Add(snap.Id);
                img.Devices.Add(new ImageDevice { DeviceName = d == 0 ? "/dev/xvda" : $"/dev/xvd{(char)('a' + d)}", SnapshotId = snap.Id });
            }
            store.Images[img.Id] = img;
            result.ImageIds.Add(img.Id);
        }
    }

    private static RetentionRule Rule(SeedRetentionRule rule)
    {
        if (rule.ResourceType is not (RecycleBin.ImageType or RecycleBin.SnapshotType)) throw new ArgumentException($"Retention rule resource type '{rule.ResourceType}' must be EC2_IMAGE or EBS_SNAPSHOT.");
        if (rule.RetentionDays <= 0) throw new ArgumentException("A retention rule needs RetentionDays > 0.");
        if (rule.ResourceTags is { Count: > 0 } && rule.ExcludeResourceTags is { Count: > 0 }) throw new ArgumentException("A tag-level rule (ResourceTags) cannot have ExcludeResourceTags.");
        static List<KeyValuePair<string, string?>> Tags(Dictionary<string, string?>? d) => d?.ToList() ?? [];
        return new RetentionRule(rule.ResourceType, TimeSpan.FromDays(rule.RetentionDays), Tags(rule.ResourceTags), Tags(rule.ExcludeResourceTags));
    }

    private static string ResolveImage(RegionStore store, string? id, string? name)
    {
        if (id is not null) return id;
        if (name is null) throw new ArgumentException("Give ImageId or ImageName.");
        return store.Images.Values.FirstOrDefault(i => i.Name == name)?.Id ?? throw new ArgumentException($"No image named '{name}' in {store.Name}.");
    }

    private void SeedTemplate(RegionStore store, SeedLaunchTemplate sl, DateTime now, SeedResult result)
    {
        var t = new Ec2LaunchTemplate { Id = NewId("lt"), Region = store.Name, Name = sl.Name, CreatedAt = now };
        if (sl.Tags is not null) foreach (var (k, v) in sl.Tags) t.Tags[k] = v;
        var versions = sl.Versions.Count > 0 ? sl.Versions : [new SeedLaunchTemplateVersion()];
        var n = 0;
        foreach (var sv in versions)
        {
            var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["InstanceType"] = sv.InstanceType ?? "t3.micro" };
            if (sv.ImageId is not null || sv.ImageName is not null) data["ImageId"] = ResolveImage(store, sv.ImageId, sv.ImageName);
            t.Versions.Add(new LaunchTemplateVersion { Number = ++n, Description = sv.Description, CreatedAt = now, Data = data });
        }
        t.DefaultVersion = sl.DefaultVersion ?? 1;
        store.LaunchTemplates[t.Id] = t;
        result.LaunchTemplateIds.Add(t.Id);
    }

    private void SeedInstances(RegionStore store, SeedInstance sn, DateTime now, SeedResult result)
    {
        if (!SeedableInstanceStates.Contains(sn.State)) throw new ArgumentException($"Instance state '{sn.State}' cannot be seeded.");
        if (sn.Count < 1 || sn.Count > 10_000) throw new ArgumentException("Instance Count must be 1..10000.");
        var imageId = ResolveImage(store, sn.ImageId, sn.ImageName);
        var reservation = NewId("r");
        for (var n = 0; n < sn.Count; n++)
        {
            var launched = now - TimeSpan.FromDays(sn.AgeDays);
            var inst = new Ec2Instance
            {
                Id = NewId("i"), Region = store.Name, ReservationId = reservation, ImageId = imageId, InstanceType = sn.InstanceType,
                LaunchTime = launched, LaunchIndex = n, State = sn.State, RunningAt = sn.State == "pending" ? null : launched,
                TerminatedAt = sn.State == "terminated" ? now : null,
            };
            if (sn.Tags is not null) foreach (var (k, v) in sn.Tags) inst.Tags[k] = v;
            var vol = new Ec2Volume { Id = NewId("vol"), Region = store.Name, InstanceId = inst.Id, CreatedAt = launched };
            if (sn.State != "terminated") { store.Volumes[vol.Id] = vol; inst.VolumeIds.Add(vol.Id); }
            store.Instances[inst.Id] = inst;
            result.InstanceIds.Add(inst.Id);
        }
    }
}
