using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Filters
{
    /// <summary>
    /// Python's json.dumps(value, sort_keys=True[, indent=n]) with ASCII escapes, and Jinja2's HTML-safe
    /// escaping of &lt; &gt; &amp; ' for the tojson filter. A number given with its own text is written as its value.
    /// </summary>
    internal static class Json
    {
        public static string Dumps(object? value, object? indent, bool htmlSafe)
        {
            string? indentText = null;
            if (indent != null)
            {
                indentText = PyTypes.AsString(indent) ?? PyStr.Repeat(" ", PyOps.ToIndex(indent));
            }

            var builder = new StringBuilder();
            Write(builder, value, indentText, 0, new List<object>());
            var text = builder.ToString();
            return htmlSafe
                ? text.Replace("<", "\\u003c").Replace(">", "\\u003e").Replace("&", "\\u0026").Replace("'", "\\u0027")
                : text;
        }

        private static void Write(StringBuilder builder, object? value, string? indent, int level, List<object> open)
        {
            switch (value)
            {
                case null:
                    builder.Append("null");
                    return;
                case bool b:
                    builder.Append(b ? "true" : "false");
                    return;
                case long _:
                case BigInteger _:
                    builder.Append(PyInt.ToDecimal(value));
                    return;
                case double d:
                    builder.Append(Float(d));
                    return;
                case TextNumber n:
                    Write(builder, n.Number, indent, level, open);
                    return;
                case string s:
                    String(builder, s);
                    return;
                case Markup m:
                    String(builder, m.Text);
                    return;
                case PyList list:
                    Array(builder, list, list.Items, indent, level, open);
                    return;
                case PyTuple tuple:
                    Array(builder, tuple, tuple.Items, indent, level, open);
                    return;
                case PyDict dict:
                    Object(builder, dict, indent, level, open);
                    return;
                default:
                    throw Raise.TypeError($"Object of type {PyTypes.TypeName(value)} is not JSON serializable");
            }
        }

        private static string Float(double d)
        {
            if (double.IsNaN(d))
            {
                return "NaN";
            }

            if (double.IsInfinity(d))
            {
                return d > 0 ? "Infinity" : "-Infinity";
            }

            return PyFloat.Repr(d);
        }

        private static void Array(StringBuilder builder, object container, IReadOnlyList<object?> items, string? indent, int level, List<object> open)
        {
            if (items.Count == 0)
            {
                builder.Append("[]");
                return;
            }

            Enter(open, container);
            builder.Append('[');
            for (var i = 0; i < items.Count; i++)
            {
                Separator(builder, i, indent, level + 1);
                Write(builder, items[i], indent, level + 1, open);
            }

            Close(builder, indent, level);
            builder.Append(']');
            open.RemoveAt(open.Count - 1);
        }

        private static void Object(StringBuilder builder, PyDict dict, string? indent, int level, List<object> open)
        {
            if (dict.Count == 0)
            {
                builder.Append("{}");
                return;
            }

            Enter(open, dict);
            var pairs = new List<object?>();
            foreach (var pair in dict.Items)
            {
                pairs.Add(PyTuple.Of(pair.Key, pair.Value));
            }

            var sorted = Sorting.Sorted(pairs, null, false);
            builder.Append('{');
            for (var i = 0; i < sorted.Count; i++)
            {
                var pair = (PyTuple)sorted[i]!;
                Separator(builder, i, indent, level + 1);
                String(builder, Key(pair[0]));
                builder.Append(": ");
                Write(builder, pair[1], indent, level + 1, open);
            }

            Close(builder, indent, level);
            builder.Append('}');
            open.RemoveAt(open.Count - 1);
        }

        private static string Key(object? key) => key switch
        {
            string s => s,
            Markup m => m.Text,
            null => "null",
            bool b => b ? "true" : "false",
            double d => Float(d),
            long _ => PyInt.ToDecimal(key),
            BigInteger _ => PyInt.ToDecimal(key),
            TextNumber n => Key(n.Number),
            _ => throw Raise.TypeError($"keys must be str, int, float, bool or None, not {PyTypes.TypeName(key)}"),
        };

        private static void Separator(StringBuilder builder, int index, string? indent, int level)
        {
            if (index > 0)
            {
                builder.Append(indent == null ? ", " : ",");
            }

            if (indent != null)
            {
                builder.Append('\n');
                for (var i = 0; i < level; i++)
                {
                    builder.Append(indent);
                }
            }
        }

        private static void Close(StringBuilder builder, string? indent, int level)
        {
            if (indent != null)
            {
                builder.Append('\n');
                for (var i = 0; i < level; i++)
                {
                    builder.Append(indent);
                }
            }
        }

        private static void Enter(List<object> open, object container)
        {
            foreach (var o in open)
            {
                if (ReferenceEquals(o, container))
                {
                    throw Raise.ValueError("Circular reference detected");
                }
            }

            open.Add(container);
        }

        private static void String(StringBuilder builder, string s)
        {
            builder.Append('"');
            foreach (var c in s)
            {
                switch (c)
                {
                    case '"':
                        builder.Append("\\\"");
                        break;
                    case '\\':
                        builder.Append("\\\\");
                        break;
                    case '\n':
                        builder.Append("\\n");
                        break;
                    case '\r':
                        builder.Append("\\r");
                        break;
                    case '\t':
                        builder.Append("\\t");
                        break;
                    case '\b':
                        builder.Append("\\b");
                        break;
                    case '\f':
                        builder.Append("\\f");
                        break;
                    default:
                        if (c < 0x20 || c > 0x7e)
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            builder.Append('"');
        }
    }
}
