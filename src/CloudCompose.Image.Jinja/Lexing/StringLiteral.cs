using System;
using System.Globalization;
using System.Text;

namespace CloudCompose.Image.Jinja.Lexing
{
    /// <summary>
    /// Decodes a string literal's body as Jinja2 does (<c>.encode("ascii", "backslashreplace").decode("unicode-escape")</c>):
    /// Python's escapes (\n, \t, \x41, \u00e9, \U0001F600, \033 octal, \ at a line end), unknown escapes kept as written.
    /// </summary>
    internal static class StringLiteral
    {
        public static string Decode(string body)
        {
            if (body.IndexOf('\\') < 0)
            {
                return body;
            }

            var builder = new StringBuilder(body.Length);
            for (var i = 0; i < body.Length; i++)
            {
                var c = body[i];
                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                if (i + 1 >= body.Length)
                {
                    throw new EscapeException("\\ at end of string");
                }

                var e = body[++i];
                switch (e)
                {
                    case '\n':
                        break;
                    case '\\':
                        builder.Append('\\');
                        break;
                    case '\'':
                        builder.Append('\'');
                        break;
                    case '"':
                        builder.Append('"');
                        break;
                    case 'a':
                        builder.Append('\a');
                        break;
                    case 'b':
                        builder.Append('\b');
                        break;
                    case 'f':
                        builder.Append('\f');
                        break;
                    case 'n':
                        builder.Append('\n');
                        break;
                    case 'r':
                        builder.Append('\r');
                        break;
                    case 't':
                        builder.Append('\t');
                        break;
                    case 'v':
                        builder.Append('\v');
                        break;
                    case 'x':
                        i = Hex(body, i, 2, "truncated \\xXX escape", builder);
                        break;
                    case 'u':
                        i = Hex(body, i, 4, "truncated \\uXXXX escape", builder);
                        break;
                    case 'U':
                        i = Hex(body, i, 8, "truncated \\UXXXXXXXX escape", builder);
                        break;
                    case 'N':
                        i = Named(body, i, builder);
                        break;
                    default:
                        if (e >= '0' && e <= '7')
                        {
                            var value = e - '0';
                            var digits = 1;
                            while (digits < 3 && i + 1 < body.Length && body[i + 1] >= '0' && body[i + 1] <= '7')
                            {
                                value = value * 8 + (body[++i] - '0');
                                digits++;
                            }

                            builder.Append((char)value);
                        }
                        else if (e > 127)
                        {
                            // The backslash stays; the character had become \xNN / \uNNNN text before decoding.
                            builder.Append('\\').Append(BackslashReplace(body, ref i));
                        }
                        else
                        {
                            builder.Append('\\').Append(e);
                        }

                        break;
                }
            }

            return builder.ToString();
        }

        private static int Hex(string body, int at, int count, string error, StringBuilder builder)
        {
            var digits = at + 1 + count <= body.Length ? body.Substring(at + 1, count) : string.Empty;
            if (digits.Length != count || !int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                throw new EscapeException(error);
            }

            if (value > 0x10FFFF || value < 0)
            {
                throw new EscapeException("illegal Unicode character");
            }

            builder.Append(value < 0x10000 ? ((char)value).ToString() : char.ConvertFromUtf32(value));
            return at + count;
        }

        /// <summary>\N{NAME}: the character with that Unicode name.</summary>
        private static int Named(string body, int at, StringBuilder builder)
        {
            var close = at + 1 < body.Length && body[at + 1] == '{' ? body.IndexOf('}', at + 2) : -1;
            if (close < 0 || close == at + 2)
            {
                throw new EscapeException("malformed \\N character escape");
            }

            var code = Unicode.UnicodeNames.Lookup(body.Substring(at + 2, close - at - 2));
            if (code < 0)
            {
                throw new EscapeException("unknown Unicode character name");
            }

            builder.Append(code < 0x10000 ? ((char)code).ToString() : char.ConvertFromUtf32(code));
            return close;
        }

        private static string BackslashReplace(string body, ref int i)
        {
            int cp = body[i];
            if (char.IsHighSurrogate(body[i]) && i + 1 < body.Length && char.IsLowSurrogate(body[i + 1]))
            {
                cp = char.ConvertToUtf32(body[i], body[i + 1]);
                i++;
            }

            return cp <= 0xff ? "x" + cp.ToString("x2", CultureInfo.InvariantCulture)
                : cp <= 0xffff ? "u" + cp.ToString("x4", CultureInfo.InvariantCulture)
                : "U" + cp.ToString("x8", CultureInfo.InvariantCulture);
        }

        /// <summary>A malformed escape; the message is Python's (the part after the last colon).</summary>
        internal sealed class EscapeException : Exception
        {
            public EscapeException(string message)
                : base(message)
            {
            }
        }
    }
}
