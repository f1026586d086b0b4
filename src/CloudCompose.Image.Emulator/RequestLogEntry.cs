namespace CloudCompose.Image.Emulator;

/// <summary>
/// One API call as the emulator saw it. Never holds the Authorization header or a secret: of the credentials only the
/// access key id (an identifier, as in CloudTrail) and whether a session token came along; user data only as a size.
/// </summary>
public sealed record RequestLogEntry(
    DateTime Time,
    DateTime RealTime,
    string Action,
    string Region,
    IReadOnlyDictionary<string, string> Parameters,
    int Status,
    string? ErrorCode,
    string? AccessKeyId = null,
    bool SessionToken = false);
