namespace CloudCompose.Image.Emulator.Protocol;

/// <summary>An EC2 API error: code, message and the HTTP status EC2 sends with it.</summary>
public sealed class Ec2Error(string code, string message, int status = 400) : Exception(message)
{
    /// <summary>Not an HTTP status: the server drops the connection without answering.</summary>
    public const int ConnectionReset = 0;

    public string Code { get; } = code;
    public int Status { get; } = status;

    public static Ec2Error InvalidParameterValue(string message) => new("InvalidParameterValue", message);
    public static Ec2Error Missing(string name) => new("MissingParameter", $"The request must contain the parameter {name}");
    public static Ec2Error Combination(string message) => new("InvalidParameterCombination", message);
    public static Ec2Error BadFilter(string name) => new("InvalidParameterValue", $"The filter '{name}' is invalid");
    public static Ec2Error BadToken() => new("InvalidPaginationToken", "The specified pagination token is not valid or is expired.");

    public static Ec2Error MaxResults(int value, int min, int max) =>
        InvalidParameterValue($"Value ( {value} ) for parameter maxResults is invalid. Parameter may only be between {min} and {max}.");

    public static Ec2Error Fault(string code) => code switch
    {
        "RequestLimitExceeded" => new(code, "Request limit exceeded.", 503),
        "InternalError" => new(code, "An internal error has occurred.", 500),
        "Unavailable" or "ServiceUnavailable" => new(code, "The service is unavailable. Please try again shortly.", 503),
        "UnauthorizedOperation" => new(code, "You are not authorized to perform this operation.", 403),
        "AuthFailure" => new(code, "AWS was not able to validate the provided access credentials", 401),
        // What EC2 answers a request signed with temporary credentials that have expired.
        "RequestExpired" => new(code, "Request has expired.", 400),
        "OptInRequired" => new(code, "You are not subscribed to this service. Please go to http://aws.amazon.com to subscribe.", 401),
        "ConnectionReset" => new(code, "The connection was dropped (emulated fault).", ConnectionReset),
        "InsufficientInstanceCapacity" => new(code, "We currently do not have sufficient capacity in the Availability Zone you requested.", 500),
        _ => new(code, $"Injected fault {code}.", 400),
    };
}
