using CloudCompose.Image.Emulator.Model;

namespace CloudCompose.Image.Emulator.Xml;

internal static class ImageXml
{
    public static string Protection(Ec2Image i, DateTime now) =>
        i.Protected ? (i.ProtectedWithCooldown ? "enabled-with-cooldown" : "enabled")
        : i.ProtectedUntil is { } u && now < u ? "disabled-until-" + XmlOut.Time(u) : "disabled";

    /// <param name="allowed">imageAllowed, which EC2 shows only while Allowed AMIs is in audit mode or enabled.</param>
    public static void Image(XmlOut x, Ec2Image i, DateTime now, bool? allowed = null)
    {
        x.Elem("imageId", i.Id)
         .Elem("imageLocation", $"{i.OwnerId}/{i.Name}")
         .Elem("imageState", i.State)
         .Elem("imageOwnerId", i.OwnerId)
         .Elem("creationDate", i.CreationDate)
         .Elem("isPublic", i.Public)
         .Elem("architecture", i.Architecture)
         .Elem("imageType", "machine")
         .Elem("platform", i.Platform)
         .Elem("platformDetails", i.Platform == "windows" ? "Windows" : "Linux/UNIX")
         .Elem("usageOperation", i.Platform == "windows" ? "RunInstances:0002" : "RunInstances")
         .Elem("name", i.Name)
         .Elem("description", i.Description)
         .Elem("rootDeviceType", "ebs")
         .Elem("rootDeviceName", i.RootDeviceName);
        Devices(x, "blockDeviceMapping", i.Devices);
        x.Elem("virtualizationType", "hvm");
        x.TagSet(i.Tags);
        x.Elem("hypervisor", "xen").Elem("enaSupport", true).Elem("sriovNetSupport", "simple")
         .Elem("bootMode", "uefi-preferred").Elem("imdsSupport", "v2.0");
        if (i.StateReason is { } sr) x.Open("stateReason").Elem("code", sr.Code).Elem("message", sr.Message).Close();
        if (i.DeprecationTime is { } d) x.Elem("deprecationTime", d);
        x.Elem("deregistrationProtection", Protection(i, now));
        if (i.LastLaunchedTime is { } l) x.Elem("lastLaunchedTime", l);
        x.Elem("sourceInstanceId", i.SourceInstanceId).Elem("sourceImageId", i.SourceImageId).Elem("sourceImageRegion", i.SourceRegion);
        if (allowed is { } a) x.Elem("imageAllowed", a);
    }

    public static void Devices(XmlOut x, string setName, IEnumerable<ImageDevice> devices) =>
        x.Set(setName, devices, (w, d) => w.Elem("deviceName", d.DeviceName)
            .Open("ebs").Elem("snapshotId", d.SnapshotId).Elem("volumeSize", d.VolumeSize).Elem("deleteOnTermination", d.DeleteOnTermination)
            .Elem("volumeType", d.VolumeType).Elem("encrypted", false).Close());
}
