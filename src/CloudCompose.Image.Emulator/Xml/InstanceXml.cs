using CloudCompose.Image.Emulator.Model;

namespace CloudCompose.Image.Emulator.Xml;

internal static class InstanceXml
{
    public static void Reservation(XmlOut x, string reservationId, IEnumerable<Ec2Instance> instances, IReadOnlyDictionary<string, Ec2Volume> volumes)
    {
        x.Elem("reservationId", reservationId).Elem("ownerId", EmulatorState.AccountId);
        x.Open("groupSet").Close();
        x.Set("instancesSet", instances, (w, i) => Instance(w, i, volumes));
    }

    public static void State(XmlOut x, string element, string state) =>
        x.Open(element).Elem("code", Ec2Instance.Code(state)).Elem("name", state).Close();

    public static void Instance(XmlOut x, Ec2Instance i, IReadOnlyDictionary<string, Ec2Volume> volumes)
    {
        x.Elem("instanceId", i.Id).Elem("imageId", i.ImageId);
        State(x, "instanceState", i.State);
        var live = i.State != "terminated";
        x.Elem("privateDnsName", live ? $"ip-{i.PrivateIp.Replace('.', '-')}.ec2.internal" : "")
         .Elem("dnsName", "")
         .Elem("reason", i.Reason)
         .Elem("keyName", i.KeyName)
         .Elem("amiLaunchIndex", i.LaunchIndex)
         .Open("productCodes").Close()
         .Elem("instanceType", i.InstanceType)
         .Elem("launchTime", i.LaunchTime)
         .Open("placement").Elem("availabilityZone", i.Region + "a").Elem("groupName", "").Elem("tenancy", "default").Close()
         .Open("monitoring").Elem("state", i.Monitoring ? "enabled" : "disabled").Close();
        if (live) x.Elem("subnetId", i.SubnetId).Elem("vpcId", "vpc-0emulator0000000").Elem("privateIpAddress", i.PrivateIp);
        x.Set("groupSet", i.SecurityGroupIds, (w, g) => w.Elem("groupId", g).Elem("groupName", g == "sg-0default000000000" ? "default" : g));
        if (i.StateReason is { } sr) x.Open("stateReason").Elem("code", sr.Code).Elem("message", sr.Message).Close();
        x.Elem("architecture", "x86_64").Elem("rootDeviceType", "ebs").Elem("rootDeviceName", i.RootDeviceName);
        var attached = i.VolumeIds.Select(v => volumes.GetValueOrDefault(v)).Where(v => v is not null).ToList();
        x.Set("blockDeviceMapping", attached, (w, v) => w.Elem("deviceName", v!.DeviceName)
            .Open("ebs").Elem("volumeId", v.Id).Elem("status", "attached").Elem("attachTime", i.LaunchTime)
            .Elem("deleteOnTermination", v.DeleteOnTermination).Close());
        x.Elem("virtualizationType", "hvm").Elem("clientToken", i.ClientToken ?? "");
        x.TagSet(i.Tags);
        x.Elem("hypervisor", "xen");
        if (i.IamInstanceProfileArn is { } arn) x.Open("iamInstanceProfile").Elem("arn", arn).Elem("id", "AIPAEMULATOR" + i.Id[^8..].ToUpperInvariant()).Close();
        x.Elem("ebsOptimized", i.EbsOptimized).Elem("enaSupport", true)
         .Open("metadataOptions").Elem("state", "applied").Elem("httpTokens", i.HttpTokens)
            .Elem("httpPutResponseHopLimit", i.HttpPutResponseHopLimit).Elem("httpEndpoint", i.HttpEndpoint)
            .Elem("httpProtocolIpv6", "disabled").Elem("instanceMetadataTags", i.InstanceMetadataTags).Close()
         .Elem("platformDetails", "Linux/UNIX").Elem("usageOperation", "RunInstances")
         .Elem("bootMode", "uefi-preferred").Elem("currentInstanceBootMode", "legacy-bios");
    }
}
