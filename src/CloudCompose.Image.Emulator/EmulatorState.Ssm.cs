using System.Text.Json;
using CloudCompose.Image.Emulator.Model;
using CloudCompose.Image.Emulator.Ssm;

namespace CloudCompose.Image.Emulator;

/// <summary>A parameter as the inspection route shows it: validated versions, the one still validating, failed validations.</summary>
public sealed record SsmParameterInfo(string Name, string Region, string? Value, long? Version, string? DataType, IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<SsmVersionInfo> History, SsmVersionInfo? Validating, IReadOnlyList<SsmVersionInfo> FailedValidations);

public sealed record SsmVersionInfo(long Version, string Value, string DataType, DateTime At, string? Error = null);

public sealed partial class EmulatorState
{
    /// <summary>The prefix of X-Amz-Target for Systems Manager; the operation name follows it.</summary>
    public const string SsmTargetPrefix = "AmazonSSM.";

    private static readonly JsonSerializerOptions SsmJson = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>
    /// Serves one Systems Manager call (JSON 1.1, <c>X-Amz-Target: AmazonSSM.PutParameter</c>). Counted and logged as
    /// <c>ssm:PutParameter</c>, so the counters read like IAM actions and never collide with EC2's.
    /// </summary>
    internal (int Status, string Body) HandleSsm(string target, string body, string region)
    {
        Touch();
        var operation = target.StartsWith(SsmTargetPrefix, StringComparison.Ordinal) ? target[SsmTargetPrefix.Length..] : target;
        var action = "ssm:" + operation;
        var status = 200;
        string? error = null;
        var logged = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var json = string.IsNullOrWhiteSpace(body) ? default : JsonDocument.Parse(body).RootElement.Clone();
            logged = ForLog(json);
            if (!SsmActions.All.TryGetValue(operation, out var handler))
                throw new SsmError("UnknownOperationException", $"Operation {operation} is not modelled by this emulator.");
            object result;
            lock (Sync)
            {
                if (Faults.TakeCallFault(action) is { } code)
                {
                    var fault = Protocol.Ec2Error.Fault(code);
                    throw new SsmError(code switch { "RequestLimitExceeded" => "ThrottlingException", "UnauthorizedOperation" => "AccessDeniedException", _ => code }, fault.Message, fault.Status);
                }
                var store = Store(region);
                SsmValidation.Settle(store, Clock.UtcNow);
                result = handler(new SsmRequest { State = this, Body = json, Region = region, Now = Clock.UtcNow, Store = store });
            }
            return (200, JsonSerializer.Serialize(result, SsmJson));
        }
        catch (SsmError e)
        {
            (status, error) = (e.Status, e.Code);
            return (e.Status, JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = e.Code, ["message"] = e.Message }));
        }
        catch (JsonException e)
        {
            (status, error) = (400, "SerializationException");
            return (400, JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = "SerializationException", ["message"] = e.Message }));
        }
        catch (Exception e)
        {
            (status, error) = (500, "InternalServerError");
            return (500, JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = "InternalServerError", ["message"] = e.GetType().Name + ": " + e.Message }));
        }
        finally
        {
            Record(action, region, logged, status, error);
        }
    }

    /// <summary>Parameters of a region as of the emulated now (pending validations settled).</summary>
    public IReadOnlyList<SsmParameterInfo> ListSsmParameters(string region = "us-east-1")
    {
        lock (Sync)
        {
            var store = Store(region);
            SsmValidation.Settle(store, Clock.UtcNow);
            static SsmVersionInfo Info(SsmParameterVersion v) => new(v.Version, v.Value, v.DataType, v.LastModified);
            return store.SsmParameters.Select(p => new SsmParameterInfo(p.Name, region, p.Current?.Value, p.Current?.Version, p.Current?.DataType,
                    new Dictionary<string, string>(p.Tags), p.Versions.Select(Info).ToList(),
                    p.Pending is { } w ? Info(w.Version) with { At = w.ValidatesAt } : null,
                    store.SsmFailures.Where(f => f.Name == p.Name).Select(f => new SsmVersionInfo(f.Version, f.Value, SsmParameter.ImageDataType, f.At, f.Exception)).ToList()))
                .Concat(store.SsmFailures.Where(f => store.SsmParameters.All(p => p.Name != f.Name)).GroupBy(f => f.Name)
                    .Select(g => new SsmParameterInfo(g.Key, region, null, null, null, new Dictionary<string, string>(), [], null,
                        g.Select(f => new SsmVersionInfo(f.Version, f.Value, SsmParameter.ImageDataType, f.At, f.Exception)).ToList())))
                .ToList();
        }
    }

    // Parameter values can be secrets (SecureString): only AMI ids are logged as they are.
    private static Dictionary<string, string> ForLog(JsonElement json)
    {
        var log = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json.ValueKind != JsonValueKind.Object) return log;
        var isImage = json.TryGetProperty("DataType", out var dt) && dt.ValueKind == JsonValueKind.String && dt.GetString() == SsmParameter.ImageDataType;
        foreach (var prop in json.EnumerateObject())
        {
            var text = prop.Value.ValueKind == JsonValueKind.String ? prop.Value.GetString() ?? "" : prop.Value.GetRawText();
            log[prop.Name] = prop.Name == "Value" && !isImage ? $"({text.Length} characters)" : text;
        }
        return log;
    }
}
