namespace CloudCompose.Image.Emulator.Model;

internal abstract class Ec2Resource
{
    public required string Id { get; init; }
    public required string Region { get; init; }
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
    /// <summary>Before this moment, lookups by id answer NotFound (eventual consistency).</summary>
    public DateTime VisibleAt { get; set; }
    public abstract string ResourceType { get; }
}

internal sealed class Ec2Volume : Ec2Resource
{
    public override string ResourceType => "volume";
    public int Size { get; set; } = 8;
    public string VolumeType { get; set; } = "gp3";
    public string? SnapshotId { get; set; }
    public string? InstanceId { get; set; }
    public string DeviceName { get; set; } = "/dev/xvda";
    public bool DeleteOnTermination { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}

internal sealed class Ec2Snapshot : Ec2Resource
{
    public override string ResourceType => "snapshot";
    public string OwnerId { get; set; } = EmulatorState.AccountId;
    public string? VolumeId { get; set; }
    public int VolumeSize { get; set; } = 8;
    public string Description { get; set; } = "";
    public DateTime StartTime { get; set; }
    public DateTime CompletesAt { get; set; }
    public string Status { get; set; } = "pending";
}

internal sealed class ImageDevice
{
    public string DeviceName { get; set; } = "/dev/xvda";
    public string? SnapshotId { get; set; }
    public int VolumeSize { get; set; } = 8;
    public string VolumeType { get; set; } = "gp3";
    public bool DeleteOnTermination { get; set; } = true;
}

internal sealed class Ec2Image : Ec2Resource
{
    public override string ResourceType => "image";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string OwnerId { get; set; } = EmulatorState.AccountId;
    /// <summary>pending, available, failed or disabled as last computed from the clock.</summary>
    public string State { get; set; } = "pending";
    public DateTime AvailableAt { get; set; }
    public string FinalState { get; set; } = "available";
    public DateTime CreationDate { get; set; }
    public bool Public { get; set; }
    public HashSet<string> SharedWith { get; } = new(StringComparer.Ordinal);
    public HashSet<string> SharedWithOrganizations { get; } = new(StringComparer.Ordinal);
    public HashSet<string> SharedWithUnits { get; } = new(StringComparer.Ordinal);
    public List<ImageDevice> Devices { get; } = new();
    public string RootDeviceName { get; set; } = "/dev/xvda";
    public string Architecture { get; set; } = "x86_64";
    public string? Platform { get; set; }
    public DateTime? DeprecationTime { get; set; }
    public bool Protected { get; set; }
    public bool ProtectedWithCooldown { get; set; }
    /// <summary>After DisableImageDeregistrationProtection on a cooldown-protected image, protection lasts until then.</summary>
    public DateTime? ProtectedUntil { get; set; }
    public DateTime? LastLaunchedTime { get; set; }
    public string? SourceInstanceId { get; set; }
    public string? SourceImageId { get; set; }
    public string? SourceRegion { get; set; }
    public (string Code, string Message)? StateReason { get; set; }

