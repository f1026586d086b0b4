using System.Text.Json;
using CloudCompose.Image.Emulator.Model;

namespace CloudCompose.Image.Emulator.Ssm;

/// <summary>One Systems Manager call being served, under the state lock: the JSON body and where it goes.</summary>
internal sealed class SsmRequest
{
    public required EmulatorState State { get; init; }
    public required JsonElement Body { get; init; }
    public required string Region { get; init; }
    public required DateTime Now { get; init; }
    public required RegionStore Store { get; init; }

    public string? Text(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public string RequireText(string name) =>
        Text(name) ?? throw SsmError.Validation($"1 validation error detected: Value null at '{Camel(name)}' failed to satisfy constraint: Member must not be null");

    public bool? Bool(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    public int? Int(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    /// <summary>A <c>[{"Key":…, "Value":…}]</c> list, or null when absent.</summary>
    public List<KeyValuePair<string, string>>? Tags(string name)
    {
        if (Body.ValueKind != JsonValueKind.Object || !Body.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array) return null;
        return list.EnumerateArray()
            .Select(t => new KeyValuePair<string, string>(
                t.TryGetProperty("Key", out var k) ? k.GetString() ?? "" : "",
                t.TryGetProperty("Value", out var v) ? v.GetString() ?? "" : ""))
            .ToList();
    }

    public string Arn(string name) => $"arn:aws:ssm:{Region}:{EmulatorState.AccountId}:parameter/{name.TrimStart('/')}";

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
