namespace CloudCompose.Image.Emulator.Model;

/// <summary>One version of a Parameter Store parameter, as GetParameterHistory lists it.</summary>
internal sealed record SsmParameterVersion(long Version, string Value, string Type, string DataType, string? Description, DateTime LastModified);

/// <summary>
/// A PutParameter of an <c>aws:ec2:image</c> parameter that Parameter Store is still validating: it has its version
/// number but is invisible to GetParameter and GetParameterHistory until <see cref="ValidatesAt"/>.
/// </summary>
internal sealed record SsmPendingVersion(SsmParameterVersion Version, IReadOnlyDictionary<string, string>? Tags, DateTime RequestedAt, DateTime ValidatesAt);

/// <summary>A validation that failed: the parameter was not created or updated (what EventBridge would report).</summary>
internal sealed record SsmFailedValidation(string Name, long Version, string Value, string Operation, string Exception, DateTime At);

/// <summary>
/// A Parameter Store parameter of one region. Only validated versions are in <see cref="Versions"/>; a parameter
/// whose first version is still validating exists here with no versions, and GetParameter does not find it.
/// </summary>
internal sealed class SsmParameter
{
    public const string ImageDataType = "aws:ec2:image";

    public SsmParameter(string name)
    {
        Name = name;
    }

    /// <summary>A seeded parameter: one validated aws:ec2:image version.</summary>
    public SsmParameter(string name, string imageId)
        : this(name)
    {
        Versions.Add(new SsmParameterVersion(1, imageId, "String", ImageDataType, null, DateTime.UtcNow));
        LastVersion = 1;
    }

    public string Name { get; }

    public List<SsmParameterVersion> Versions { get; } = new();

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public SsmPendingVersion? Pending { get; set; }

    /// <summary>The highest version number handed out, validated or not: numbers are never reused.</summary>
    public long LastVersion { get; set; }

    public SsmParameterVersion? Current => Versions.Count == 0 ? null : Versions[^1];

    public bool Exists => Versions.Count > 0;

    /// <summary>The AMI the parameter resolves to now; null for other data types and before the first validation.</summary>
    public string? ImageId => Current is { DataType: ImageDataType } c ? c.Value : null;
}
