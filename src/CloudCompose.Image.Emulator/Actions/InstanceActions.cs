using System.Security.Cryptography;
using System.Text;
using CloudCompose.Image.Emulator.Filters;
using CloudCompose.Image.Emulator.Model;
using CloudCompose.Image.Emulator.Protocol;
using CloudCompose.Image.Emulator.Xml;
using static CloudCompose.Image.Emulator.Lifecycle.Lifecycle;

namespace CloudCompose.Image.Emulator.Actions;

internal static class InstanceActions
{
    public const int UserDataLimit = 16384;

    public static void Register(Dictionary<string, Func<Ec2Request, string>> d)
    {
        d["RunInstances"] = RunInstances;
        d["DescribeInstances"] = DescribeInstances;
        d["StopInstances"] = StopInstances;
        d["TerminateInstances"] = TerminateInstances;
        d["GetConsoleOutput"] = GetConsoleOutput;
    }

    private static string RunInstances(Ec2Request r)
    {
        var (p, template) = LaunchTemplateActions.EffectiveRunParams(r);
        var store = r.Store;
        var token = p.Get("ClientToken");
        var paramHash = Hash(p);
        if (token is not null && store.RunTokens.TryGetValue(token, out var prior))
        {
            if (prior.ParamHash != paramHash)
                throw new Ec2Error("IdempotentParameterMismatch", $"Arguments on this idempotent request are inconsistent with arguments used in previous request(s) with client token {token}.");
            return ReservationResponse(r, prior.ReservationId, store.Instances.Values.Where(i => i.ReservationId == prior.ReservationId));
        }

        var min = p.Int("MinCount") ?? throw Ec2Error.Missing("MinCount");
        var max = p.Int("MaxCount") ?? throw Ec2Error.Missing("MaxCount");
        if (min < 1 || max < 1) throw Ec2Error.InvalidParameterValue("Value for parameter MinCount and MaxCount must be at least 1.");
        if (min > max) throw Ec2Error.InvalidParameterValue("MaxCount must be greater than or equal to MinCount.");
        if (min > 100) throw new Ec2Error("InstanceLimitExceeded", "You have requested more instances than the emulator allows (100).");
        var count = Math.Min(max, 100);

        var imageId = p.Get("ImageId") ?? throw Ec2Error.Missing("ImageId");
        Ids.CheckImage(imageId);
        if (!store.Images.TryGetValue(imageId, out var image) || !image.VisibleTo(Ec2Request.Account) || !r.Visible(image)
            || (store.AllowedImagesState == "enabled" && !image.AllowedFor(Ec2Request.Account)))
            throw Ids.ImagesNotFound([imageId]);
        if (image.State != "available") throw new Ec2Error("InvalidAMIID.Unavailable", $"AMI '{imageId}' is pending, and cannot be run");
        var instanceType = p.Get("InstanceType") ?? "m1.small";
        if (r.State.Faults.TakeInstanceTypeFault(instanceType) is { } capacity) throw CapacityError(capacity, instanceType, r.Region);

        var (userData, decoded) = DecodeUserData(p.Get("UserData"));
        var shutdown = p.Get("InstanceInitiatedShutdownBehavior") ?? "stop";
        if (shutdown is not ("stop" or "terminate"))
            throw Ec2Error.InvalidParameterValue($"Value ({shutdown}) for parameter instanceInitiatedShutdownBehavior is invalid. Expected: 'stop', 'terminate'.");
        var tagSpecs = p.TagSpecifications("instance", "volume", "network-interface");
        var instanceTags = tagSpecs.GetValueOrDefault("instance") ?? new Dictionary<string, string>();
        if (template is { } lt)
        {
            instanceTags = new Dictionary<string, string>(instanceTags) { ["aws:ec2launchtemplate:id"] = lt.Id, ["aws:ec2launchtemplate:version"] = lt.Version };
        }
        var httpTokens = p.Get("MetadataOptions.HttpTokens") ?? "required";
        if (httpTokens is not ("optional" or "required")) throw Ec2Error.InvalidParameterValue($"Value ({httpTokens}) for parameter HttpTokens is invalid.");
        var iamArn = p.Get("IamInstanceProfile.Arn")
            ?? (p.Get("IamInstanceProfile.Name") is { } profile ? $"arn:aws:iam::{Ec2Request.Account}:instance-profile/{profile}" : null);
        var groups = p.List("SecurityGroupId");
        if (groups.Count == 0) groups = ["sg-0default000000000"];
        var mappings = p.Members("BlockDeviceMapping");

        var reservationId = r.State.NewId("r");
        var created = new List<Ec2Instance>();
        for (var n = 0; n < count; n++)
        {
            var inst = new Ec2Instance
            {
                Id = r.State.NewId("i"), Region = r.Region, ReservationId = reservationId, ImageId = imageId,
                InstanceType = instanceType, KeyName = p.Get("KeyName"), LaunchTime = r.Now, LaunchIndex = n,
                UserData = userData, DecodedUserData = decoded, ClientToken = token, ShutdownBehavior = shutdown,
                IamInstanceProfileArn = iamArn, Monitoring = p.Bool("Monitoring.Enabled") ?? false, EbsOptimized = p.Bool("EbsOptimized") ?? false,
                HttpTokens = httpTokens, HttpEndpoint = p.Get("MetadataOptions.HttpEndpoint") ?? "enabled",
                HttpPutResponseHopLimit = p.Int("MetadataOptions.HttpPutResponseHopLimit") ?? 2,
                InstanceMetadataTags = p.Get("MetadataOptions.InstanceMetadataTags") ?? "disabled",
                SubnetId = p.Get("SubnetId") ?? "subnet-0emulator0000000", PrivateIp = $"10.0.{(n / 250) % 250}.{10 + n % 240}",
                RootDeviceName = image.RootDeviceName, VisibleAt = r.Now + r.Delays.ConsistencyDelay,
            };
            inst.SecurityGroupIds.AddRange(groups);
            foreach (var (k, v) in instanceTags) inst.Tags[k] = v;
            CreateVolumes(r, inst, image, mappings, tagSpecs.GetValueOrDefault("volume"));
            inst.Outcome = r.State.PickOutcome(decoded, inst.Tags, image);
            inst.Watchdog = Lifecycle.Watchdog.Parse(decoded);
            Plan(inst, r.Now, r.Delays);
            store.Instances[inst.Id] = inst;
            created.Add(inst);
        }
        image.LastLaunchedTime = r.Now;
        if (token is not null) store.RunTokens[token] = (reservationId, paramHash);
        return ReservationResponse(r, reservationId, created);
    }