    public bool IsDeprecated(DateTime now) => DeprecationTime is { } d && d <= now;
    public bool IsProtected(DateTime now) => Protected || (ProtectedUntil is { } u && now < u);
    public bool VisibleTo(string account) => OwnerId == account || Public || SharedWith.Contains(account);
    /// <summary>Whether the image meets the account's Allowed AMIs criteria (the criteria themselves are not modelled: seeded images say).</summary>
    public bool MeetsCriteria { get; set; } = true;
    /// <summary>Allowed AMIs never restrict the images the account owns.</summary>
    public bool AllowedFor(string account) => OwnerId == account || MeetsCriteria;
}

internal readonly record struct Transition(DateTime At, string State, string Reason = "", string? ReasonCode = null, string? ReasonMessage = null);

internal sealed class Ec2Instance : Ec2Resource
{
    public override string ResourceType => "instance";
    public required string ReservationId { get; init; }
    public required string ImageId { get; init; }
    public string InstanceType { get; set; } = "m1.small";
    public string? KeyName { get; set; }
    public DateTime LaunchTime { get; set; }
    public int LaunchIndex { get; set; }
    public string State { get; set; } = "pending";
    public string Reason { get; set; } = "";
    public (string Code, string Message)? StateReason { get; set; }
    public List<Transition> Schedule { get; } = new();
    public DateTime? RunningAt { get; set; }
    /// <summary>When it first reached stopped (emulated time).</summary>
    public DateTime? StoppedAt { get; set; }
    public DateTime? TerminatedAt { get; set; }
    public string? UserData { get; set; }
    public string DecodedUserData { get; set; } = "";
    public string? ClientToken { get; set; }
    public string ShutdownBehavior { get; set; } = "stop";
    public List<string> SecurityGroupIds { get; } = new();
    public string? IamInstanceProfileArn { get; set; }
    public bool Monitoring { get; set; }
    public bool EbsOptimized { get; set; }
    public string HttpTokens { get; set; } = "required";
    public string HttpEndpoint { get; set; } = "enabled";
    public int HttpPutResponseHopLimit { get; set; } = 2;
    public string InstanceMetadataTags { get; set; } = "disabled";
    public string SubnetId { get; set; } = "subnet-0emulator0000000";
    public string PrivateIp { get; set; } = "10.0.0.10";
    public List<string> VolumeIds { get; } = new();
    public string RootDeviceName { get; set; } = "/dev/xvda";
    public ScriptOutcome Outcome { get; set; } = new();
    /// <summary>What the serial console shows, piece by piece as each piece appears (emulated time).</summary>
    public List<(DateTime At, string Text)> Console { get; } = new();
    /// <summary>When the instance last changed state: EC2 posts the buffered console output shortly after each transition.</summary>
    public DateTime? LastTransitionAt { get; set; }
    /// <summary>The watchdog the user data arms, if any.</summary>
    public Lifecycle.Watchdog? Watchdog { get; set; }
    /// <summary>When the watchdog shuts the instance down, if it comes before the script's own end.</summary>
    public DateTime? WatchdogAt { get; set; }

    /// <summary>Everything the console will have shown; null when it never shows anything.</summary>
    public string? ConsoleText => Console.Count == 0 ? null : string.Concat(Console.Select(c => c.Text));

    public static int Code(string state) => state switch
    {
        "pending" => 0, "running" => 16, "shutting-down" => 32, "terminated" => 48, "stopping" => 64, "stopped" => 80, _ => 0,
    };
}

internal sealed class LaunchTemplateVersion
{
    public int Number { get; init; }
    public string? Description { get; init; }
    public DateTime CreatedAt { get; init; }
    /// <summary>LaunchTemplateData.* as sent, keys without that prefix: the same names RunInstances uses.</summary>
    public required Dictionary<string, string> Data { get; init; }
    public string? ImageId => Data.GetValueOrDefault("ImageId");
}

internal sealed class Ec2LaunchTemplate : Ec2Resource
{
    public override string ResourceType => "launch-template";
    public required string Name { get; init; }
    public DateTime CreatedAt { get; init; }
    public int DefaultVersion { get; set; } = 1;
    public List<LaunchTemplateVersion> Versions { get; } = new();
    public int LatestVersion => Versions.Count == 0 ? 0 : Versions.Max(v => v.Number);
}

/// <summary>Use of an image in another account (seeded): what an image usage report finds there.</summary>
internal sealed record ForeignUsage(string ImageId, string AccountId, string ResourceType, long Count);

/// <summary>An image usage report: pending until <see cref="AvailableAt"/>, then its entries are fixed.</summary>
internal sealed class ImageUsageReport : Ec2Resource
{
    public override string ResourceType => "image-usage-report";
    public required string ImageId { get; init; }
    /// <summary>Resource type to version-depth (null for ec2:Instance).</summary>
    public required Dictionary<string, int?> ResourceTypes { get; init; }
    public required List<string> AccountIds { get; init; }
    public required string ParamHash { get; init; }
    public DateTime CreationTime { get; init; }
    public DateTime AvailableAt { get; init; }
    public bool Fails { get; init; }
    public string State { get; set; } = "pending";
    public List<ForeignUsage> Entries { get; } = new();
    public DateTime ExpirationTime => CreationTime.AddDays(30);
}

/// <summary>An Image Builder image or container recipe whose parent image is an AMI (DescribeImageReferences reports it).</summary>
internal sealed record ImageRecipe(string Name, string Version, string ImageId, bool Container);
