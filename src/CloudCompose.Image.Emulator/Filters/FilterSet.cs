using CloudCompose.Image.Emulator.Protocol;

namespace CloudCompose.Image.Emulator.Filters;

/// <summary>
/// The Filter.N parameters of a Describe call: values of one filter OR together, filters AND together.
/// Names are checked against what the action supports so a typo fails loudly, as in EC2.
/// </summary>
internal sealed class FilterSet<T>
{
    private readonly List<(string Name, List<string> Values)> _filters;
    private readonly Func<T, string, IEnumerable<string?>> _valuesOf;

    public FilterSet(QueryParams p, IReadOnlyCollection<string> supported, Func<T, string, IEnumerable<string?>> valuesOf, bool tagFilters = true)
    {
        _filters = p.Filters();
        _valuesOf = valuesOf;
        foreach (var (name, _) in _filters)
        {
            var ok = supported.Contains(name) || (tagFilters && (name is "tag-key" or "tag-value" || (name.StartsWith("tag:", StringComparison.Ordinal) && name.Length > 4)));
            if (!ok) throw Ec2Error.BadFilter(name);
        }
    }

    public bool IsEmpty => _filters.Count == 0;

    public bool Matches(T item)
    {
        foreach (var (name, values) in _filters)
        {
            var actual = _valuesOf(item, name);
            var any = false;
            foreach (var a in actual)
            {
                if (a is null) continue;
                foreach (var pattern in values)
                    if (Wildcard.IsMatch(pattern, a)) { any = true; break; }
                if (any) break;
            }
            if (!any) return false;
        }
        return true;
    }

    /// <summary>Values for the tag filters every taggable resource supports; null when the name is not a tag filter.</summary>
    public static IEnumerable<string?>? TagValues(IReadOnlyDictionary<string, string> tags, string name) => name switch
    {
        "tag-key" => tags.Keys,
        "tag-value" => tags.Values,
        _ when name.StartsWith("tag:", StringComparison.Ordinal) => tags.TryGetValue(name[4..], out var v) ? [v] : [],
        _ => null,
    };
}
