using System.Text.RegularExpressions;
using CloudCompose.Image.Emulator.Filters;
using CloudCompose.Image.Emulator.Model;
using CloudCompose.Image.Emulator.Protocol;
using CloudCompose.Image.Emulator.Xml;

namespace CloudCompose.Image.Emulator.Actions;

internal static partial class ImageActions
{
    public static void Register(Dictionary<string, Func<Ec2Request, string>> d)
    {
        d["CreateImage"] = CreateImage;
        d["DescribeImages"] = DescribeImages;
        d["DeregisterImage"] = DeregisterImage;
        d["CopyImage"] = CopyImage;
    }

    [GeneratedRegex(@"^[A-Za-z0-9()\[\] ./\-'@_]{3,128}$")]
    private static partial Regex NameRule();

    internal static void CheckName(RegionStore store, string name, string? exceptId = null)
    {
        if (!NameRule().IsMatch(name))
            throw new Ec2Error("InvalidAMIName.Malformed",
                "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '[', ']', ' ', '.', '/', '-', ''', '@' and '_'");
        var dup = store.Images.Values.FirstOrDefault(i => i.Name == name && i.OwnerId == EmulatorState.AccountId && i.Id != exceptId);
        if (dup is not null) throw new Ec2Error("InvalidAMIName.Duplicate", $"AMI name {name} is already in use by AMI {dup.Id}");
    }

    /// <summary>Finds an image the caller can see in <paramref name="store"/>, or throws EC2's errors.</summary>
    internal static Ec2Image Find(Ec2Request r, RegionStore store, string id, bool ownedOnly = false)
    {
        Ids.CheckImage(id);
        if (!store.Images.TryGetValue(id, out var img) || !img.VisibleTo(Ec2Request.Account) || !r.Visible(img))
            throw Ids.ImagesNotFound([id]);
        if (ownedOnly && img.OwnerId != Ec2Request.Account)
            throw new Ec2Error("AuthFailure", $"Not authorized for image:{id}", 400);
        return img;
    }

    private static string CreateImage(Ec2Request r)
    {
        var p = r.P;
        var instanceId = p.Require("InstanceId");
        var name = p.Require("Name");
        Ids.CheckInstance(instanceId);
        var store = r.Store;
        if (!store.Instances.TryGetValue(instanceId, out var inst) || !r.Visible(inst)) throw Ids.InstancesNotFound([instanceId]);
        CheckName(store, name);
        var tagSpecs = p.TagSpecifications("image", "snapshot");
        if (inst.State is not ("running" or "stopped"))
            throw new Ec2Error("IncorrectInstanceState", $"The instance '{instanceId}' is not in a state from which it can be imaged.");

        var image = NewImage(r, name, p.Get("Description"), tagSpecs.GetValueOrDefault("image"));
        image.SourceInstanceId = instanceId;
        image.RootDeviceName = inst.RootDeviceName;
        foreach (var vid in inst.VolumeIds)
        {
            if (!store.Volumes.TryGetValue(vid, out var vol)) continue;
            var snap = NewSnapshot(r, store, vid, vol.Size, $"Created by CreateImage({instanceId}) for {image.Id}", tagSpecs.GetValueOrDefault("snapshot"));
            image.Devices.Add(new ImageDevice { DeviceName = vol.DeviceName, SnapshotId = snap.Id, VolumeSize = vol.Size, VolumeType = vol.VolumeType, DeleteOnTermination = vol.DeleteOnTermination });
        }
        store.Images[image.Id] = image;
        return r.Xml().Elem("imageId", image.Id).Finish();
    }

    internal static Ec2Image NewImage(Ec2Request r, string name, string? description, Dictionary<string, string>? tags)
    {
        var image = new Ec2Image
        {
            Id = r.State.NewId("ami"), Region = r.Region, Name = name, Description = description, CreationDate = r.Now,
            AvailableAt = r.Now + r.Delays.ImageDelay, VisibleAt = r.Now + r.Delays.ConsistencyDelay,
            FinalState = r.State.Faults.TakeImageFailure(name) ? "failed" : "available",
        };
        if (tags is not null) foreach (var (k, v) in tags) image.Tags[k] = v;
        return image;
    }

    internal static Ec2Snapshot NewSnapshot(Ec2Request r, RegionStore store, string? volumeId, int size, string description, Dictionary<string, string>? tags)
    {
        var snap = new Ec2Snapshot
        {
            Id = r.State.NewId("snap"), Region = store.Name, VolumeId = volumeId ?? "vol-ffffffff", VolumeSize = size, Description = description,
            StartTime = r.Now, CompletesAt = r.Now + r.Delays.SnapshotDelay,
        };
        if (tags is not null) foreach (var (k, v) in tags) snap.Tags[k] = v;
        store.Snapshots[snap.Id] = snap;
        return snap;
    }

