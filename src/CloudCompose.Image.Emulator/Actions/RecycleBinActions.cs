using CloudCompose.Image.Emulator.Model;
using CloudCompose.Image.Emulator.Protocol;
using CloudCompose.Image.Emulator.Xml;

namespace CloudCompose.Image.Emulator.Actions;

/// <summary>The EC2 side of the Recycle Bin: listing and restoring the AMIs and snapshots a retention rule kept.</summary>
internal static class RecycleBinActions
{
    public static void Register(Dictionary<string, Func<Ec2Request, string>> d)
    {
        d["ListImagesInRecycleBin"] = ListImages;
        d["RestoreImageFromRecycleBin"] = RestoreImage;
        d["ListSnapshotsInRecycleBin"] = ListSnapshots;
        d["RestoreSnapshotFromRecycleBin"] = RestoreSnapshot;
    }

    private static string ListImages(Ec2Request r)
    {
        var ids = r.P.List("ImageId");
        // "You can specify up to 20 IDs in a single request."
        if (ids.Count > 20) throw Ec2Error.InvalidParameterValue("You can specify up to 20 image IDs in a single request.");
        ids.ForEach(Ids.CheckImage);
        return List(r, r.Store.BinImages, ids, 1, "imageSet", (w, b) => w.Elem("imageId", b.Resource.Id).Elem("name", b.Resource.Name)
            .Elem("description", b.Resource.Description).Elem("recycleBinEnterTime", b.EnterTime).Elem("recycleBinExitTime", b.ExitTime));
    }

    private static string List<T>(Ec2Request r, Dictionary<string, Binned<T>> bin, List<string> ids, int minResults, string setName, Action<XmlOut, Binned<T>> item) where T : Ec2Resource
    {
        var max = Pager.MaxResults(r.P, minResults, 1000);
        var items = bin.Values.Where(b => ids.Count == 0 || ids.Contains(b.Resource.Id));
        var (page, next) = Pager.Page(items, b => b.Resource.Id, max, r.P.Get("NextToken"), r.Action);
        var x = r.Xml();
        x.Set(setName, page, item);
        x.Elem("nextToken", next);
        return x.Finish();
    }

    private static string RestoreImage(Ec2Request r)
    {
        var id = r.P.Require("ImageId");
        Ids.CheckImage(id);
        var store = r.Store;
        if (!RecycleBin.Restore(store.Images, store.BinImages, id)) throw Ids.ImagesNotFound([id]);
        return r.Ok();
    }

    private static string ListSnapshots(Ec2Request r)
    {
        var ids = r.P.List("SnapshotId");
        ids.ForEach(Ids.CheckSnapshot);
        return List(r, r.Store.BinSnapshots, ids, 5, "snapshotSet", (w, b) => w.Elem("snapshotId", b.Resource.Id).Elem("recycleBinEnterTime", b.EnterTime)
            .Elem("recycleBinExitTime", b.ExitTime).Elem("description", b.Resource.Description).Elem("volumeId", b.Resource.VolumeId));
    }

    private static string RestoreSnapshot(Ec2Request r)
    {
        var id = r.P.Require("SnapshotId");
        Ids.CheckSnapshot(id);
        var store = r.Store;
        if (!RecycleBin.Restore(store.Snapshots, store.BinSnapshots, id)) throw Ids.SnapshotNotFound(id);
        var s = store.Snapshots[id];
        return r.Xml().Elem("snapshotId", s.Id).Elem("description", s.Description).Elem("encrypted", false).Elem("ownerId", s.OwnerId)
            .Elem("progress", "100%").Elem("startTime", s.StartTime).Elem("status", s.Status).Elem("volumeId", s.VolumeId).Elem("volumeSize", s.VolumeSize).Finish();
    }
}
