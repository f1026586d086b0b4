namespace CloudCompose.Image.Emulator;

public sealed class EmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Emulated seconds per real second; 0 gives a manual clock moved only by <c>Clock.Advance</c>.</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>Emulated time at start; defaults to the real current time.</summary>
    public DateTime? StartTime { get; set; }

    public EmulatorDelays Delays { get; set; } = new();
}

/// <summary>How long emulated things take. All in emulated time.</summary>
public sealed class EmulatorDelays
{
    public TimeSpan PendingDelay { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Script run time when an outcome does not set its own.</summary>
    public TimeSpan ScriptDuration { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan StopDelay { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan TerminateDelay { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan ImageDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan SnapshotDelay { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How long a terminated instance stays visible in DescribeInstances.</summary>
    public TimeSpan TerminatedRetention { get; set; } = TimeSpan.FromHours(1);
    /// <summary>Eventual consistency: how long a new instance or image answers NotFound by id. Zero turns it off.</summary>
    public TimeSpan ConsistencyDelay { get; set; } = TimeSpan.Zero;
    /// <summary>How long an image usage report stays pending before it is available (EC2 documents no figure).</summary>
    public TimeSpan UsageReportDelay { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>How long Parameter Store takes to validate an aws:ec2:image value ("up to a few minutes").</summary>
    public TimeSpan SsmValidationDelay { get; set; } = TimeSpan.FromSeconds(20);

    public EmulatorDelays Clone() => (EmulatorDelays)MemberwiseClone();
}
