namespace CloudCompose.Image.Emulator.Ssm;

/// <summary>
/// A Systems Manager error in the JSON 1.1 protocol: HTTP 400 (or the fault's status) and
/// <c>{"__type": code, "message": …}</c>, which the SDK turns into the exception of that name.
/// </summary>
internal sealed class SsmError(string code, string message, int status = 400) : Exception(message)
{
    public string Code { get; } = code;
    public int Status { get; } = status;

    public static SsmError Validation(string message) => new("ValidationException", message);

    public static SsmError NotFound(string name) => new("ParameterNotFound", $"Parameter {name} not found.");
}
