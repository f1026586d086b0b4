using System;
using System.Collections.Generic;
using System.Text;

namespace CloudCompose.Image.Jinja.Unicode
{
    /// <summary>
    /// Python's character properties and full case mappings, read from the generated <see cref="UnicodeTables"/>.
    /// Code points, not UTF-16 units: callers pass whole characters (see PyStr.CodePoints).
    /// </summary>
    internal static class UnicodeData
    {
        private static readonly Lazy<CaseMap> UpperMap = new Lazy<CaseMap>(() => new CaseMap(UnicodeTables.UpperRuns, UnicodeTables.UpperMultiKeys, UnicodeTables.UpperMultiValues));
        private static readonly Lazy<CaseMap> LowerMap = new Lazy<CaseMap>(() => new CaseMap(UnicodeTables.LowerRuns, UnicodeTables.LowerMultiKeys, UnicodeTables.LowerMultiValues));
        private static readonly Lazy<CaseMap> TitleMap = new Lazy<CaseMap>(() => new CaseMap(UnicodeTables.TitleRuns, UnicodeTables.TitleMultiKeys, UnicodeTables.TitleMultiValues));
        private static readonly Lazy<CaseMap> FoldMap = new Lazy<CaseMap>(() => new CaseMap(UnicodeTables.FoldRuns, UnicodeTables.FoldMultiKeys, UnicodeTables.FoldMultiValues));

        public static int Flags(int codePoint)
        {
            var starts = UnicodeTables.FlagStarts;
            var index = Array.BinarySearch(starts, codePoint);
            if (index < 0)
            {
                index = ~index - 1;
            }

            return index < 0 ? 0 : UnicodeTables.FlagValues[index];
        }

        public static bool Has(int codePoint, int flag) => (Flags(codePoint) & flag) != 0;

        public static bool IsSpace(int codePoint) =>
            codePoint < 128 ? codePoint == ' ' || (codePoint >= 9 && codePoint <= 13) || (codePoint >= 0x1c && codePoint <= 0x1f) : Has(codePoint, UnicodeTables.Space);

        public static bool IsCased(int codePoint) => Has(codePoint, UnicodeTables.Cased);

        public static bool IsCaseIgnorable(int codePoint) => Has(codePoint, UnicodeTables.CaseIgnorable);

        public static bool IsUpper(int codePoint) => Has(codePoint, UnicodeTables.Upper);

        public static bool IsLower(int codePoint) => Has(codePoint, UnicodeTables.Lower);

        public static bool IsTitle(int codePoint) => Has(codePoint, UnicodeTables.Title);

        /// <summary>Python's \w in a str pattern: alphanumeric (str.isalnum) or underscore.</summary>
        public static bool IsWord(int codePoint) =>
            codePoint == '_' || (Flags(codePoint) & (UnicodeTables.Alpha | UnicodeTables.Decimal | UnicodeTables.Digit | UnicodeTables.Numeric)) != 0;

        public static void AppendUpper(StringBuilder builder, int codePoint) => UpperMap.Value.Append(builder, codePoint);

        public static void AppendLower(StringBuilder builder, int codePoint) => LowerMap.Value.Append(builder, codePoint);

        public static void AppendTitle(StringBuilder builder, int codePoint) => TitleMap.Value.Append(builder, codePoint);

        public static void AppendFold(StringBuilder builder, int codePoint) => FoldMap.Value.Append(builder, codePoint);

        public static void AppendCodePoint(StringBuilder builder, int codePoint)
        {
            if (codePoint < 0x10000)
            {
                builder.Append((char)codePoint);
            }
            else
            {
                builder.Append(char.ConvertFromUtf32(codePoint));
            }
        }

        /// <summary>One case mapping: single-character deltas and multi-character results.</summary>
        private sealed class CaseMap
        {
            private readonly Dictionary<int, int> deltas = new Dictionary<int, int>();
            private readonly Dictionary<int, string> multi = new Dictionary<int, string>();

            public CaseMap(int[] runs, int[] multiKeys, string[] multiValues)
            {
                for (var i = 0; i < runs.Length; i += 4)
                {
                    var start = runs[i];
                    var count = runs[i + 1];
                    var stride = runs[i + 2];
                    var delta = runs[i + 3];
                    for (var k = 0; k < count; k++)
                    {
                        deltas[start + k * stride] = delta;
                    }
                }

                for (var i = 0; i < multiKeys.Length; i++)
                {
                    multi[multiKeys[i]] = multiValues[i];
                }
            }

            public void Append(StringBuilder builder, int codePoint)
            {
                if (deltas.TryGetValue(codePoint, out var delta))
                {
                    AppendCodePoint(builder, codePoint + delta);
                }
                else if (multi.TryGetValue(codePoint, out var text))
                {
                    builder.Append(text);
                }
                else
                {
                    AppendCodePoint(builder, codePoint);
                }
            }
        }
    }
}