    /// <summary>EC2's answers when a zone has no capacity for a type (a server error), or does not offer it at all.</summary>
    private static Ec2Error CapacityError(string code, string type, string region) => code == "Unsupported"
        ? new Ec2Error(code, $"Your requested instance type ({type}) is not supported in your requested Availability Zone ({region}a). Please retry your request by not specifying an Availability Zone or choosing {region}b, {region}c.")
        : new Ec2Error(code, $"We currently do not have sufficient {type} capacity in the Availability Zone you requested ({region}a). Our system will be working on provisioning additional capacity. You can currently get {type} capacity by not specifying an Availability Zone in your request or choosing {region}b, {region}c.", 500);

    internal static (string? Raw, string Decoded) DecodeUserData(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return (null, "");
        byte[] bytes;
        try { bytes = Convert.FromBase64String(raw); }
        catch (FormatException) { throw Ec2Error.InvalidParameterValue("Invalid BASE64 encoding of user data."); }
        if (bytes.Length > UserDataLimit) throw Ec2Error.InvalidParameterValue($"User data is limited to {UserDataLimit} bytes");
        return (raw, Encoding.UTF8.GetString(IsGzip(bytes) ? Gunzip(bytes) : bytes));
    }

    // cloud-init accepts gzipped user data; the simulated machine reads it the same way.
    private static bool IsGzip(byte[] bytes) => bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    private static byte[] Gunzip(byte[] bytes)
    {
        using var input = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static void CreateVolumes(Ec2Request r, Ec2Instance inst, Ec2Image image, List<QueryParams> mappings, Dictionary<string, string>? tags)
    {
        var devices = image.Devices.Count > 0 ? image.Devices : [new ImageDevice { DeviceName = image.RootDeviceName }];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dev in devices)
        {
            var m = mappings.FirstOrDefault(x => x.Get("DeviceName") == dev.DeviceName);
            seen.Add(dev.DeviceName);
            if (m?.Get("NoDevice") is not null) continue;
            AddVolume(r, inst, dev.DeviceName, m?.Int("Ebs.VolumeSize") ?? dev.VolumeSize, m?.Get("Ebs.VolumeType") ?? dev.VolumeType,
                m?.Bool("Ebs.DeleteOnTermination") ?? dev.DeleteOnTermination, dev.SnapshotId, tags);
        }
        foreach (var m in mappings)
        {
            var name = m.Get("DeviceName") ?? throw Ec2Error.Missing("BlockDeviceMapping.DeviceName");
            if (seen.Contains(name) || !m.Sub("Ebs").All.Any()) continue;
            AddVolume(r, inst, name, m.Int("Ebs.VolumeSize") ?? 8, m.Get("Ebs.VolumeType") ?? "gp3", m.Bool("Ebs.DeleteOnTermination") ?? true, m.Get("Ebs.SnapshotId"), tags);
        }
    }

