using System.Collections.Generic;
using System.Text;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Python
{
    /// <summary>Python's str.format: <c>{}</c>, <c>{0}</c>, <c>{name}</c>, <c>{a.b[0]!r:&gt;{width}}</c>, <c>{{</c> and <c>}}</c>.</summary>
    internal static class StrFormat
    {
        public static string Format(string format, CallArgs args, bool escapeArgs = false)
        {
            var state = new State(args, escapeArgs);
            return Render(format, state, 0);
        }

        private static string Render(string format, State state, int depth)
        {
            if (depth > 1)
            {
                throw Raise.ValueError("Max string recursion exceeded");
            }

            var builder = new StringBuilder();
            var i = 0;
            while (i < format.Length)
            {
                var c = format[i];
                if (c == '{')
                {
                    if (i + 1 < format.Length && format[i + 1] == '{')
                    {
                        builder.Append('{');
                        i += 2;
                        continue;
                    }

                    var end = FieldEnd(format, i + 1);
                    builder.Append(Field(format.Substring(i + 1, end - i - 1), state, depth));
                    i = end + 1;
                    continue;
                }

                if (c == '}')
                {
                    if (i + 1 < format.Length && format[i + 1] == '}')
                    {
                        builder.Append('}');
                        i += 2;
                        continue;
                    }

                    throw Raise.ValueError("Single '}' encountered in format string");
                }

                builder.Append(c);
                i++;
            }

            return builder.ToString();
        }

        private static int FieldEnd(string format, int from)
        {
            var depth = 1;
            var inBrackets = false;
            for (var i = from; i < format.Length; i++)
            {
                var c = format[i];
                if (c == '[')
                {
                    inBrackets = true;
                }
                else if (c == ']')
                {
                    inBrackets = false;
                }
                else if (!inBrackets && c == '{')
                {
                    depth++;
                }
                else if (!inBrackets && c == '}')
                {
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }
                }
            }

            throw Raise.ValueError(depth > 1 ? "unmatched '{' in format spec" : "expected '}' before end of string");
        }

        private static string Field(string field, State state, int depth)
        {
            // Split "name!conv:spec"; the name part may hold [..] with any characters.
            var nameEnd = 0;
            var inBrackets = false;
            while (nameEnd < field.Length)
            {
                var c = field[nameEnd];
                if (c == '[')
                {
                    inBrackets = true;
                }
                else if (c == ']')
                {
                    inBrackets = false;
                }
                else if (!inBrackets && (c == '!' || c == ':'))
                {
                    break;
                }

                nameEnd++;
            }

            var name = field.Substring(0, nameEnd);
            char conversion = '\0';
            var spec = string.Empty;
            var rest = nameEnd;
            if (rest < field.Length && field[rest] == '!')
            {
                if (rest + 1 >= field.Length)
                {
                    throw Raise.ValueError("end of string while looking for conversion specifier");
                }

                conversion = field[rest + 1];
                rest += 2;
                if (rest < field.Length && field[rest] != ':')
                {
                    throw Raise.ValueError("expected ':' after conversion specifier");
                }
            }

            if (rest < field.Length && field[rest] == ':')
            {
                spec = field.Substring(rest + 1);
            }

            var value = Resolve(name, state);
            value = conversion switch
            {
                '\0' => value,
                's' => PyRepr.Str(value),
                'r' => PyRepr.Repr(value),
                'a' => PyRepr.Ascii(PyRepr.Repr(value)),
                _ => throw Raise.ValueError($"Unknown conversion specifier {conversion}"),
            };

            if (spec.IndexOf('{') >= 0)
            {
                spec = Render(spec, state, depth + 1);
            }

            var text = FormatSpec.Format(value, spec);
            return state.EscapeArgs && !(value is Markup) ? Html.EscapeText(text) : text;
        }

        private static object? Resolve(string name, State state)
        {
            var i = 0;
            while (i < name.Length && name[i] != '.' && name[i] != '[')
            {
                i++;
            }

            var first = name.Substring(0, i);
            object? value;
            if (first.Length == 0)
            {
                if (state.Manual)
                {
                    throw Raise.ValueError("cannot switch from manual field specification to automatic field numbering");
                }

                state.Automatic = true;
                value = Positional(state, state.Next++);
            }
            else if (IsDigits(first))
            {
                if (state.Automatic)
                {
                    throw Raise.ValueError("cannot switch from automatic field numbering to manual field specification");
                }

                state.Manual = true;
                value = Positional(state, int.Parse(first, System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                value = Keyword(state, first);
            }

            while (i < name.Length)
            {
                if (name[i] == '.')
                {
                    var start = ++i;
                    while (i < name.Length && name[i] != '.' && name[i] != '[')
                    {
                        i++;
                    }

                    var attribute = name.Substring(start, i - start);
                    value = Attributes.GetAttributeStrict(value, attribute);
                }
                else if (name[i] == '[')
                {
                    var close = name.IndexOf(']', i);
                    if (close < 0)
                    {
                        throw Raise.ValueError("Missing ']' in format string");
                    }

                    var key = name.Substring(i + 1, close - i - 1);
                    value = Attributes.GetItemStrict(value, IsDigits(key) ? (object)long.Parse(key, System.Globalization.CultureInfo.InvariantCulture) : key);
                    i = close + 1;
                }
                else
                {
                    throw Raise.ValueError("Only '.' or '[' may follow ']' in format field specifier");
                }
            }

            return value;
        }

        private static object? Positional(State state, int index)
        {
            if (index >= state.Args.Positional.Count)
            {
                throw Raise.IndexError($"Replacement index {index} out of range for positional args tuple");
            }

            return state.Args.Positional[index];
        }

        private static object? Keyword(State state, string name)
        {
            foreach (var pair in state.Args.Keywords)
            {
                if (pair.Key == name)
                {
                    return pair.Value;
                }
            }

            if (state.Mapping != null && state.Mapping.TryGetValue(name, out var value))
            {
                return value;
            }

            throw Raise.KeyError(PyRepr.Repr(name));
        }

        private static bool IsDigits(string s)
        {
            if (s.Length == 0)
            {
                return false;
            }

            foreach (var c in s)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private sealed class State
        {
            public State(CallArgs args, bool escapeArgs)
            {
                Args = args;
                EscapeArgs = escapeArgs;
            }

            public CallArgs Args { get; }

            public bool EscapeArgs { get; }

            /// <summary>format_map's mapping.</summary>
            public PyDict? Mapping { get; set; }

            public bool Automatic { get; set; }

            public bool Manual { get; set; }

            public int Next { get; set; }
        }

        public static string FormatMap(string format, PyDict mapping)
        {
            var state = new State(CallArgs.None, false) { Mapping = mapping };
            return Render(format, state, 0);
        }
    }
}
