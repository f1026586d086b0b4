namespace CloudCompose.Image.Emulator.Admin;

/// <summary>Everything to create in one call (C# or POST /_emulator/seed). Durations and ages are in the emulated clock.</summary>
public sealed class SeedSpec
{
    public string Region { get; set; } = "us-east-1";
    public List<SeedImage> Images { get; set; } = [];
    public List<SeedInstance> Instances { get; set; } = [];
    public List<SeedLaunchTemplate> LaunchTemplates { get; set; } = [];
    public List<SeedSsmParameter> SsmParameters { get; set; } = [];
    public List<SeedImageRecipe> ImageRecipes { get; set; } = [];
    public List<SeedRetentionRule> RetentionRules { get; set; } = [];
    public List<SeedForeignUsage> ForeignUsage { get; set; } = [];
}

public sealed class SeedImage
{
    public string? Id { get; set; }
    /// <summary>With Count &gt; 1, "{i}" in the name is replaced by 1..Count, or "-i" is appended.</summary>
    public string Name { get; set; } = "seeded-image";
    public int Count { get; set; } = 1;
    public string? Description { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    /// <summary>Creation date this many days before the emulated now.</summary>
    public double AgeDays { get; set; }
    /// <summary>With Count &gt; 1: ages spread evenly from AgeDays (the first) to this (the last), for large seeds.</summary>
    public double? AgeDaysTo { get; set; }
    public string? OwnerId { get; set; }
    /// <summary>available, pending, failed or disabled.</summary>
    public string State { get; set; } = "available";
    public bool Public { get; set; }
    /// <summary>Account ids with launch permission.</summary>
    public List<string>? SharedWith { get; set; }
    public DateTime? DeprecationTime { get; set; }
    public bool DeregistrationProtection { get; set; }
    public DateTime? LastLaunchedTime { get; set; }
    public string? Platform { get; set; }
    public int SnapshotCount { get; set; } = 1;
    /// <summary>False: the image does not meet the account's Allowed AMIs criteria (see docs/emulator.md).</summary>
    public bool Allowed { get; set; } = true;
    /// <summary>Tags on the image's snapshots (the module's bakes tag them; the Python plugin's did not).</summary>
    public Dictionary<string, string>? SnapshotTags { get; set; }
}

public sealed class SeedInstance
{
    /// <summary>The image by id, or by <see cref="ImageName"/>.</summary>
    public string? ImageId { get; set; }
    public string? ImageName { get; set; }
    /// <summary>pending, running, stopping, stopped, shutting-down or terminated; the state holds until acted on.</summary>
    public string State { get; set; } = "running";
    public int Count { get; set; } = 1;
    public Dictionary<string, string>? Tags { get; set; }
    public double AgeDays { get; set; }
    public string InstanceType { get; set; } = "t3.micro";
}

public sealed class SeedLaunchTemplate
{
    public string Name { get; set; } = "seeded-template";
    public List<SeedLaunchTemplateVersion> Versions { get; set; } = [];
    public int? DefaultVersion { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
}

public sealed class SeedLaunchTemplateVersion
{
    public string? ImageId { get; set; }
    public string? ImageName { get; set; }
    public string? InstanceType { get; set; }
    public string? Description { get; set; }
}

public sealed class SeedSsmParameter
{
    public string Name { get; set; } = "/seeded/ami";
    public string? ImageId { get; set; }
    public string? ImageName { get; set; }
}

/// <summary>An Image Builder recipe whose parent image is the given AMI.</summary>
public sealed class SeedImageRecipe
{
    public string Name { get; set; } = "seeded-recipe";
    public string Version { get; set; } = "1.0.0";
    public string? ImageId { get; set; }
    public string? ImageName { get; set; }
    /// <summary>A container recipe instead of an image recipe.</summary>
    public bool Container { get; set; }
}

/// <summary>
/// A Recycle Bin retention rule (made with the rbin service in AWS): what EC2 then does with a deleted AMI or snapshot.
/// With <see cref="ResourceTags"/> it is tag-level (a resource with any of them is kept; a null value matches any
/// value); without, region-level, less <see cref="ExcludeResourceTags"/>.
/// </summary>
public sealed class SeedRetentionRule
{
    /// <summary>EC2_IMAGE or EBS_SNAPSHOT.</summary>
    public string ResourceType { get; set; } = "EC2_IMAGE";
    public double RetentionDays { get; set; } = 7;
    public Dictionary<string, string?>? ResourceTags { get; set; }
    public Dictionary<string, string?>? ExcludeResourceTags { get; set; }
}

/// <summary>Use of an image in another account, as an image usage report would find it.</summary>
public sealed class SeedForeignUsage
{
    public string? ImageId { get; set; }
    public string? ImageName { get; set; }
    public string AccountId { get; set; } = "210987654321";
    /// <summary>ec2:Instance or ec2:LaunchTemplate.</summary>
    public string ResourceType { get; set; } = "ec2:Instance";
    public long Count { get; set; } = 1;
}

public sealed class SeedResult
{
    public List<string> ImageIds { get; set; } = [];
    public List<string> SnapshotIds { get; set; } = [];
    public List<string> InstanceIds { get; set; } = [];
    public List<string> LaunchTemplateIds { get; set; } = [];
}
