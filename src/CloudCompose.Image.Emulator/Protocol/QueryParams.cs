using System.Globalization;

namespace CloudCompose.Image.Emulator.Protocol;

/// <summary>
/// The flat EC2 query parameters (Filter.1.Value.2=...) with helpers that read them as the nested
/// lists and structures they encode.
/// </summary>
public sealed class QueryParams
{
    private readonly Dictionary<string, string> _values;

    public QueryParams(IEnumerable<KeyValuePair<string, string>> values)
    {
        _values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in values) _values[k] = v;
    }

    public IReadOnlyDictionary<string, string> All => _values;

    public bool Has(string name) => _values.ContainsKey(name) || _values.Keys.Any(k => k.StartsWith(name + ".", StringComparison.Ordinal));

    public string? Get(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public string Require(string name)
    {
        var v = Get(name);
        return string.IsNullOrEmpty(v) ? throw Ec2Error.Missing(name) : v;
    }

    public bool? Bool(string name)
    {
        var v = Get(name);
        if (v is null) return null;
        if (bool.TryParse(v, out var b)) return b;
        throw Ec2Error.InvalidParameterValue($"Value ({v}) for parameter {name} is invalid. Expected: 'true' or 'false'.");
    }

    public int? Int(string name)
    {
        var v = Get(name);
        if (v is null) return null;
        if (int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) return i;
        throw Ec2Error.InvalidParameterValue($"Value ({v}) for parameter {name} is invalid. Expected an integer.");
    }

    public DateTime? Time(string name)
    {
        var v = Get(name);
        if (v is null) return null;
        if (DateTime.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)) return t;
        throw Ec2Error.InvalidParameterValue($"Value ({v}) for parameter {name} is invalid. Expected a timestamp.");
    }

    /// <summary>Values of <c>prefix.1</c>, <c>prefix.2</c>, … in index order.</summary>
    public List<string> List(string prefix) =>
        Indexed(prefix).Where(e => e.Tail.Length == 0).Select(e => e.Value).ToList();

    /// <summary>The structures <c>prefix.N.*</c>, each as its own parameter set, in index order.</summary>
    public List<QueryParams> Members(string prefix) =>
        Indexed(prefix).Where(e => e.Tail.Length > 0)
            .GroupBy(e => e.Index)
            .OrderBy(g => g.Key)
            .Select(g => new QueryParams(g.Select(e => new KeyValuePair<string, string>(e.Tail, e.Value))))
            .ToList();

    /// <summary>The parameters under <c>prefix.</c> with that prefix removed.</summary>
    public QueryParams Sub(string prefix)
    {
        var p = prefix + ".";
        return new QueryParams(_values.Where(kv => kv.Key.StartsWith(p, StringComparison.Ordinal))
            .Select(kv => new KeyValuePair<string, string>(kv.Key[p.Length..], kv.Value)));
    }

    public bool IsEmpty => _values.Count == 0;

    public List<(string Name, List<string> Values)> Filters() =>
        Members("Filter").Select(m => (m.Get("Name") ?? throw Ec2Error.Missing("Filter.Name"), m.List("Value"))).ToList();

    public List<KeyValuePair<string, string?>> Tags(string prefix = "Tag") =>
        Members(prefix).Select(m => new KeyValuePair<string, string?>(m.Get("Key") ?? throw Ec2Error.Missing("Tag.Key"), m.Get("Value"))).ToList();

    /// <summary>TagSpecification.N: resource type to tags, checked against the types the action allows.</summary>
    public Dictionary<string, Dictionary<string, string>> TagSpecifications(params string[] allowedTypes)
    {
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var spec in Members("TagSpecification"))
        {
            var type = spec.Get("ResourceType") ?? throw Ec2Error.Missing("TagSpecification.ResourceType");
            if (!allowedTypes.Contains(type))
                throw Ec2Error.InvalidParameterValue($"'{type}' is not a valid taggable resource type for this operation.");
            if (!result.TryGetValue(type, out var tags)) result[type] = tags = new(StringComparer.Ordinal);
            foreach (var (k, v) in spec.Tags()) tags[k] = v ?? "";
        }
        return result;
    }

    private IEnumerable<(int Index, string Tail, string Value)> Indexed(string prefix)
    {
        var p = prefix + ".";
        foreach (var (k, v) in _values)
        {
            if (!k.StartsWith(p, StringComparison.Ordinal)) continue;
            var tail = k.AsSpan(p.Length);
            var dot = tail.IndexOf('.');
            var num = dot < 0 ? tail : tail[..dot];
            if (!int.TryParse(num, NumberStyles.None, CultureInfo.InvariantCulture, out var i)) continue;
            yield return (i, dot < 0 ? "" : tail[(dot + 1)..].ToString(), v);
        }
    }

    /// <summary>Parameters of a request without the parts the emulator never logs.</summary>
    public Dictionary<string, string> ForLog()
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in _values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (k is "Action" or "Version") continue;
            var secret = k.Contains("Secret", StringComparison.OrdinalIgnoreCase) || k.Contains("Password", StringComparison.OrdinalIgnoreCase)
                || k.Contains("SessionToken", StringComparison.OrdinalIgnoreCase) || k.Contains("Signature", StringComparison.OrdinalIgnoreCase)
                || k.Contains("Credential", StringComparison.OrdinalIgnoreCase);
            // User data often carries bootstrap secrets; log only its size.
            d[k] = secret ? "***" : k.EndsWith("UserData", StringComparison.Ordinal) ? $"<{v.Length} base64 chars>" : v;
        }
        return d;
    }
}
