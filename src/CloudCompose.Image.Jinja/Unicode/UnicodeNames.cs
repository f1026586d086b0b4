using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace CloudCompose.Image.Jinja.Unicode
{
    /// <summary>
    /// Character names for <c>"\N{BULLET}"</c> escapes, as Python's unicodedata.lookup finds them (case does not
    /// matter): the generated UnicodeNames.bin, plus the names Unicode defines by formula (CJK ideographs, Hangul).
    /// </summary>
    internal static class UnicodeNames
    {
        private static readonly string[] Algorithmic = { "CJK UNIFIED IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-", "TANGUT IDEOGRAPH-", "KHITAN SMALL SCRIPT CHARACTER-", "NUSHU CHARACTER-" };
        private static readonly string[] Leading = { "G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H" };
        private static readonly string[] Vowel = { "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I" };
        private static readonly string[] Trailing = { "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H" };
        private static readonly Lazy<Dictionary<string, int>> Table = new Lazy<Dictionary<string, int>>(Load);

        /// <summary>The code point named <paramref name="name"/>, or -1.</summary>
        public static int Lookup(string name)
        {
            var upper = name.ToUpperInvariant();
            foreach (var prefix in Algorithmic)
            {
                if (upper.StartsWith(prefix, StringComparison.Ordinal)
                    && int.TryParse(upper.Substring(prefix.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                    && upper.Length - prefix.Length >= 4)
                {
                    return code;
                }
            }

            if (upper.StartsWith("HANGUL SYLLABLE ", StringComparison.Ordinal))
            {
                return Hangul(upper.Substring("HANGUL SYLLABLE ".Length));
            }

            return Table.Value.TryGetValue(upper, out var found) ? found : -1;
        }

        private static int Hangul(string syllable)
        {
            for (var l = 0; l < Leading.Length; l++)
            {
                for (var v = 0; v < Vowel.Length; v++)
                {
                    for (var t = 0; t < Trailing.Length; t++)
                    {
                        if (Leading[l] + Vowel[v] + Trailing[t] == syllable)
                        {
                            return 0xAC00 + (l * Vowel.Length + v) * Trailing.Length + t;
                        }
                    }
                }
            }

            return -1;
        }

        private static Dictionary<string, int> Load()
        {
            var table = new Dictionary<string, int>(StringComparer.Ordinal);
            using var stream = typeof(UnicodeNames).Assembly.GetManifestResourceStream("CloudCompose.Image.Jinja.Unicode.UnicodeNames.bin")
                ?? throw new InvalidOperationException("The Unicode name table is missing from the assembly.");
            using var inflated = new DeflateStream(stream, CompressionMode.Decompress);
            using var reader = new StreamReader(inflated, Encoding.ASCII);
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                var space = line.IndexOf(' ');
                table[line.Substring(space + 1)] = int.Parse(line.Substring(0, space), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            }

            return table;
        }
    }
}
