namespace CloudCompose.Image.Emulator;

/// <summary>Who signed a request, as far as the log may say: the access key id and whether a session token came along.</summary>
public sealed record Caller(string? AccessKeyId, bool SessionToken);
