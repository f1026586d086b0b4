namespace CloudCompose.Image.Emulator;

/// <summary>One API call as the emulator saw it. Never holds the Authorization header; user data only as a size.</summary>
public sealed record RequestLogEntry(
    DateTime Time,
    DateTime RealTime,
    string Action,
    string Region,
    IReadOnlyDictionary<string, string> Parameters,
    int Status,
    string? ErrorCode);
