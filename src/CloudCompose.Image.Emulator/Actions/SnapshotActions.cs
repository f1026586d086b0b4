using CloudCompose.Image.Emulator.Filters;
using CloudCompose.Image.Emulator.Model;
using CloudCompose.Image.Emulator.Protocol;
using CloudCompose.Image.Emulator.Xml;

namespace CloudCompose.Image.Emulator.Actions;

internal static class SnapshotActions
{
    public static void Register(Dictionary<string, Func<Ec2Request, string>> d)
    {
        d["DescribeSnapshots"] = DescribeSnapshots;
        d["DeleteSnapshot"] = DeleteSnapshot;
    }

    private static readonly string[] SnapshotFilters =
        ["snapshot-id", "volume-id", "status", "owner-id", "owner-alias", "description", "volume-size", "start-time", "progress", "encrypted", "storage-tier"];

    private static IEnumerable<string?> FilterValues(Ec2Snapshot s, string name) =>
        name switch
        {
            _ when FilterSet<Ec2Snapshot>.TagValues(s.Tags, name) is { } tv => tv,
            "snapshot-id" => [s.Id],
            "volume-id" => [s.VolumeId],
            "status" => [s.Status],
            "owner-id" => [s.OwnerId],
            "description" => [s.Description],
            "volume-size" => [s.VolumeSize.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            "start-time" => [XmlOut.Time(s.StartTime)],
            "progress" => [s.Status == "completed" ? "100%" : "0%"],
            "encrypted" => ["false"],
            "storage-tier" => ["standard"],
            _ => [],
        };

    private static string DescribeSnapshots(Ec2Request r)
    {
        var p = r.P;
        var max = Pager.MaxResults(p, 5, 1000, "SnapshotId", "snapshotSet");
        var store = r.Store;
        var account = Ec2Request.Account;
        var ids = p.List("SnapshotId");
        var owners = p.List("Owner");
        var filters = new FilterSet<Ec2Snapshot>(p, SnapshotFilters, FilterValues);
        IEnumerable<Ec2Snapshot> items;
        if (ids.Count > 0)
        {
            ids.ForEach(Ids.CheckSnapshot);
            var missing = ids.FirstOrDefault(id => !store.Snapshots.ContainsKey(id));
            if (missing is not null) throw Ids.SnapshotNotFound(missing);
            items = ids.Distinct().Select(id => store.Snapshots[id]);
        }
        else items = store.Snapshots.Values.Where(s => s.OwnerId == account);
        if (owners.Count > 0) items = items.Where(s => owners.Any(o => (o == "self" ? account : o) == s.OwnerId));
        var (page, next) = Pager.Page(items.Where(filters.Matches), s => s.Id, max, p.Get("NextToken"), r.Action);
        var x = r.Xml();
        x.Set("snapshotSet", page, (w, s) => w.Elem("snapshotId", s.Id).Elem("volumeId", s.VolumeId).Elem("status", s.Status)
            .Elem("startTime", s.StartTime).Elem("progress", s.Status == "completed" ? "100%" : "0%").Elem("ownerId", s.OwnerId)
            .Elem("volumeSize", s.VolumeSize).Elem("description", s.Description).Elem("encrypted", false).Elem("storageTier", "standard")
            .TagSet(s.Tags));
        x.Elem("nextToken", next);
        return x.Finish();
    }

    private static string DeleteSnapshot(Ec2Request r)
    {
        var id = r.P.Require("SnapshotId");
        Ids.CheckSnapshot(id);
        var store = r.Store;
        if (!store.Snapshots.TryGetValue(id, out var snap)) throw Ids.SnapshotNotFound(id);
        if (snap.OwnerId != Ec2Request.Account) throw new Ec2Error("UnauthorizedOperation", $"You are not authorized to delete snapshot {id}.", 403);
        if (r.State.Permissions.RefusesSnapshotDeletion(snap))
            throw new Ec2Error("UnauthorizedOperation", $"You are not authorized to perform this operation. User is not authorized to perform: ec2:DeleteSnapshot on resource: arn:aws:ec2:{r.Region}::snapshot/{id} because no identity-based policy allows the ec2:DeleteSnapshot action", 403);
        var user = store.Images.Values.FirstOrDefault(i => i.Devices.Any(d => d.SnapshotId == id));
        if (user is not null) throw new Ec2Error("InvalidSnapshot.InUse", $"The snapshot {id} is currently in use by {user.Id}");
        RecycleBin.DeleteSnapshot(store, snap, r.Now);
        return r.Ok();
    }
}