    private static void AddVolume(Ec2Request r, Ec2Instance inst, string device, int size, string type, bool deleteOnTermination, string? snapshotId, Dictionary<string, string>? tags)
    {
        if (size is < 1 or > 16384) throw Ec2Error.InvalidParameterValue($"Volume of {size}GiB is outside the allowed range of 1 to 16384.");
        var vol = new Ec2Volume
        {
            Id = r.State.NewId("vol"), Region = r.Region, Size = size, VolumeType = type, SnapshotId = snapshotId,
            InstanceId = inst.Id, DeviceName = device, DeleteOnTermination = deleteOnTermination, CreatedAt = r.Now,
        };
        if (tags is not null) foreach (var (k, v) in tags) vol.Tags[k] = v;
        r.Store.Volumes[vol.Id] = vol;
        inst.VolumeIds.Add(vol.Id);
    }

    private static string Hash(QueryParams p)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in p.All.Where(kv => kv.Key is not ("ClientToken" or "Action" or "Version")).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sb.Append(k).Append('=').Append(v).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private static string ReservationResponse(Ec2Request r, string reservationId, IEnumerable<Ec2Instance> instances)
    {
        var x = r.Xml();
        InstanceXml.Reservation(x, reservationId, instances, r.Store.Volumes);
        return x.Finish();
    }

    private static readonly string[] InstanceFilters =
    [
        "instance-id", "instance-state-name", "instance-state-code", "image-id", "instance-type", "key-name", "reservation-id",
        "client-token", "launch-time", "availability-zone", "iam-instance-profile.arn", "subnet-id", "private-ip-address",
        "block-device-mapping.volume-id", "owner-id", "instance-lifecycle",
    ];

    private static IEnumerable<string?> FilterValues(Ec2Instance i, string name, RegionStore store) =>
        name switch
        {
            _ when FilterSet<Ec2Instance>.TagValues(i.Tags, name) is { } tv => tv,
            "instance-id" => [i.Id],
            "instance-state-name" => [i.State],
            "instance-state-code" => [Ec2Instance.Code(i.State).ToString(System.Globalization.CultureInfo.InvariantCulture)],
            "image-id" => [i.ImageId],
            "instance-type" => [i.InstanceType],
            "key-name" => [i.KeyName],
            "reservation-id" => [i.ReservationId],
            "client-token" => [i.ClientToken],
            "launch-time" => [XmlOut.Time(i.LaunchTime)],
            "availability-zone" => [i.Region + "a"],
            "iam-instance-profile.arn" => [i.IamInstanceProfileArn],
            "subnet-id" => [i.SubnetId],
            "private-ip-address" => [i.PrivateIp],
            "block-device-mapping.volume-id" => i.VolumeIds,
            "owner-id" => [Ec2Request.Account],
            "instance-lifecycle" => [],
            _ => [],
        };

