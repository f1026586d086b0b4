using System.Text;

namespace CloudCompose.Image.Emulator.Protocol;

/// <summary>
/// EC2-style pagination. The token names the action and the last key returned, so items created or
/// removed between pages neither repeat nor shift the rest.
/// </summary>
internal static class Pager
{
    public static int? MaxResults(QueryParams p, int min, int max, string? idsParam = null, string idsName = "")
    {
        var m = p.Int("MaxResults");
        if (m is null) return null;
        if (idsParam is not null && p.List(idsParam).Count > 0)
            throw Ec2Error.Combination($"The parameter {idsName} cannot be used with the parameter maxResults");
        if (m < min || m > max) throw Ec2Error.MaxResults(m.Value, min, max);
        return m;
    }

    public static (List<T> Page, string? NextToken) Page<T>(IEnumerable<T> items, Func<T, string> key, int? max, string? token, string action)
    {
        var sorted = items.OrderBy(key, StringComparer.Ordinal);
        IEnumerable<T> rest = sorted;
        if (!string.IsNullOrEmpty(token))
        {
            var after = Decode(token, action);
            rest = sorted.Where(i => string.CompareOrdinal(key(i), after) > 0);
        }
        if (max is null) return (rest.ToList(), null);
        var page = rest.Take(max.Value == int.MaxValue ? max.Value : max.Value + 1).ToList();
        if (page.Count <= max.Value) return (page, null);
        page.RemoveAt(page.Count - 1);
        return (page, Encode(action, key(page[^1])));
    }

    private static string Encode(string action, string lastKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"v1\n{action}\n{lastKey}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Decode(string token, string action)
    {
        try
        {
            var b = token.Replace('-', '+').Replace('_', '/');
            b = b.PadRight(b.Length + (4 - b.Length % 4) % 4, '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(b)).Split('\n', 3);
            if (parts.Length == 3 && parts[0] == "v1" && parts[1] == action) return parts[2];
        }
        catch (FormatException) { }
        throw Ec2Error.BadToken();
    }
}
