namespace CloudCompose.Image.Emulator;

/// <summary>What the simulated user-data script of an instance does. The script itself never runs.</summary>
public sealed record ScriptOutcome
{
    /// <summary>Console output once the script ends. Placeholders: <c>{userdata:REGEX}</c> (first capture group of
    /// REGEX applied to the decoded user data), <c>{exitCode}</c>, <c>{instanceId}</c>, <c>{imageId}</c>.</summary>
    public string? ConsoleText { get; init; }
    public int ExitCode { get; init; }
    /// <summary>Script run time from running to shutdown; null uses <see cref="EmulatorDelays.ScriptDuration"/>.</summary>
    public TimeSpan? ScriptDuration { get; init; }
    /// <summary>The script never shuts the machine down: the instance stays running.</summary>
    public bool NeverStops { get; init; }
    /// <summary>The instance is terminated this long after it reaches running, whatever the script does.</summary>
    public TimeSpan? TerminateAfter { get; init; }
    /// <summary>GetConsoleOutput never returns any output.</summary>
    public bool NoConsole { get; init; }
    /// <summary>Lines the script prints while it runs, each at its own time after the script starts (same placeholders as
    /// <see cref="ConsoleText"/>); <see cref="ConsoleText"/> follows them when the script ends.</summary>
    public IReadOnlyList<ConsoleLine>? ConsoleLines { get; init; }
    /// <summary>What the console shows when the user data's watchdog shuts the machine down (same placeholders);
    /// null shows nothing more.</summary>
    public string? WatchdogConsoleText { get; init; }
}

/// <summary>One line of console output, <see cref="At"/> after the script starts (the instance reached running).</summary>
public sealed record ConsoleLine(TimeSpan At, string Text);

/// <summary>Picks the outcome of future launches: the first rule that matches a new instance wins.</summary>
public sealed record OutcomeRule
{
    /// <summary>Only instances whose decoded user data contains this text.</summary>
    public string? UserDataContains { get; init; }
    /// <summary>Only instances launched from this image id.</summary>
    public string? ImageId { get; init; }
    /// <summary>Only instances launched from an image whose name matches this wildcard (<c>*</c>, <c>?</c>): an image the
    /// emulator made with CreateImage gives the instances launched from it their own outcome (a test run of the new image).</summary>
    public string? ImageName { get; init; }
    /// <summary>Only instances that carry all these tags (value "*" matches any value).</summary>
    public Dictionary<string, string>? Tags { get; init; }
    /// <summary>How many launches the rule applies to; null means every later launch.</summary>
    public int? Count { get; init; }
    public ScriptOutcome Outcome { get; init; } = new();
}
