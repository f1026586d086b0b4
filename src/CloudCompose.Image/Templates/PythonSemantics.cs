using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CloudCompose.Image.Templates
{
    /// <summary>
    /// Python's str(), repr(), truthiness, equality and ordering over template values, because Jinja2
    /// prints and compares values the Python way (True, None, ['a'], '' is false).
    /// Values are string, bool, null, TemplateNumber, IReadOnlyList&lt;object?&gt;, IReadOnlyDictionary&lt;string, object?&gt;.
    /// </summary>
    internal static class PythonSemantics
    {
        public static string Str(object? value) => value is string s ? s : Repr(value);

        public static string Repr(object? value)
        {
            switch (value)
            {
                case null: return "None";
                case bool b: return b ? "True" : "False";
                case string s: return ReprString(s);
                case TemplateNumber n: return n.Text;
                case IReadOnlyList<object?> list: return "[" + string.Join(", ", list.Select(Repr)) + "]";
                case IReadOnlyDictionary<string, object?> dict:
                    return "{" + string.Join(", ", dict.Select(kv => ReprString(kv.Key) + ": " + Repr(kv.Value))) + "}";
                default: return Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        public static string TypeName(object? value)
        {
            switch (value)
            {
                case null: return "NoneType";
                case bool _: return "bool";
                case string _: return "str";
                case TemplateNumber n: return IsInteger(n) ? "int" : "float";
                case IReadOnlyList<object?> _: return "list";
                case IReadOnlyDictionary<string, object?> _: return "dict";
                default: return value.GetType().Name;
            }
        }

        public static bool Truthy(object? value)
        {
            switch (value)
            {
                case null: return false;
                case bool b: return b;
                case string s: return s.Length > 0;
                case TemplateNumber n: return n.Value != 0;
                case IReadOnlyList<object?> list: return list.Count > 0;
                case IReadOnlyDictionary<string, object?> dict: return dict.Count > 0;
                default: return true;
            }
        }

        public static new bool Equals(object? a, object? b)
        {
            if (IsNumeric(a) && IsNumeric(b))
            {
                return ToDouble(a) == ToDouble(b);
            }

            switch (a)
            {
                case null: return b == null;
                case string s: return b is string t && string.Equals(s, t, StringComparison.Ordinal);
                case IReadOnlyList<object?> l:
                    return b is IReadOnlyList<object?> m && l.Count == m.Count && l.Zip(m, Equals).All(x => x);
                case IReadOnlyDictionary<string, object?> d:
                    return b is IReadOnlyDictionary<string, object?> e && d.Count == e.Count
                        && d.All(kv => e.TryGetValue(kv.Key, out var v) && Equals(kv.Value, v));
                default: return false;
            }
        }

        /// <summary>Python ordering; null when Python would raise TypeError.</summary>
        public static int? Compare(object? a, object? b)
        {
            if (IsNumeric(a) && IsNumeric(b))
            {
                return ToDouble(a).CompareTo(ToDouble(b));
            }

            if (a is string s && b is string t)
            {
                return Math.Sign(string.CompareOrdinal(s, t));
            }

            if (a is IReadOnlyList<object?> l && b is IReadOnlyList<object?> m)
            {
                for (var i = 0; i < Math.Min(l.Count, m.Count); i++)
                {
                    if (!Equals(l[i], m[i]))
                    {
                        return Compare(l[i], m[i]);
                    }
                }

                return l.Count.CompareTo(m.Count);
            }

            return null;
        }

        /// <summary>Python's <c>item in container</c>; null when Python would raise TypeError.</summary>
        public static bool? Contains(object? container, object? item)
        {
            switch (container)
            {
                case string s:
                    return item is string t ? s.IndexOf(t, StringComparison.Ordinal) >= 0 : (bool?)null;
                case IReadOnlyList<object?> list: return list.Any(x => Equals(x, item));
                case IReadOnlyDictionary<string, object?> dict: return item is string key && dict.ContainsKey(key);
                default: return null;
            }
        }

        /// <summary>Python's len(); null when the value has no length.</summary>
        public static int? Length(object? value)
        {
            switch (value)
            {
                case string s: return CodePoints(s).Count();
                case IReadOnlyList<object?> list: return list.Count;
                case IReadOnlyDictionary<string, object?> dict: return dict.Count;
                default: return null;
            }
        }

        /// <summary>Python iteration: list items, dict keys, string characters; null when not iterable.</summary>
        public static IReadOnlyList<object?>? Iterate(object? value)
        {
            switch (value)
            {
                case string s: return CodePoints(s).Cast<object?>().ToList();
                case IReadOnlyList<object?> list: return list;
                case IReadOnlyDictionary<string, object?> dict: return dict.Keys.Cast<object?>().ToList();
                default: return null;
            }
        }

        /// <summary>Python's str.replace, including an empty 'old' and a count.</summary>
        public static string Replace(string s, string old, string replacement, int count)
        {
            if (count < 0)
            {
                count = int.MaxValue;
            }

            var result = new StringBuilder();
            if (old.Length == 0)
            {
                var points = CodePoints(s).ToList();
                var done = 0;
                for (var i = 0; i <= points.Count; i++)
                {
                    if (done < count)
                    {
                        result.Append(replacement);
                        done++;
                    }

                    if (i < points.Count)
                    {
                        result.Append(points[i]);
                    }
                }

                return result.ToString();
            }

            var at = 0;
            for (var n = 0; n < count; n++)
            {
                var next = s.IndexOf(old, at, StringComparison.Ordinal);
                if (next < 0)
                {
                    break;
                }

                result.Append(s, at, next - at).Append(replacement);
                at = next + old.Length;
            }

            return result.Append(s, at, s.Length - at).ToString();
        }

        /// <summary>Python's repr of a str: single quotes unless the text has a ' and no ".</summary>
        private static string ReprString(string s)
        {
            var quote = s.IndexOf('\'') >= 0 && s.IndexOf('"') < 0 ? '"' : '\'';
            var result = new StringBuilder().Append(quote);
            foreach (var c in s)
            {
                switch (c)
                {
                    case '\\': result.Append("\\\\"); break;
                    case '\n': result.Append("\\n"); break;
                    case '\r': result.Append("\\r"); break;
                    case '\t': result.Append("\\t"); break;
                    default:
                        if (c == quote)
                        {
                            result.Append('\\');
                        }

                        if (c < ' ' || c == '\x7f')
                        {
                            result.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            result.Append(c);
                        }

                        break;
                }
            }

            return result.Append(quote).ToString();
        }

        private static bool IsNumeric(object? value) => value is TemplateNumber || value is bool;

        private static double ToDouble(object? value) => value is bool b ? (b ? 1 : 0) : ((TemplateNumber)value!).Value;

        private static bool IsInteger(TemplateNumber n)
        {
            var t = n.Text.TrimStart('-', '+').ToLowerInvariant();
            return t.StartsWith("0x", StringComparison.Ordinal) || t.StartsWith("0o", StringComparison.Ordinal)
                || (t.IndexOfAny(new[] { '.', 'e' }) < 0 && !t.Contains("inf") && !t.Contains("nan"));
        }

        private static IEnumerable<string> CodePoints(string s)
        {
            for (var i = 0; i < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    yield return s.Substring(i++, 2);
                }
                else
                {
                    yield return s[i].ToString();
                }
            }
        }
    }
}
