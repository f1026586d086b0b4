using System.Text;
using System.Text.RegularExpressions;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>PowerShell-style <c>*</c>, <c>?</c> and <c>[…]</c> matching, case-sensitive like EC2 tag values.</summary>
    internal static class Wildcard
    {
        /// <summary>EC2 filters understand <c>*</c> and <c>?</c> but not brackets.</summary>
        public static bool ServerSide(string pattern) => pattern.IndexOf('[') < 0;

        /// <summary>An exact value as an EC2 filter value (EC2 treats <c>*</c> and <c>?</c> as wildcards, <c>\</c> escapes).</summary>
        public static string Escape(string value) => value.Replace(@"\", @"\\").Replace("*", @"\*").Replace("?", @"\?");

        public static bool Matches(string pattern, string value) => ToRegex(pattern).IsMatch(value);

        private static Regex ToRegex(string pattern)
        {
            var sb = new StringBuilder("^");
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                switch (c)
                {
                    case '*':
                        sb.Append(".*");
                        break;
                    case '?':
                        sb.Append('.');
                        break;
                    case '[':
                        var end = pattern.IndexOf(']', i + 1);
                        if (end < 0)
                        {
                            sb.Append(@"\[");
                            break;
                        }

                        sb.Append('[').Append(pattern.Substring(i + 1, end - i - 1).Replace(@"\", @"\\")).Append(']');
                        i = end;
                        break;
                    default:
                        sb.Append(Regex.Escape(c.ToString()));
                        break;
                }
            }

            return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }
    }
}
