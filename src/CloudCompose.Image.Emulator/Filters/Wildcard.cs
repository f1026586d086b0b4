namespace CloudCompose.Image.Emulator.Filters;

/// <summary>EC2 filter-value matching: <c>*</c> any run, <c>?</c> one character, backslash escapes them.</summary>
internal static class Wildcard
{
    public static bool IsMatch(string pattern, string value) => Match(pattern, 0, value, 0, 0);

    private static bool Match(string p, int pi, string v, int vi, int depth)
    {
        // Iterative with single-star backtracking: linear in practice, and the recursion depth stays at zero.
        int starP = -1, starV = -1;
        while (vi < v.Length)
        {
            if (pi < p.Length)
            {
                var c = p[pi];
                if (c == '\\' && pi + 1 < p.Length)
                {
                    if (p[pi + 1] == v[vi]) { pi += 2; vi++; continue; }
                }
                else if (c == '*') { starP = pi++; starV = vi; continue; }
                else if (c == '?' || c == v[vi]) { pi++; vi++; continue; }
            }
            if (starP < 0) return false;
            pi = starP + 1;
            vi = ++starV;
        }
        while (pi < p.Length && p[pi] == '*') pi++;
        return pi == p.Length;
    }
}
