using CloudCompose.Image.Emulator.Model;
using CloudCompose.Image.Emulator.Protocol;

namespace CloudCompose.Image.Emulator.Xml;

internal static class LaunchTemplateXml
{
    public static string CreatedBy => $"arn:aws:iam::{EmulatorState.AccountId}:root";

    public static void Template(XmlOut x, Ec2LaunchTemplate t) =>
        x.Elem("launchTemplateId", t.Id).Elem("launchTemplateName", t.Name).Elem("createTime", t.CreatedAt).Elem("createdBy", CreatedBy)
         .Elem("defaultVersionNumber", t.DefaultVersion).Elem("latestVersionNumber", t.LatestVersion).TagSet(t.Tags);

    /// <param name="imageId">The image id to show: with ResolveAlias, a resolve:ssm: alias becomes the parameter's AMI id.</param>
    public static void Version(XmlOut x, Ec2LaunchTemplate t, LaunchTemplateVersion v, Func<string?, string?>? imageId = null)
    {
        x.Elem("launchTemplateId", t.Id).Elem("launchTemplateName", t.Name).Elem("versionNumber", v.Number)
         .Elem("versionDescription", v.Description).Elem("createTime", v.CreatedAt).Elem("createdBy", CreatedBy)
         .Elem("defaultVersion", v.Number == t.DefaultVersion);
        x.Open("launchTemplateData");
        Data(x, new QueryParams(v.Data), imageId ?? (id => id));
        x.Close();
    }

    /// <summary>The launch template data fields the module uses, echoed from what was stored.</summary>
    private static void Data(XmlOut x, QueryParams d, Func<string?, string?> imageId)
    {
        x.Elem("imageId", imageId(d.Get("ImageId"))).Elem("instanceType", d.Get("InstanceType")).Elem("keyName", d.Get("KeyName"))
         .Elem("userData", d.Get("UserData")).Elem("instanceInitiatedShutdownBehavior", d.Get("InstanceInitiatedShutdownBehavior"))
         .Elem("ebsOptimized", d.Get("EbsOptimized"));
        if (d.Get("IamInstanceProfile.Arn") is not null || d.Get("IamInstanceProfile.Name") is not null)
            x.Open("iamInstanceProfile").Elem("arn", d.Get("IamInstanceProfile.Arn")).Elem("name", d.Get("IamInstanceProfile.Name")).Close();
        if (d.Get("Monitoring.Enabled") is { } mon) x.Open("monitoring").Elem("enabled", mon).Close();
        var meta = d.Sub("MetadataOptions");
        if (!meta.IsEmpty)
            x.Open("metadataOptions").Elem("httpTokens", meta.Get("HttpTokens")).Elem("httpEndpoint", meta.Get("HttpEndpoint"))
             .Elem("httpPutResponseHopLimit", meta.Get("HttpPutResponseHopLimit")).Elem("instanceMetadataTags", meta.Get("InstanceMetadataTags")).Close();
        var groups = d.List("SecurityGroupId");
        if (groups.Count > 0)
        {
            x.Open("securityGroupIdSet");
            foreach (var g in groups) x.Elem("item", g);
            x.Close();
        }
        var bdms = d.Members("BlockDeviceMapping");
        if (bdms.Count > 0)
            x.Set("blockDeviceMappingSet", bdms, (w, m) =>
            {
                w.Elem("deviceName", m.Get("DeviceName"));
                var ebs = m.Sub("Ebs");
                if (!ebs.IsEmpty)
                    w.Open("ebs").Elem("volumeSize", ebs.Get("VolumeSize")).Elem("volumeType", ebs.Get("VolumeType"))
                     .Elem("deleteOnTermination", ebs.Get("DeleteOnTermination")).Elem("encrypted", ebs.Get("Encrypted"))
                     .Elem("snapshotId", ebs.Get("SnapshotId")).Close();
            });
        var specs = d.Members("TagSpecification");
        if (specs.Count > 0)
            x.Set("tagSpecificationSet", specs, (w, s) =>
            {
                w.Elem("resourceType", s.Get("ResourceType"));
                w.TagSet(s.Tags().Select(t => new KeyValuePair<string, string>(t.Key, t.Value ?? "")));
            });
    }
}
