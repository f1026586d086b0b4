using System;
using System.Collections.Generic;

namespace CloudCompose.Image.Text
{
    /// <summary>
    /// "Did you mean …?" for misspelt keys. A plain edit distance is all this needs; no package
    /// served here offers one worth a dependency.
    /// </summary>
    internal static class Suggestions
    {
        public static string? Closest(string input, IEnumerable<string> candidates)
        {
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in candidates)
            {
                var distance = Distance(input.ToLowerInvariant(), candidate.ToLowerInvariant());
                if (distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            // Past about a third of the word, a "suggestion" is noise.
            return best != null && bestDistance <= Math.Max(2, best.Length / 3) ? best : null;
        }

        internal static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                var swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }
    }
}
