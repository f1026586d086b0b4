using System;
using System.Collections.Generic;
using System.Text;
using CloudCompose.Image.Jinja.Unicode;

namespace CloudCompose.Image.Jinja.Python
{
    /// <summary>
    /// Python's str algorithms over code points (a C# string is UTF-16; Python counts characters): length,
    /// indexing, strip/split/splitlines, case mapping with Python's Unicode tables, padding and searching.
    /// </summary>
    internal static class PyStr
    {
        public static bool HasSurrogates(string s)
        {
            foreach (var c in s)
            {
                if (char.IsSurrogate(c))
                {
                    return true;
                }
            }

            return false;
        }

        public static int[] CodePoints(string s)
        {
            var result = new List<int>(s.Length);
            for (var i = 0; i < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    result.Add(char.ConvertToUtf32(s[i], s[i + 1]));
                    i++;
                }
                else
                {
                    result.Add(s[i]);
                }
            }

            return result.ToArray();
        }

        public static string FromCodePoints(IReadOnlyList<int> codePoints, int start, int count)
        {
            var builder = new StringBuilder(count);
            for (var i = start; i < start + count; i++)
            {
                UnicodeData.AppendCodePoint(builder, codePoints[i]);
            }

            return builder.ToString();
        }

        public static string FromCodePoint(int codePoint) => codePoint < 0x10000 ? ((char)codePoint).ToString() : char.ConvertFromUtf32(codePoint);

        public static int Length(string s)
        {
            var n = s.Length;
            foreach (var c in s)
            {
                if (char.IsLowSurrogate(c))
                {
                    n--;
                }
            }

            return n;
        }

