using CloudCompose.Image.Emulator.Model;

namespace CloudCompose.Image.Emulator;

public sealed record InstanceInfo(string Id, string Region, string State, string ImageId, string InstanceType, DateTime LaunchTime,
    IReadOnlyDictionary<string, string> Tags, string UserData, string? ConsoleText, IReadOnlyList<string> VolumeIds, DateTime? StoppedAt,
    DateTime? WatchdogAt, string? StateReason);

public sealed record ImageInfo(string Id, string Region, string Name, string? Description, string State, string OwnerId, DateTime CreationDate,
    IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> SnapshotIds, bool Public, IReadOnlyList<string> SharedWith, DateTime? LastLaunchedTime);

public sealed record SnapshotInfo(string Id, string Region, string Status, string OwnerId, IReadOnlyDictionary<string, string> Tags);

/// <summary>An AMI or snapshot a retention rule keeps in the Recycle Bin until <see cref="ExitTime"/>.</summary>
public sealed record BinnedInfo(string Id, string Name, DateTime EnterTime, DateTime ExitTime);

public sealed record RecycleBinInfo(IReadOnlyList<BinnedInfo> Images, IReadOnlyList<BinnedInfo> Snapshots);

public sealed partial class EmulatorState
{
    /// <summary>Instances of a region as of the emulated now (states refreshed from the clock).</summary>
    public IReadOnlyList<InstanceInfo> ListInstances(string region = "us-east-1") => Read(region, s => s.Instances.Values.Select(ToInfo).ToList());

    public IReadOnlyList<ImageInfo> ListImages(string region = "us-east-1") => Read(region, s => s.Images.Values.Select(ToInfo).ToList());

    public IReadOnlyList<SnapshotInfo> ListSnapshots(string region = "us-east-1") =>
        Read(region, s => s.Snapshots.Values.Select(x => new SnapshotInfo(x.Id, x.Region, x.Status, x.OwnerId, new Dictionary<string, string>(x.Tags))).ToList());

    public RecycleBinInfo ListRecycleBin(string region = "us-east-1") => Read(region, s => new RecycleBinInfo(
        s.BinImages.Values.Select(b => new BinnedInfo(b.Resource.Id, b.Resource.Name, b.EnterTime, b.ExitTime)).ToList(),
        s.BinSnapshots.Values.Select(b => new BinnedInfo(b.Resource.Id, b.Resource.Description, b.EnterTime, b.ExitTime)).ToList()));

    public InstanceInfo? GetInstance(string id) => FindIn(s => s.Instances.GetValueOrDefault(id) is { } i ? ToInfo(i) : null);

    public ImageInfo? GetImage(string id) => FindIn(s => s.Images.GetValueOrDefault(id) is { } i ? ToInfo(i) : null);

    private T Read<T>(string region, Func<RegionStore, T> f)
    {
        lock (Sync)
        {
            var s = Store(region);
            Lifecycle.Lifecycle.Refresh(s, Clock.UtcNow, Delays);
            return f(s);
        }
    }

    private T? FindIn<T>(Func<RegionStore, T?> f) where T : class
    {
        lock (Sync)
        {
            var now = Clock.UtcNow;
            foreach (var s in Stores)
            {
                Lifecycle.Lifecycle.Refresh(s, now, Delays);
                if (f(s) is { } found) return found;
            }
            return null;
        }
    }

    private static InstanceInfo ToInfo(Ec2Instance i) => new(i.Id, i.Region, i.State, i.ImageId, i.InstanceType, i.LaunchTime,
        new Dictionary<string, string>(i.Tags), i.DecodedUserData, i.ConsoleText, i.VolumeIds.ToList(), i.StoppedAt, i.WatchdogAt, i.StateReason?.Code);

    private static ImageInfo ToInfo(Ec2Image i) => new(i.Id, i.Region, i.Name, i.Description, i.State, i.OwnerId, i.CreationDate,
        new Dictionary<string, string>(i.Tags), i.Devices.Select(d => d.SnapshotId ?? "").ToList(), i.Public, i.SharedWith.ToList(), i.LastLaunchedTime);
}
