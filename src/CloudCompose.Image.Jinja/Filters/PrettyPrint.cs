using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Filters
{
    /// <summary>
    /// Python's pprint.pformat(value) for the pprint filter: repr with dict keys sorted, and containers and
    /// long strings broken over lines (width 80, indent 1) when they do not fit.
    /// </summary>
    internal static class PrettyPrint
    {
        private const int Width = 80;
        private static readonly Regex Parts = new Regex(@"\S*\s*", RegexOptions.CultureInvariant);

        public static string Format(object? value)
        {
            var builder = new StringBuilder();
            Write(builder, value, 0, 0, 1);
            return builder.ToString();
        }

        private static void Write(StringBuilder builder, object? value, int indent, int allowance, int level)
        {
            var rep = Repr(value);
            if (PyStr.Length(rep) > Width - indent - allowance)
            {
                switch (value)
                {
                    case PyDict dict when dict.Count > 0:
                        builder.Append('{');
                        var items = Sorted(dict);
                        var itemIndent = indent + 1;
                        for (var i = 0; i < items.Count; i++)
                        {
                            var last = i == items.Count - 1;
                            var key = Repr(items[i].Key);
                            builder.Append(key).Append(": ");
                            Write(builder, items[i].Value, itemIndent + PyStr.Length(key) + 2, last ? allowance + 1 : 1, level + 1);
                            if (!last)
                            {
                                builder.Append(",\n").Append(' ', itemIndent);
                            }
                        }

                        builder.Append('}');
                        return;
                    case PyList list when list.Count > 0:
                        builder.Append('[');
                        Items(builder, list.Items, indent, allowance + 1, level);
                        builder.Append(']');
                        return;
                    case PyTuple tuple when tuple.Count > 0:
                        var end = tuple.Count == 1 ? ",)" : ")";
                        builder.Append('(');
                        Items(builder, tuple.Items, indent, allowance + end.Length, level);
                        builder.Append(end);
                        return;
                    case string s when s.Length > 0:
                        WriteString(builder, s, indent, allowance, level);
                        return;
                }
            }

            builder.Append(rep);
        }

        private static void Items(StringBuilder builder, IReadOnlyList<object?> items, int indent, int allowance, int level)
        {
            indent++;
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(",\n").Append(' ', indent);
                }

                Write(builder, items[i], indent, i == items.Count - 1 ? allowance : 1, level + 1);
            }
        }

        private static void WriteString(StringBuilder builder, string s, int indent, int allowance, int level)
        {
            var chunks = new List<string>();
            var lines = PyStr.SplitLines(s, true);
            if (level == 1)
            {
                indent++;
                allowance++;
            }

            var maxWidth1 = Width - indent;
            var maxWidth = maxWidth1;
            var rep = string.Empty;
            for (var i = 0; i < lines.Count; i++)
            {
                rep = PyRepr.StringRepr(lines[i]);
                if (i == lines.Count - 1)
                {
                    maxWidth1 -= allowance;
                }

                if (PyStr.Length(rep) <= maxWidth1)
                {
                    chunks.Add(rep);
                    continue;
                }

                var parts = new List<string>();
                foreach (Match match in Parts.Matches(lines[i]))
                {
                    if (match.Length > 0)
                    {
                        parts.Add(match.Value);
                    }
                }

                var maxWidth2 = maxWidth;
                var current = string.Empty;
                for (var j = 0; j < parts.Count; j++)
                {
                    var candidate = current + parts[j];
                    if (j == parts.Count - 1 && i == lines.Count - 1)
                    {
                        maxWidth2 -= allowance;
                    }

                    if (PyStr.Length(PyRepr.StringRepr(candidate)) > maxWidth2)
                    {
                        if (current.Length > 0)
                        {
                            chunks.Add(PyRepr.StringRepr(current));
                        }

                        current = parts[j];
                    }
                    else
                    {
                        current = candidate;
                    }
                }

                if (current.Length > 0)
                {
                    chunks.Add(PyRepr.StringRepr(current));
                }
            }

            if (chunks.Count == 1)
            {
                builder.Append(rep);
                return;
            }

            if (level == 1)
            {
                builder.Append('(');
            }

            for (var i = 0; i < chunks.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append('\n').Append(' ', indent);
                }

                builder.Append(chunks[i]);
            }

            if (level == 1)
            {
                builder.Append(')');
            }
        }

        /// <summary>pprint's _safe_repr: repr with every dict's items sorted.</summary>
        private static string Repr(object? value)
        {
            switch (value)
            {
                case PyDict dict:
                    var parts = new List<string>();
                    foreach (var pair in Sorted(dict))
                    {
                        parts.Add(Repr(pair.Key) + ": " + Repr(pair.Value));
                    }

                    return "{" + string.Join(", ", parts) + "}";
                case PyList list:
                    return "[" + string.Join(", ", list.Items.ConvertAll(Repr)) + "]";
                case PyTuple tuple:
                    var items = new List<string>();
                    foreach (var item in tuple.Items)
                    {
                        items.Add(Repr(item));
                    }

                    return tuple.Count == 1 ? "(" + items[0] + ",)" : "(" + string.Join(", ", items) + ")";
                default:
                    return PyRepr.Repr(value);
            }
        }

        /// <summary>Items sorted by key then value; pairs that do not order keep pprint's fallback (type name).</summary>
        private static List<KeyValuePair<object?, object?>> Sorted(PyDict dict)
        {
            var items = new List<KeyValuePair<object?, object?>>(dict.Items);
            var keys = new List<object?>();
            foreach (var pair in items)
            {
                keys.Add(pair);
            }

            var sorted = Sorting.Sorted(keys, null, false, SafeLess);
            return sorted.ConvertAll(o => (KeyValuePair<object?, object?>)o!);
        }

        private static bool SafeLess(object? a, object? b)
        {
            var x = (KeyValuePair<object?, object?>)a!;
            var y = (KeyValuePair<object?, object?>)b!;
            if (SafeKeyLess(x.Key, y.Key))
            {
                return true;
            }

            if (SafeKeyLess(y.Key, x.Key))
            {
                return false;
            }

            return SafeKeyLess(x.Value, y.Value);
        }

        private static bool SafeKeyLess(object? a, object? b)
        {
            try
            {
                return PyOps.Less(a, b);
            }
            catch (JinjaException e) when (e.Kind == JinjaErrorKind.Type)
            {
                return string.CompareOrdinal("<class '" + PyTypes.TypeName(a) + "'>", "<class '" + PyTypes.TypeName(b) + "'>") < 0;
            }
        }
    }
}
