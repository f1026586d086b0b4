using System;
using System.Collections.Generic;

namespace CloudCompose.Image.Jinja.Text
{
    /// <summary>"Did you mean …?" for an unknown filter or test name: the closest known name by edit distance.</summary>
    internal static class Suggestions
    {
        public static string? Closest(string input, IEnumerable<string> candidates)
        {
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in candidates)
            {
                var distance = Distance(input, candidate);
                if (distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            return best != null && bestDistance <= Math.Max(2, best.Length / 3) ? best : null;
        }

        private static int Distance(string a, string b)
        {
            var row = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                row[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                var diagonal = row[0];
                row[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var above = row[j];
                    row[j] = Math.Min(Math.Min(row[j - 1] + 1, above + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                    diagonal = above;
                }
            }

            return row[b.Length];
        }
    }
}
