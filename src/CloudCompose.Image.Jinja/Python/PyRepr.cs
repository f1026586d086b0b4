using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;
using CloudCompose.Image.Jinja.Unicode;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Python
{
    /// <summary>Python's str() and repr() of runtime values, byte for byte.</summary>
    internal static class PyRepr
    {
        public static string Str(object? value)
        {
            switch (value)
            {
                case string s:
                    return s;
                case long l:
                    return l.ToString(CultureInfo.InvariantCulture);
                case bool b:
                    return b ? "True" : "False";
                case null:
                    return "None";
                case double d:
                    return PyFloat.Repr(d);
                case TextNumber n:
                    return n.Text;
                case Markup m:
                    return m.Text;
                case Undefined u:
                    return u.IsLenient ? string.Empty : throw u.Fail();
                case BigInteger big:
                    return PyInt.ToDecimal(big);
                case IPyStr custom:
                    return custom.Str();
                default:
                    return Repr(value);
            }
        }

        public static string Repr(object? value)
        {
            var builder = new StringBuilder();
            AppendRepr(builder, value, new List<object>());
            return builder.ToString();
        }

        /// <summary>repr() of a str: single quotes unless the text has a ' and no ", escapes for the rest.</summary>
        public static string StringRepr(string s)
        {
            var builder = new StringBuilder(s.Length + 2);
            AppendStringRepr(builder, s);
            return builder.ToString();
        }

/// <summary>ascii(): a repr with every non-ASCII character escaped.</summary>
        public static string Ascii(string repr)
        {
            var builder = new StringBuilder();
            foreach (var cp in PyStr.CodePoints(repr))
            {
                if (cp < 128)
                {
                    builder.Append((char)cp);
                }
                else if (cp <= 0xff)
                {
                    builder.Append("\\x").Append(cp.ToString("x2", CultureInfo.InvariantCulture));
                }
                else if (cp <= 0xffff)
                {
                    builder.Append("\\u").Append(cp.ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append("\\U").Append(cp.ToString("x8", CultureInfo.InvariantCulture));
                }
            }

            return builder.ToString();
        }

        private static void AppendRepr(StringBuilder builder, object? value, List<object> open)
        {
            switch (value)
            {
                case string s:
                    AppendStringRepr(builder, s);
                    return;
                case Markup m:
                    builder.Append("Markup(");
                    AppendStringRepr(builder, m.Text);
                    builder.Append(')');
                    return;
                case Undefined _:
                    builder.Append("Undefined");
                    return;
                case PyList list:
                    if (Enter(open, list, builder, "[...]"))
                    {
                        builder.Append('[');
                        AppendItems(builder, list.Items, open);
                        builder.Append(']');
                        open.RemoveAt(open.Count - 1);
                    }

                    return;
                case PyTuple tuple:
                    if (Enter(open, tuple, builder, "(...)"))
                    {
                        builder.Append('(');
                        AppendItems(builder, tuple.Items, open);
                        if (tuple.Count == 1)
                        {
                            builder.Append(',');
                        }

                        builder.Append(')');
                        open.RemoveAt(open.Count - 1);
                    }

                    return;
                case PyDict dict:
                    if (Enter(open, dict, builder, "{...}"))
                    {
                        builder.Append('{');
                        var first = true;
                        foreach (var pair in dict.Items)
                        {
                            if (!first)
                            {
                                builder.Append(", ");
                            }

                            first = false;
                            AppendRepr(builder, pair.Key, open);
                            builder.Append(": ");
                            AppendRepr(builder, pair.Value, open);
                        }

                        builder.Append('}');
                        open.RemoveAt(open.Count - 1);
                    }

                    return;
                case DictView view:
                    builder.Append(view.TypeName).Append('(');
                    var items = new List<object?>();
                    foreach (var item in PyIter.Iterate(view))
                    {
                        items.Add(item);
                    }

                    builder.Append('[');
                    AppendItems(builder, items, open);
                    builder.Append("])");
                    return;
                case PyRange range:
                    builder.Append("range(").Append(range.Start.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(range.Stop.ToString(CultureInfo.InvariantCulture));
                    if (range.Step != 1)
                    {
                        builder.Append(", ").Append(range.Step.ToString(CultureInfo.InvariantCulture));
                    }

                    builder.Append(')');
                    return;
                case PyIterator iterator:
                    builder.Append('<').Append(iterator.TypeName).Append(" object at 0x").Append(PyTypes.FakeAddress(iterator)).Append('>');
                    return;
                case IPyObject obj:
                    builder.Append(obj.Repr());
                    return;
                default:
                    builder.Append(Str(value));
                    return;
            }
        }

        private static bool Enter(List<object> open, object container, StringBuilder builder, string recursive)
        {
            foreach (var o in open)
            {
                if (ReferenceEquals(o, container))
                {
                    builder.Append(recursive);
                    return false;
                }
            }

            open.Add(container);
            return true;
        }

        private static void AppendItems(StringBuilder builder, IReadOnlyList<object?> items, List<object> open)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(", ");
                }

                AppendRepr(builder, items[i], open);
            }
        }

        private static void AppendStringRepr(StringBuilder builder, string s)
        {
            var quote = s.IndexOf('\'') >= 0 && s.IndexOf('"') < 0 ? '"' : '\'';
            builder.Append(quote);
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                int cp = c;
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    cp = char.ConvertToUtf32(c, s[i + 1]);
                    i++;
                }

                if (cp == quote || cp == '\\')
                {
                    builder.Append('\\').Append((char)cp);
                }
                else if (cp == '\t')
                {
                    builder.Append("\\t");
                }
                else if (cp == '\n')
                {
                    builder.Append("\\n");
                }
                else if (cp == '\r')
                {
                    builder.Append("\\r");
                }
                else if (cp < 0x20 || cp == 0x7f)
                {
                    builder.Append("\\x").Append(cp.ToString("x2", CultureInfo.InvariantCulture));
                }
                else if (cp < 0x7f)
                {
                    builder.Append((char)cp);
                }
                else if (!UnicodeData.Has(cp, UnicodeTables.Printable))
                {
                    if (cp <= 0xff)
                    {
                        builder.Append("\\x").Append(cp.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (cp <= 0xffff)
                    {
                        builder.Append("\\u").Append(cp.ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append("\\U").Append(cp.ToString("x8", CultureInfo.InvariantCulture));
                    }
                }
                else
                {
                    UnicodeData.AppendCodePoint(builder, cp);
                }
            }

            builder.Append(quote);
        }
    }
}
