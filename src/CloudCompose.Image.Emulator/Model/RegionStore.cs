namespace CloudCompose.Image.Emulator.Model;

/// <summary>All resources of one region. Guarded by <see cref="EmulatorState.Sync"/>.</summary>
internal sealed class RegionStore(string name)
{
    public string Name { get; } = name;
    public Dictionary<string, Ec2Instance> Instances { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Ec2Image> Images { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Ec2Snapshot> Snapshots { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Ec2Volume> Volumes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Ec2LaunchTemplate> LaunchTemplates { get; } = new(StringComparer.Ordinal);
    public List<SsmParameter> SsmParameters { get; } = new();
    public List<ImageRecipe> ImageRecipes { get; } = new();
    /// <summary>Recycle Bin retention rules (the rbin service's), as far as EC2's answers depend on them.</summary>
    public List<RetentionRule> RetentionRules { get; } = new();
    public List<ForeignUsage> ForeignUsage { get; } = new();
    public Dictionary<string, ImageUsageReport> UsageReports { get; } = new(StringComparer.Ordinal);
    /// <summary>CreateImageUsageReport ClientToken → report id.</summary>
    public Dictionary<string, string> ReportTokens { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Binned<Ec2Image>> BinImages { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Binned<Ec2Snapshot>> BinSnapshots { get; } = new(StringComparer.Ordinal);
    /// <summary>aws:ec2:image validations that failed (Parameter Store reports them through EventBridge only).</summary>
    public List<SsmFailedValidation> SsmFailures { get; } = new();
    /// <summary>RunInstances ClientToken → (reservation id, hash of the other parameters).</summary>
    public Dictionary<string, (string ReservationId, string ParamHash)> RunTokens { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> CopyTokens { get; } = new(StringComparer.Ordinal);
    /// <summary>Allowed AMIs for this region: disabled, audit-mode or enabled.</summary>
    public string AllowedImagesState { get; set; } = "disabled";

    public Ec2Resource? FindAny(string id) =>
        Instances.GetValueOrDefault(id) ?? Images.GetValueOrDefault(id) ?? Snapshots.GetValueOrDefault(id)
        ?? Volumes.GetValueOrDefault(id) ?? LaunchTemplates.GetValueOrDefault(id) ?? (Ec2Resource?)UsageReports.GetValueOrDefault(id);

    public IEnumerable<Ec2Resource> AllResources() =>
        Instances.Values.Cast<Ec2Resource>().Concat(Images.Values).Concat(Snapshots.Values).Concat(Volumes.Values).Concat(LaunchTemplates.Values);
}