    private static string DescribeInstances(Ec2Request r)
    {
        var p = r.P;
        var max = Pager.MaxResults(p, 5, 1000, "InstanceId", "instancesSet");
        var store = r.Store;
        var ids = p.List("InstanceId");
        var filters = new FilterSet<Ec2Instance>(p, InstanceFilters, (i, n) => FilterValues(i, n, store));
        IEnumerable<Ec2Instance> items;
        if (ids.Count > 0)
        {
            ids.ForEach(Ids.CheckInstance);
            var missing = ids.Where(id => !store.Instances.TryGetValue(id, out var i) || !r.Visible(i)).Distinct().ToList();
            if (missing.Count > 0) throw Ids.InstancesNotFound(missing);
            items = ids.Distinct().Select(id => store.Instances[id]);
        }
        else items = store.Instances.Values.Where(r.Visible);
        var (page, next) = Pager.Page(items.Where(filters.Matches), i => i.Id, max, p.Get("NextToken"), r.Action);
        var x = r.Xml();
        x.Set("reservationSet", page.GroupBy(i => i.ReservationId), (w, g) => InstanceXml.Reservation(w, g.Key, g, store.Volumes));
        x.Elem("nextToken", next);
        return x.Finish();
    }

    private static List<Ec2Instance> Targets(Ec2Request r)
    {
        var ids = r.P.List("InstanceId");
        if (ids.Count == 0) throw Ec2Error.Missing("InstanceId");
        ids.ForEach(Ids.CheckInstance);
        var missing = ids.Where(id => !r.Store.Instances.TryGetValue(id, out var i) || !r.Visible(i)).Distinct().ToList();
        if (missing.Count > 0) throw Ids.InstancesNotFound(missing);
        return ids.Distinct().Select(id => r.Store.Instances[id]).ToList();
    }

    private static string StopInstances(Ec2Request r)
    {
        var targets = Targets(r);
        var bad = targets.FirstOrDefault(i => i.State is "pending" or "shutting-down" or "terminated");
        if (bad is not null) throw new Ec2Error("IncorrectInstanceState", $"This instance '{bad.Id}' is not in a state from which it can be stopped.");
        var changes = new List<(string, string, string)>();
        foreach (var i in targets)
        {
            var before = i.State;
            if (before == "running") Stop(i, r.Now, r.Delays, r.Store);
            changes.Add((i.Id, before, i.State));
        }
        return StateChanges(r, changes);
    }

    private static string TerminateInstances(Ec2Request r)
    {
        var targets = Targets(r);
        var changes = new List<(string, string, string)>();
        foreach (var i in targets)
        {
            var before = i.State;
            if (before is not ("terminated" or "shutting-down")) Terminate(i, r.Now, r.Delays, r.Store);
            changes.Add((i.Id, before, i.State));
        }
        return StateChanges(r, changes);
    }

    private static string StateChanges(Ec2Request r, List<(string Id, string Before, string After)> changes)
    {
        var x = r.Xml();
        x.Set("instancesSet", changes, (w, c) =>
        {
            w.Elem("instanceId", c.Id);
            InstanceXml.State(w, "currentState", c.After);
            InstanceXml.State(w, "previousState", c.Before);
        });
        return x.Finish();
    }

    private static string GetConsoleOutput(Ec2Request r)
    {
        var id = r.P.Require("InstanceId");
        Ids.CheckInstance(id);
        if (!r.Store.Instances.TryGetValue(id, out var inst) || !r.Visible(inst)) throw Ids.InstancesNotFound([id]);
        var latest = r.P.Bool("Latest") ?? false;
        if (latest && !InstanceTypes.IsNitro(inst.InstanceType))
            throw new Ec2Error("UnsupportedOperation", $"The instance type {inst.InstanceType} does not support retrieving the latest console output. It is supported on instance types built on the Nitro System.");
        // Without Latest, EC2 answers what it buffered at the instance's last state transition; with it, the console as of now.
        var postedAt = latest ? r.Now : inst.LastTransitionAt ?? inst.LaunchTime;
        var shown = inst.Console.Where(c => c.At <= postedAt).ToList();
        var x = r.Xml().Elem("instanceId", id).Elem("timestamp", shown.Count == 0 ? r.Now : latest ? shown[^1].At : postedAt);
        if (shown.Count > 0) x.Elem("output", Convert.ToBase64String(NewestBytes(string.Concat(shown.Select(c => c.Text)))));
        return x.Finish();
    }

    /// <summary>EC2 keeps only the most recent 64 KB of console output.</summary>
    internal const int ConsoleLimit = 64 * 1024;

    private static byte[] NewestBytes(string console)
    {
        var bytes = Encoding.UTF8.GetBytes(console);
        return bytes.Length <= ConsoleLimit ? bytes : bytes[^ConsoleLimit..];
    }
}