        /// <summary>The characters of a string, one string each (what iterating a Python str gives).</summary>
        public static IEnumerable<object?> Chars(string s)
        {
            for (var i = 0; i < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    yield return s.Substring(i, 2);
                    i++;
                }
                else
                {
                    yield return s[i].ToString();
                }
            }
        }

        public static string Index(string s, long index)
        {
            if (!HasSurrogates(s))
            {
                var i = index < 0 ? index + s.Length : index;
                if (i < 0 || i >= s.Length)
                {
                    throw Raise.IndexError("string index out of range");
                }

                return s[(int)i].ToString();
            }

            var cps = CodePoints(s);
            var j = index < 0 ? index + cps.Length : index;
            if (j < 0 || j >= cps.Length)
            {
                throw Raise.IndexError("string index out of range");
            }

            return FromCodePoint(cps[(int)j]);
        }

        public static string Slice(string s, object? start, object? stop, object? step)
        {
            if (!HasSurrogates(s))
            {
                var slice = PySlice.Resolve(s.Length, start, stop, step);
                if (slice.Step == 1)
                {
                    return slice.Count == 0 ? string.Empty : s.Substring((int)slice.Start, (int)slice.Count);
                }

                var builder = new StringBuilder((int)slice.Count);
                for (long i = 0; i < slice.Count; i++)
                {
                    builder.Append(s[(int)slice[i]]);
                }

                return builder.ToString();
            }

            var cps = CodePoints(s);
            var cpSlice = PySlice.Resolve(cps.Length, start, stop, step);
            var result = new StringBuilder();
            for (long i = 0; i < cpSlice.Count; i++)
            {
                UnicodeData.AppendCodePoint(result, cps[cpSlice[i]]);
            }

            return result.ToString();
        }

        public static bool IsSpace(string s, int i, out int width)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                width = 2;
                return UnicodeData.IsSpace(char.ConvertToUtf32(s[i], s[i + 1]));
            }

            width = 1;
            return UnicodeData.IsSpace(s[i]);
        }

        public static bool IsSpaceChar(char c) => UnicodeData.IsSpace(c);

        public static string Strip(string s) => StripWhitespace(s, true, true);

        public static string StripWhitespace(string s, bool left, bool right)
        {
            var start = 0;
            var end = s.Length;
            if (left)
            {
                while (start < end && UnicodeData.IsSpace(s[start]))
                {
                    start++;
                }
            }

            if (right)
            {
                while (end > start && UnicodeData.IsSpace(s[end - 1]))
                {
                    end--;
                }
            }

            return s.Substring(start, end - start);
        }

        public static string StripChars(string s, string? chars, bool left, bool right)
        {
            if (chars == null)
            {
                return StripWhitespace(s, left, right);
            }

            var set = new HashSet<int>(CodePoints(chars));
            var cps = CodePoints(s);
            var start = 0;
            var end = cps.Length;
            if (left)
            {
                while (start < end && set.Contains(cps[start]))
                {
                    start++;
                }
            }

            if (right)
            {
                while (end > start && set.Contains(cps[end - 1]))
                {
                    end--;
                }
            }

            return FromCodePoints(cps, start, end - start);
        }

        /// <summary>str.split(sep, maxsplit): with no separator, runs of whitespace split and ends are dropped.</summary>
        public static List<string> Split(string s, string? sep, long maxsplit)
        {
            var parts = new List<string>();
            if (sep == null)
            {
                var i = 0;
                while (true)
                {
                    while (i < s.Length && UnicodeData.IsSpace(s[i]))
                    {
                        i++;
                    }

                    if (i >= s.Length)
                    {
                        break;
                    }

                    if (maxsplit >= 0 && parts.Count >= maxsplit)
                    {
                        parts.Add(s.Substring(i));
                        break;
                    }

                    var start = i;
                    while (i < s.Length && !UnicodeData.IsSpace(s[i]))
                    {
                        i++;
                    }

                    parts.Add(s.Substring(start, i - start));
                }

                return parts;
            }

            if (sep.Length == 0)
            {
                throw Raise.ValueError("empty separator");
            }

            var from = 0;
            while (maxsplit < 0 || parts.Count < maxsplit)
            {
                var at = s.IndexOf(sep, from, StringComparison.Ordinal);
                if (at < 0)
                {
                    break;
                }

                parts.Add(s.Substring(from, at - from));
                from = at + sep.Length;
            }

            parts.Add(s.Substring(from));
            return parts;
        }

        /// <summary>str.rsplit(sep, maxsplit): like split, counting splits from the right.</summary>
        public static List<string> RSplit(string s, string? sep, long maxsplit)
        {
            if (maxsplit < 0)
            {
                return Split(s, sep, maxsplit);
            }

            var parts = new List<string>();
            if (sep == null)
            {
                var i = s.Length;
                while (true)
                {
                    while (i > 0 && UnicodeData.IsSpace(s[i - 1]))
                    {
                        i--;
                    }

                    if (i <= 0)
                    {
                        break;
                    }

                    if (parts.Count >= maxsplit)
                    {
                        parts.Add(s.Substring(0, i));
                        break;
                    }

                    var end = i;
                    while (i > 0 && !UnicodeData.IsSpace(s[i - 1]))
                    {
                        i--;
                    }

                    parts.Add(s.Substring(i, end - i));
                }

                parts.Reverse();
                return parts;
            }

            if (sep.Length == 0)
            {
                throw Raise.ValueError("empty separator");
            }

            var to = s.Length;
            while (parts.Count < maxsplit)
            {
                var at = to - sep.Length < 0 ? -1 : s.LastIndexOf(sep, to - 1, to, StringComparison.Ordinal);
                if (at < 0 || at + sep.Length > to)
                {
                    break;
                }

                parts.Add(s.Substring(at + sep.Length, to - at - sep.Length));
                to = at;
            }

            parts.Add(s.Substring(0, to));
            parts.Reverse();
            return parts;
        }

        public static bool IsLineBreak(char c) =>
            c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '\x1c' || c == '\x1d' || c == '\x1e' || c == '\x85' || c == '\u2028' || c == '\u2029';

        public static List<string> SplitLines(string s, bool keepends)
        {
            var lines = new List<string>();
            var start = 0;
            var i = 0;
            while (i < s.Length)
            {
                if (!IsLineBreak(s[i]))
                {
                    i++;
                    continue;
                }

                var eol = i + (s[i] == '\r' && i + 1 < s.Length && s[i + 1] == '\n' ? 2 : 1);
                lines.Add(s.Substring(start, (keepends ? eol : i) - start));
                start = i = eol;
            }

            if (start < s.Length)
            {
                lines.Add(s.Substring(start));
            }

            return lines;
        }

        public static string Upper(string s)
        {
            if (IsAscii(s))
            {
                return s.ToUpperInvariant();
            }

            var builder = new StringBuilder(s.Length);
            foreach (var cp in CodePoints(s))
            {
                UnicodeData.AppendUpper(builder, cp);
            }

            return builder.ToString();
        }

        public static string Lower(string s)
        {
            if (IsAscii(s))
            {
                return s.ToLowerInvariant();
            }

            var cps = CodePoints(s);
            var builder = new StringBuilder(s.Length);
            for (var i = 0; i < cps.Length; i++)
            {
                AppendLower(builder, cps, i);
            }

            return builder.ToString();
        }

        public static string CaseFold(string s)
        {
            var builder = new StringBuilder(s.Length);
            foreach (var cp in CodePoints(s))
            {
                UnicodeData.AppendFold(builder, cp);
            }

            return builder.ToString();
        }

        /// <summary>str.title(): a character after a cased one is lowered, any other is title-cased.</summary>
        public static string Title(string s)
        {
            var cps = CodePoints(s);
            var builder = new StringBuilder(s.Length);
            var previousCased = false;
            for (var i = 0; i < cps.Length; i++)
            {
                if (previousCased)
                {
                    AppendLower(builder, cps, i);
                }
                else
                {
                    UnicodeData.AppendTitle(builder, cps[i]);
                }

                previousCased = UnicodeData.IsCased(cps[i]);
            }

            return builder.ToString();
        }

        /// <summary>str.capitalize(): the first character title-cased, the rest lowered.</summary>
        public static string Capitalize(string s)
        {
            var cps = CodePoints(s);
            var builder = new StringBuilder(s.Length);
            for (var i = 0; i < cps.Length; i++)
            {
                if (i == 0)
                {
                    UnicodeData.AppendTitle(builder, cps[i]);
                }
                else
                {
                    AppendLower(builder, cps, i);
                }
            }

            return builder.ToString();
        }

        public static string SwapCase(string s)
        {
            var cps = CodePoints(s);
            var builder = new StringBuilder(s.Length);
            for (var i = 0; i < cps.Length; i++)
            {
                if (UnicodeData.IsUpper(cps[i]))
                {
                    AppendLower(builder, cps, i);
                }
                else if (UnicodeData.IsLower(cps[i]))
                {
                    UnicodeData.AppendUpper(builder, cps[i]);
                }
                else
                {
                    UnicodeData.AppendCodePoint(builder, cps[i]);
                }
            }

            return builder.ToString();
        }

        public static bool IsAscii(string s)
        {
            foreach (var c in s)
            {
                if (c >= 128)
                {
                    return false;
                }
            }

            return true;
        }

        public static bool IsUpperString(string s)
        {
            var cased = false;
            foreach (var cp in CodePoints(s))
            {
                if (UnicodeData.IsLower(cp) || UnicodeData.IsTitle(cp))
                {
                    return false;
                }

                cased |= UnicodeData.IsUpper(cp);
            }

            return cased;
        }

        public static bool IsLowerString(string s)
        {
            var cased = false;
            foreach (var cp in CodePoints(s))
            {
                if (UnicodeData.IsUpper(cp) || UnicodeData.IsTitle(cp))
                {
                    return false;
                }

                cased |= UnicodeData.IsLower(cp);
            }

            return cased;
        }

        public static bool IsTitleString(string s)
        {
            var cased = false;
            var previousCased = false;
            foreach (var cp in CodePoints(s))
            {
                if (UnicodeData.IsUpper(cp) || UnicodeData.IsTitle(cp))
                {
                    if (previousCased)
                    {
                        return false;
                    }

                    previousCased = cased = true;
                }
                else if (UnicodeData.IsLower(cp))
                {
                    if (!previousCased)
                    {
                        return false;
                    }

                    previousCased = cased = true;
                }
                else
                {
                    previousCased = false;
                }
            }

            return cased;
        }

        /// <summary>Whether every character has one of <paramref name="flags"/> (and there is at least one).</summary>
        public static bool All(string s, int flags)
        {
            var cps = CodePoints(s);
            if (cps.Length == 0)
            {
                return false;
            }

            foreach (var cp in cps)
            {
                if ((UnicodeData.Flags(cp) & flags) == 0)
                {
                    return false;
                }
            }

            return true;
        }

        public static bool IsIdentifier(string s)
        {
            var cps = CodePoints(s);
            if (cps.Length == 0 || !UnicodeData.Has(cps[0], UnicodeTables.IdentifierStart))
            {
                return false;
            }

            for (var i = 1; i < cps.Length; i++)
            {
                if (!UnicodeData.Has(cps[i], UnicodeTables.IdentifierContinue))
                {
                    return false;
                }
            }

            return true;
        }

        public static bool IsPrintable(string s)
        {
            foreach (var cp in CodePoints(s))
            {
                if (!UnicodeData.Has(cp, UnicodeTables.Printable))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>str.center: the extra space goes right, except when both the margin and the width are odd.</summary>
        public static string Center(string s, long width, string fill)
        {
            var length = Length(s);
            if (width <= length)
            {
                return s;
            }

            var margin = width - length;
            var left = margin / 2 + (margin & width & 1);
            return Repeat(fill, left) + s + Repeat(fill, margin - left);
        }

        public static string LJust(string s, long width, string fill)
        {
            var length = Length(s);
            return width <= length ? s : s + Repeat(fill, width - length);
        }

        public static string RJust(string s, long width, string fill)
        {
            var length = Length(s);
            return width <= length ? s : Repeat(fill, width - length) + s;
        }

        public static string ZFill(string s, long width)
        {
            var length = Length(s);
            if (width <= length)
            {
                return s;
            }

            var pad = new string('0', (int)(width - length));
            if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
            {
                return s[0] + pad + s.Substring(1);
            }

            return pad + s;
        }

        public static string Repeat(string s, long count)
        {
            if (count <= 0 || s.Length == 0)
            {
                return string.Empty;
            }

            if ((long)s.Length * count > int.MaxValue / 2)
            {
                throw Raise.Runtime("MemoryError", string.Empty);
            }

            var builder = new StringBuilder(s.Length * (int)count);
            for (long i = 0; i < count; i++)
            {
                builder.Append(s);
            }

            return builder.ToString();
        }

        /// <summary>str.find over code point positions; -1 when absent.</summary>
        public static long Find(string s, string sub, object? start, object? end, bool fromRight)
        {
            if (HasSurrogates(s) || HasSurrogates(sub))
            {
                return FindCodePoints(CodePoints(s), CodePoints(sub), start, end, fromRight);
            }

            PySlice.Bounds(s.Length, start, end, out var from, out var to);
            if (to - from < sub.Length || from > s.Length)
            {
                return -1;
            }

            if (fromRight)
            {
                for (var i = to - sub.Length; i >= from; i--)
                {
                    if (string.CompareOrdinal(s, (int)i, sub, 0, sub.Length) == 0)
                    {
                        return i;
                    }
                }

                return -1;
            }

            return s.IndexOf(sub, (int)from, (int)(to - from), StringComparison.Ordinal);
        }

        public static long Count(string s, string sub, object? start, object? end)
        {
            var cps = CodePoints(s);
            var subs = CodePoints(sub);
            PySlice.Bounds(cps.Length, start, end, out var from, out var to);
            if (to - from < subs.Length)
            {
                return 0;
            }

            if (subs.Length == 0)
            {
                return to - from + 1;
            }

            long count = 0;
            for (var i = from; i + subs.Length <= to;)
            {
                if (MatchAt(cps, subs, i))
                {
                    count++;
                    i += subs.Length;
                }
                else
                {
                    i++;
                }
            }

            return count;
        }

        /// <summary>str.replace: an empty <paramref name="old"/> inserts <paramref name="replacement"/> around every character.</summary>
        public static string Replace(string s, string old, string replacement, long count)
        {
            if (count == 0)
            {
                return s;
            }

            if (old.Length == 0)
            {
                var builder = new StringBuilder();
                long done = 0;
                foreach (var ch in Chars(s))
                {
                    if (count < 0 || done < count)
                    {
                        builder.Append(replacement);
                        done++;
                    }

                    builder.Append((string)ch!);
                }

                if (count < 0 || done < count)
                {
                    builder.Append(replacement);
                }

                return builder.ToString();
            }

            if (count < 0)
            {
                return s.Replace(old, replacement);
            }

            var result = new StringBuilder();
            var from = 0;
            for (long n = 0; n < count; n++)
            {
                var at = s.IndexOf(old, from, StringComparison.Ordinal);
                if (at < 0)
                {
                    break;
                }

                result.Append(s, from, at - from).Append(replacement);
                from = at + old.Length;
            }

            result.Append(s, from, s.Length - from);
            return result.ToString();
        }

        public static string ExpandTabs(string s, long tabsize)
        {
            var builder = new StringBuilder();
            long column = 0;
            foreach (var ch in Chars(s))
            {
                var c = (string)ch!;
                if (c == "\t")
                {
                    if (tabsize > 0)
                    {
                        var spaces = tabsize - column % tabsize;
                        builder.Append(' ', (int)spaces);
                        column += spaces;
                    }
                }
                else
                {
                    builder.Append(c);
                    column = c == "\n" || c == "\r" ? 0 : column + 1;
                }
            }

            return builder.ToString();
        }

        /// <summary>Python's str ordering: by code point (UTF-16 order differs for characters above U+FFFF).</summary>
        public static int CompareCodePoints(string a, string b)
        {
            var n = Math.Min(a.Length, b.Length);
            for (var i = 0; i < n; i++)
            {
                if (a[i] != b[i])
                {
                    return Fix(a[i]).CompareTo(Fix(b[i]));
                }
            }

            return a.Length.CompareTo(b.Length);
        }

        private static int Fix(char c) => c >= 0xD800 ? (c >= 0xE000 ? c - 0x800 : c + 0x2000) : c;

        private static long FindCodePoints(int[] s, int[] sub, object? start, object? end, bool fromRight)
        {
            PySlice.Bounds(s.Length, start, end, out var from, out var to);
            if (to - from < sub.Length)
            {
                return -1;
            }

            if (fromRight)
            {
                for (var i = to - sub.Length; i >= from; i--)
                {
                    if (MatchAt(s, sub, i))
                    {
                        return i;
                    }
                }
            }
            else
            {
                for (var i = from; i + sub.Length <= to; i++)
                {
                    if (MatchAt(s, sub, i))
                    {
                        return i;
                    }
                }
            }

            return -1;
        }

        private static bool MatchAt(int[] s, int[] sub, long at)
        {
            for (var j = 0; j < sub.Length; j++)
            {
                if (s[at + j] != sub[j])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Lower-cases one character; a capital sigma becomes final (ς) at the end of a word, as in Python.</summary>
        private static void AppendLower(StringBuilder builder, int[] cps, int i)
        {
            if (cps[i] != 0x3A3)
            {
                UnicodeData.AppendLower(builder, cps[i]);
                return;
            }

            var j = i - 1;
            while (j >= 0 && UnicodeData.IsCaseIgnorable(cps[j]))
            {
                j--;
            }

            var final = j >= 0 && UnicodeData.IsCased(cps[j]);
            if (final && i + 1 < cps.Length)
            {
                j = i + 1;
                while (j < cps.Length && UnicodeData.IsCaseIgnorable(cps[j]))
                {
                    j++;
                }

                final = j == cps.Length || !UnicodeData.IsCased(cps[j]);
            }

            builder.Append(final ? '\u03C2' : '\u03C3');
        }
    }
}