    private static readonly string[] ImageFilters =
    [
        "image-id", "name", "state", "owner-id", "owner-alias", "description", "is-public", "architecture", "image-type",
        "root-device-type", "root-device-name", "virtualization-type", "platform", "platform-details", "block-device-mapping.snapshot-id",
        "block-device-mapping.volume-size", "block-device-mapping.device-name", "creation-date", "source-instance-id",
        "hypervisor", "deprecation-time", "source-image-id", "source-image-region",
    ];

    private static IEnumerable<string?> FilterValues(Ec2Image i, string name) =>
        name switch
        {
            _ when FilterSet<Ec2Image>.TagValues(i.Tags, name) is { } tv => tv,
            "image-id" => [i.Id],
            "name" => [i.Name],
            "state" => [i.State],
            "owner-id" => [i.OwnerId],
            "owner-alias" => [i.OwnerId == "137112412989" ? "amazon" : null],
            "description" => [i.Description],
            "is-public" => [i.Public ? "true" : "false"],
            "architecture" => [i.Architecture],
            "image-type" => ["machine"],
            "root-device-type" => ["ebs"],
            "root-device-name" => [i.RootDeviceName],
            "virtualization-type" => ["hvm"],
            "hypervisor" => ["xen"],
            "platform" => [i.Platform],
            "platform-details" => [i.Platform == "windows" ? "Windows" : "Linux/UNIX"],
            "block-device-mapping.snapshot-id" => i.Devices.Select(d => d.SnapshotId),
            "block-device-mapping.volume-size" => i.Devices.Select(d => d.VolumeSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "block-device-mapping.device-name" => i.Devices.Select(d => d.DeviceName),
            "creation-date" => [XmlOut.Time(i.CreationDate)],
            "deprecation-time" => [i.DeprecationTime is { } t ? XmlOut.Time(t) : null],
            "source-instance-id" => [i.SourceInstanceId],
            "source-image-id" => [i.SourceImageId],
            "source-image-region" => [i.SourceRegion],
            _ => [],
        };

    private static string DescribeImages(Ec2Request r)
    {
        var p = r.P;
        var max = Pager.MaxResults(p, 1, 1000);
        var store = r.Store;
        var account = Ec2Request.Account;
        var ids = p.List("ImageId");
        var owners = p.List("Owner");
        var executable = p.List("ExecutableBy");
        var includeDeprecated = p.Bool("IncludeDeprecated") ?? false;
        var includeDisabled = p.Bool("IncludeDisabled") ?? false;
        var filters = new FilterSet<Ec2Image>(p, ImageFilters, FilterValues);
        // With Allowed AMIs enabled, images outside the criteria are not discoverable; in audit mode each image says whether it would be.
        var allowedImages = store.AllowedImagesState;
        bool Discoverable(Ec2Image i) => i.VisibleTo(account) && r.Visible(i) && (allowedImages != "enabled" || i.AllowedFor(account));
        IEnumerable<Ec2Image> items;
        if (ids.Count > 0)
        {
            ids.ForEach(Ids.CheckImage);
            var missing = ids.Where(id => !store.Images.TryGetValue(id, out var i) || !Discoverable(i)).Distinct().ToList();
            if (missing.Count > 0) throw Ids.ImagesNotFound(missing);
            items = ids.Distinct().Select(id => store.Images[id]);
        }
        else
        {
            items = store.Images.Values.Where(Discoverable)
                // Deprecated images of other owners show only when asked for; disabled ones only with IncludeDisabled.
                .Where(i => includeDeprecated || i.OwnerId == account || !i.IsDeprecated(r.Now));
        }
        items = items.Where(i => includeDisabled || i.State != "disabled");
        if (owners.Count > 0)
            items = items.Where(i => owners.Any(o => o switch
            {
                "self" => i.OwnerId == account,
                "amazon" => i.OwnerId == "137112412989",
                "aws-marketplace" => i.OwnerId == "679593333241",
                _ => i.OwnerId == o,
            }));
        if (executable.Count > 0)
            items = items.Where(i => executable.Any(e => e switch
            {
                "all" => i.Public,
                _ => i.SharedWith.Contains(e == "self" ? account : e),
            }));
        var (page, next) = Pager.Page(items.Where(filters.Matches), i => i.Id, max, p.Get("NextToken"), r.Action);
        var x = r.Xml();
        x.Set("imagesSet", page, (w, i) => ImageXml.Image(w, i, r.Now, allowedImages == "disabled" ? null : i.AllowedFor(account)));
        x.Elem("nextToken", next);
        return x.Finish();
    }

    private static string DeregisterImage(Ec2Request r)
    {
        var id = r.P.Require("ImageId");
        var store = r.Store;
        var image = Find(r, store, id, ownedOnly: true);
        if (image.IsProtected(r.Now))
            throw new Ec2Error("InvalidParameterValue",
                $"Image {id} has deregistration protection enabled. Disable deregistration protection before deregistering the image.");
        RecycleBin.DeleteImage(store, image, r.Now);
        var x = r.Xml().Elem("return", true);
        if (r.P.Bool("DeleteAssociatedSnapshots") == true)
        {
            var results = new List<(string SnapshotId, string Code)>();
            foreach (var dev in image.Devices)
            {
                if (dev.SnapshotId is not { } sid || !store.Snapshots.TryGetValue(sid, out var snapshot)) continue;
                var inUse = store.Images.Values.Any(o => o.Devices.Any(d => d.SnapshotId == sid));
                if (!inUse && r.State.Permissions.RefusesSnapshotDeletion(snapshot))
                {
                    // "missing-permissions - The snapshot was not deleted because the role lacks DeleteSnapshot permissions."
                    results.Add((sid, "missing-permissions"));
                    continue;
                }
                if (!inUse && r.State.Faults.HasCallFault("DeleteSnapshot"))
                {
                    // "internal-error - The snapshot was not deleted because of a server error." A DeleteSnapshot fault
                    // waiting for the caller's own retry stands for the snapshot EC2 failed to delete.
                    results.Add((sid, "internal-error"));
                    continue;
                }
                if (!inUse) RecycleBin.DeleteSnapshot(store, snapshot, r.Now);
                // "skipped - The snapshot was not deleted because it's associated with other AMIs."
                results.Add((sid, inUse ? "skipped" : "success"));
            }
            x.Set("deleteSnapshotResultSet", results, (w, s) => w.Elem("snapshotId", s.SnapshotId).Elem("returnCode", s.Code));
        }
        return x.Finish();
    }

    private static string CopyImage(Ec2Request r)
    {
        var p = r.P;
        var sourceId = p.Require("SourceImageId");
        var sourceRegion = p.Require("SourceRegion");
        var name = p.Require("Name");
        if (!EmulatorState.KnownRegions.Contains(sourceRegion) && !r.State.Stores.Any(s => s.Name == sourceRegion))
            throw Ec2Error.InvalidParameterValue($"Invalid region: {sourceRegion}");
        var token = p.Get("ClientToken");
        var store = r.Store;
        if (token is not null && store.CopyTokens.TryGetValue(token, out var priorId))
            return r.Xml().Elem("imageId", priorId).Finish();
        var source = Find(r, r.Refreshed(sourceRegion), sourceId);
        if (source.State != "available") throw new Ec2Error("IncorrectState", $"Image {sourceId} is not in a valid state for copying (state: {source.State}).");
        CheckName(store, name);
        var tagSpecs = p.TagSpecifications("image", "snapshot");
        var imageTags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (p.Bool("CopyImageTags") == true) foreach (var (k, v) in source.Tags.Where(t => !t.Key.StartsWith("aws:", StringComparison.Ordinal))) imageTags[k] = v;
        foreach (var (k, v) in tagSpecs.GetValueOrDefault("image") ?? []) imageTags[k] = v;
        var image = NewImage(r, name, p.Get("Description") ?? source.Description, imageTags);
        image.SourceImageId = sourceId;
        image.SourceRegion = sourceRegion;
        image.RootDeviceName = source.RootDeviceName;
        image.Architecture = source.Architecture;
        image.Platform = source.Platform;
        foreach (var dev in source.Devices)
        {
            var snap = NewSnapshot(r, store, null, dev.VolumeSize, $"Copied for DestinationAmi {image.Id} from SourceAmi {sourceId} for SourceSnapshot {dev.SnapshotId}. Task created on {r.Now:yyyy-MM-dd}.", tagSpecs.GetValueOrDefault("snapshot"));
            image.Devices.Add(new ImageDevice { DeviceName = dev.DeviceName, SnapshotId = snap.Id, VolumeSize = dev.VolumeSize, VolumeType = dev.VolumeType, DeleteOnTermination = dev.DeleteOnTermination });
        }
        store.Images[image.Id] = image;
        if (token is not null) store.CopyTokens[token] = image.Id;
        return r.Xml().Elem("imageId", image.Id).Finish();
    }
}
