using System;
using System.Numerics;
using System.Text;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Python
{
    /// <summary>
    /// Python's format-specification mini-language ([[fill]align][sign][z][#][0][width][grouping][.precision][type])
    /// and format(value, spec) for str, int, float and bool.
    /// </summary>
    internal sealed class FormatSpec
    {
        private FormatSpec()
        {
        }

        public char Fill { get; private set; } = ' ';

        public char Align { get; private set; }

        public char Sign { get; private set; }

        /// <summary>The 'z' option: a float that rounds to -0 prints as 0.</summary>
        public bool NegativeZero { get; private set; }

        public bool Alternate { get; private set; }

        public bool ZeroPad { get; private set; }

        public int Width { get; private set; } = -1;

        public char Grouping { get; private set; }

        public int Precision { get; private set; } = -1;

        public char Type { get; private set; }

        public static FormatSpec Parse(string spec)
        {
            var result = new FormatSpec();
            var i = 0;
            if (spec.Length >= 2 && "<>=^".IndexOf(spec[1]) >= 0)
            {
                result.Fill = spec[0];
                result.Align = spec[1];
                i = 2;
            }
            else if (spec.Length >= 1 && "<>=^".IndexOf(spec[0]) >= 0)
            {
                result.Align = spec[0];
                i = 1;
            }

            if (i < spec.Length && "+- ".IndexOf(spec[i]) >= 0)
            {
                result.Sign = spec[i++];
            }

            if (i < spec.Length && spec[i] == 'z')
            {
                result.NegativeZero = true;
                i++;
            }

            if (i < spec.Length && spec[i] == '#')
            {
                result.Alternate = true;
                i++;
            }

            if (i < spec.Length && spec[i] == '0')
            {
                result.ZeroPad = true;
                i++;
            }

            var start = i;
            while (i < spec.Length && char.IsDigit(spec[i]))
            {
                i++;
            }

            if (i > start)
            {
                result.Width = int.Parse(spec.Substring(start, i - start), System.Globalization.CultureInfo.InvariantCulture);
            }

            if (i < spec.Length && (spec[i] == ',' || spec[i] == '_'))
            {
                result.Grouping = spec[i++];
            }

            if (i < spec.Length && spec[i] == '.')
            {
                i++;
                start = i;
                while (i < spec.Length && char.IsDigit(spec[i]))
                {
                    i++;
                }

                if (i == start)
                {
                    throw Raise.ValueError("Format specifier missing precision");
                }

                result.Precision = int.Parse(spec.Substring(start, i - start), System.Globalization.CultureInfo.InvariantCulture);
            }

            if (i < spec.Length)
            {
                result.Type = spec[i++];
            }

            if (i < spec.Length)
            {
                throw Raise.ValueError("Invalid format specifier");
            }

            return result;
        }

        /// <summary>format(value, spec).</summary>
        public static string Format(object? value, string spec)
        {
            switch (value)
            {
                case TextNumber n:
                    return spec.Length == 0 ? n.Text : Format(n.Number, spec);
                case bool b:
                    return spec.Length == 0 ? (b ? "True" : "False") : Format(b ? 1L : 0L, spec);
                case long _:
                case BigInteger _:
                    return FormatInt(value, Parse(spec));
                case double d:
                    return FormatFloat(d, Parse(spec));
                case string s:
                    return FormatString(s, Parse(spec));
                case Markup m:
                    return FormatString(m.Text, Parse(spec));
                case Undefined u:
                    throw u.Fail();
                default:
                    if (spec.Length == 0)
                    {
                        return PyRepr.Str(value);
                    }

                    throw Raise.TypeError($"unsupported format string passed to {PyTypes.TypeName(value)}.__format__");
            }
        }

        private static string FormatString(string s, FormatSpec spec)
        {
            if (spec.Type != '\0' && spec.Type != 's')
            {
                throw Raise.ValueError($"Unknown format code '{spec.Type}' for object of type 'str'");
            }

            if (spec.Sign != '\0')
            {
                throw Raise.ValueError("Sign not allowed in string format specifier");
            }

            if (spec.NegativeZero)
            {
                throw Raise.ValueError("Negative zero coercion (z) not allowed in string format specifier");
            }

            if (spec.Grouping != '\0')
            {
                throw Raise.ValueError($"Cannot specify '{spec.Grouping}' with 's'.");
            }

            if (spec.Align == '=')
            {
                throw Raise.ValueError("'=' alignment not allowed in string format specifier");
            }

            if (spec.Precision >= 0 && PyStr.Length(s) > spec.Precision)
            {
                s = PyStr.Slice(s, 0L, (long)spec.Precision, null);
            }

            var align = spec.Align != '\0' ? spec.Align : '<';
            var fill = spec.Align == '\0' && spec.ZeroPad ? '0' : spec.Fill;
            return Pad(string.Empty, s, spec.Width, align, fill);
        }

        private static string FormatInt(object value, FormatSpec spec)
        {
            var type = spec.Type == '\0' ? 'd' : spec.Type;
            if ("eEfFgG%".IndexOf(type) >= 0)
            {
                return FormatFloat(PyInt.ToDouble(value), spec);
            }

            if (spec.Precision >= 0)
            {
                throw Raise.ValueError("Precision not allowed in integer format specifier");
            }

            if (spec.NegativeZero)
            {
                throw Raise.ValueError("Negative zero coercion (z) not allowed in integer format specifier");
            }

            var negative = PyInt.Sign(value) < 0;
            string digits;
            var prefix = string.Empty;
            switch (type)
            {
                case 'd':
                case 'n':
                    digits = PyInt.ToDecimal(PyInt.Sign(value) < 0 ? PyInt.Neg(value) : value);
                    break;
                case 'x':
                case 'X':
                    digits = PyInt.ToBase(value, 16);
                    prefix = spec.Alternate ? "0x" : string.Empty;
                    if (type == 'X')
                    {
                        digits = digits.ToUpperInvariant();
                        prefix = prefix.ToUpperInvariant();
                    }

                    break;
                case 'o':
                    digits = PyInt.ToBase(value, 8);
                    prefix = spec.Alternate ? "0o" : string.Empty;
                    break;
                case 'b':
                    digits = PyInt.ToBase(value, 2);
                    prefix = spec.Alternate ? "0b" : string.Empty;
                    break;
                case 'c':
                    var cp = PyOps.ToIndex(value);
                    if (cp < 0 || cp > 0x10FFFF)
                    {
                        throw Raise.Overflow("%c arg not in range(0x110000)");
                    }

                    return Pad(string.Empty, PyStr.FromCodePoint((int)cp), spec.Width, spec.Align == '\0' ? '<' : spec.Align, spec.Fill);
                default:
                    throw Raise.ValueError($"Unknown format code '{type}' for object of type 'int'");
            }

            return Number(SignText(negative, spec.Sign) + prefix, digits, string.Empty, spec, type == 'x' || type == 'X' || type == 'o' || type == 'b' ? 4 : 3);
        }

        private static string FormatFloat(double value, FormatSpec spec)
        {
            var negative = PyFloat.IsNegative(value) && !double.IsNaN(value);
            var magnitude = Math.Abs(value);
            var precision = spec.Precision;
            string body;
            var suffix = string.Empty;
            switch (spec.Type)
            {
                case '\0':
                    body = precision < 0 ? PyFloat.Repr(magnitude) : PyFloat.FormatGeneral(magnitude, precision, spec.Alternate, reprStyle: true);
                    break;
                case 'f':
                case 'F':
                    body = PyFloat.FormatFixed(magnitude, precision < 0 ? 6 : precision, spec.Alternate);
                    break;
                case 'e':
                case 'E':
                    body = PyFloat.FormatExponent(magnitude, precision < 0 ? 6 : precision, spec.Alternate);
                    break;
                case 'g':
                case 'G':
                case 'n':
                    body = PyFloat.FormatGeneral(magnitude, precision < 0 ? 6 : precision, spec.Alternate);
                    break;
                case '%':
                    body = PyFloat.FormatFixed(magnitude * 100, precision < 0 ? 6 : precision, spec.Alternate);
                    suffix = "%";
                    break;
                default:
                    throw Raise.ValueError($"Unknown format code '{spec.Type}' for object of type 'float'");
            }

            if (char.IsUpper(spec.Type))
            {
                body = body.ToUpperInvariant();
            }

            var point = body.IndexOfAny(new[] { '.', 'e', 'E' });
            var integer = point < 0 ? body : body.Substring(0, point);
            var rest = (point < 0 ? string.Empty : body.Substring(point)) + suffix;
            if (!PyFloat.IsFinite(value))
            {
                integer = body;
                rest = suffix;
            }

            if (negative && spec.NegativeZero && System.Linq.Enumerable.All(body, c => c == '0' || c == '.' || c == '%' || c == 'e' || c == 'E' || c == '+' || c == '-'))
            {
                negative = false;
            }

            return Number(SignText(negative, spec.Sign), integer, rest, spec, 3);
        }

        private static string SignText(bool negative, char sign) => negative ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : string.Empty;

        /// <summary>Lays out sign+prefix, the grouped integer digits and the rest (fraction, exponent) in the width.</summary>
        private static string Number(string sign, string integer, string rest, FormatSpec spec, int groupSize)
        {
            var zero = spec.ZeroPad && spec.Align == '\0';
            var align = spec.Align != '\0' ? spec.Align : zero ? '=' : '>';
            var fill = zero ? '0' : spec.Fill;
            if (spec.Grouping != '\0' && char.IsDigit(integer.Length > 0 ? integer[0] : 'x'))
            {
                var minimum = align == '=' && fill == '0' ? Math.Max(spec.Width - sign.Length - rest.Length, 0) : 0;
                integer = Group(integer, spec.Grouping, groupSize, minimum);
                if (align == '=' && fill == '0')
                {
                    return sign + integer + rest;
                }
            }

            return Pad(sign, integer + rest, spec.Width, align, fill);
        }

        /// <summary>Inserts separators every <paramref name="size"/> digits; zero-pads to <paramref name="minimum"/> without a leading separator.</summary>
        private static string Group(string digits, char separator, int size, int minimum)
        {
            var reversed = new StringBuilder();
            var i = digits.Length - 1;
            var count = 0;
            var needDigit = false;
            while (true)
            {
                char next;
                if (i >= 0)
                {
                    next = digits[i--];
                }
                else if (reversed.Length < minimum || needDigit)
                {
                    next = '0';
                }
                else
                {
                    break;
                }

                reversed.Append(next);
                needDigit = false;
                count++;
                if (count == size && (i >= 0 || reversed.Length < minimum))
                {
                    reversed.Append(separator);
                    count = 0;
                    needDigit = true;
                }
            }

            var chars = reversed.ToString().ToCharArray();
            Array.Reverse(chars);
            return new string(chars);
        }

        private static string Pad(string sign, string body, int width, char align, char fill)
        {
            var length = sign.Length + PyStr.Length(body);
            if (width <= length)
            {
                return sign + body;
            }

            var padding = width - length;
            var fillText = fill.ToString();
            switch (align)
            {
                case '<':
                    return sign + body + PyStr.Repeat(fillText, padding);
                case '^':
                    var left = padding / 2;
                    return PyStr.Repeat(fillText, left) + sign + body + PyStr.Repeat(fillText, padding - left);
                case '=':
                    return sign + PyStr.Repeat(fillText, padding) + body;
                default:
                    return PyStr.Repeat(fillText, padding) + sign + body;
            }
        }
    }
}
