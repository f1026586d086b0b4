using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Python
{
    /// <summary>Python's printf-style formatting: <c>'%s-%05.2f' % (a, b)</c>, <c>'%(name)s' % d</c>, and the format filter.</summary>
    internal static class PercentFormat
    {
        public static object Format(object format, object? args)
        {
            var markup = format is Markup;
            var text = PyTypes.AsString(format)!;
            IReadOnlyList<object?> positional;
            var single = false;
            if (args is PyTuple tuple)
            {
                positional = tuple.Items;
            }
            else
            {
                positional = new[] { args };
                single = true;
            }

            var mapping = args as PyDict;
            var next = 0;
            var usedMapping = false;
            var builder = new StringBuilder();
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i++];
                if (c != '%')
                {
                    builder.Append(c);
                    continue;
                }

                if (i >= text.Length)
                {
                    throw Raise.ValueError("incomplete format");
                }

                object? arg = Values.Missing.Value;
                if (text[i] == '(')
                {
                    var depth = 1;
                    var start = ++i;
                    while (i < text.Length && depth > 0)
                    {
                        depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
                        i++;
                    }

                    if (depth > 0)
                    {
                        throw Raise.ValueError("incomplete format key");
                    }

                    if (mapping == null)
                    {
                        throw Raise.TypeError("format requires a mapping");
                    }

                    var key = text.Substring(start, i - start - 1);
                    if (!mapping.TryGetValue(key, out arg))
                    {
                        throw Raise.KeyError(PyRepr.Repr(key));
                    }

                    usedMapping = true;
                }

                var flags = string.Empty;
                while (i < text.Length && "-+ #0".IndexOf(text[i]) >= 0)
                {
                    flags += text[i++];
                }

                var width = ReadNumber(text, ref i, positional, ref next, single);
                var precision = -1;
                if (i < text.Length && text[i] == '.')
                {
                    i++;
                    precision = Math.Max(ReadNumber(text, ref i, positional, ref next, single), 0);
                }

                while (i < text.Length && "hlL".IndexOf(text[i]) >= 0)
                {
                    i++;
                }

                if (i >= text.Length)
                {
                    throw Raise.ValueError("incomplete format");
                }

                var type = text[i++];
                if (type == '%')
                {
                    builder.Append('%');
                    continue;
                }

                if (arg is Missing)
                {
                    if (next >= positional.Count)
                    {
                        throw Raise.TypeError("not enough arguments for format string");
                    }

                    arg = positional[next++];
                }

                var piece = Convert(arg, type, flags, precision, markup);
                builder.Append(Pad(piece, width, flags, IsNumeric(type)));
            }

            // Python skips this check when the argument supports [] (a dict, but also a list or a range).
            var subscriptable = args is PyDict || args is PyList || args is PyRange;
            if (next < positional.Count && !usedMapping && !(single && subscriptable))
            {
                throw Raise.TypeError("not all arguments converted during string formatting");
            }

            return markup ? new Markup(builder.ToString()) : (object)builder.ToString();
        }

        private static bool IsNumeric(char type) => "diouxXeEfFgG".IndexOf(type) >= 0;

        private static int ReadNumber(string text, ref int i, IReadOnlyList<object?> positional, ref int next, bool single)
        {
            if (i < text.Length && text[i] == '*')
            {
                i++;
                if (next >= positional.Count)
                {
                    throw Raise.TypeError("not enough arguments for format string");
                }

                var value = PyOps.Unwrap(positional[next++]);
                if (!(value is long))
                {
                    throw Raise.TypeError("* wants int");
                }

                return (int)(long)value;
            }

            var start = i;
            while (i < text.Length && char.IsDigit(text[i]))
            {
                i++;
            }

            return i > start ? int.Parse(text.Substring(start, i - start), CultureInfo.InvariantCulture) : -1;
        }

        private static string Convert(object? arg, char type, string flags, int precision, bool markup)
        {
            var alternate = flags.IndexOf('#') >= 0;
            switch (type)
            {
                case 's':
                case 'r':
                case 'a':
                    var s = type == 's' ? (markup ? Html.Escape(arg) : PyRepr.Str(arg)) : type == 'r' ? PyRepr.Repr(arg) : PyRepr.Ascii(PyRepr.Repr(arg));
                    return precision >= 0 && PyStr.Length(s) > precision ? PyStr.Slice(s, 0L, (long)precision, null) : s;
                case 'c':
                    if (PyTypes.AsString(arg) is string one)
                    {
                        if (PyStr.Length(one) != 1)
                        {
                            throw Raise.TypeError("%c requires int or char");
                        }

                        return one;
                    }

                    if (PyOps.AsNumber(arg) is long cp)
                    {
                        if (cp < 0 || cp > 0x10FFFF)
                        {
                            throw Raise.Overflow("%c arg not in range(0x110000)");
                        }

                        return PyStr.FromCodePoint((int)cp);
                    }

                    throw Raise.TypeError("%c requires int or char");
                case 'd':
                case 'i':
                case 'u':
                    return Sign(IntDigits(arg, type, precision, 10, false), flags);
                case 'o':
                case 'x':
                case 'X':
                    var radix = type == 'o' ? 8 : 16;
                    var digits = IntDigits(arg, type, precision, radix, true);
                    if (alternate)
                    {
                        var prefix = type == 'o' ? "0o" : type == 'x' ? "0x" : "0X";
                        digits = digits.StartsWith("-", StringComparison.Ordinal) ? "-" + prefix + digits.Substring(1) : prefix + digits;
                    }

                    return Sign(type == 'X' ? digits.ToUpperInvariant() : digits, flags);
                case 'e':
                case 'E':
                case 'f':
                case 'F':
                case 'g':
                case 'G':
                    var number = PyOps.AsNumber(arg);
                    if (number == null)
                    {
                        if (arg is Undefined u)
                        {
                            throw u.Fail();
                        }

                        throw Raise.TypeError($"must be real number, not {PyTypes.TypeName(arg)}");
                    }

                    var d = PyArith.ToDouble(number);
                    var p = precision < 0 ? 6 : precision;
                    var negative = PyFloat.IsNegative(d) && !double.IsNaN(d);
                    var body = char.ToLowerInvariant(type) switch
                    {
                        'e' => PyFloat.FormatExponent(Math.Abs(d), p, alternate),
                        'f' => PyFloat.FormatFixed(Math.Abs(d), p, alternate),
                        _ => PyFloat.FormatGeneral(Math.Abs(d), p, alternate),
                    };
                    if (char.IsUpper(type))
                    {
                        body = body.ToUpperInvariant();
                    }

                    return Sign((negative ? "-" : string.Empty) + body, flags);
                default:
                    throw Raise.ValueError($"unsupported format character '{type}' (0x{(int)type:x}) at index");
            }
        }

        private static string IntDigits(object? arg, char type, int precision, int radix, bool integerOnly)
        {
            var number = PyOps.AsNumber(arg);
            if (number == null)
            {
                if (arg is Undefined u)
                {
                    throw u.Fail();
                }

                throw Raise.TypeError(integerOnly
                    ? $"%{type} format: an integer is required, not {PyTypes.TypeName(arg)}"
                    : $"%{type} format: a real number is required, not {PyTypes.TypeName(arg)}");
            }

            if (number is double d)
            {
                if (integerOnly)
                {
                    throw Raise.TypeError($"%{type} format: an integer is required, not float");
                }

                if (!PyFloat.IsFinite(d))
                {
                    throw double.IsNaN(d) ? Raise.ValueError("cannot convert float NaN to integer") : Raise.Overflow("cannot convert float infinity to integer");
                }

                number = PyInt.Norm(new BigInteger(Math.Truncate(d)));
            }

            var negative = PyInt.Sign(number) < 0;
            var digits = radix == 10 ? PyInt.ToDecimal(negative ? PyInt.Neg(number) : number) : PyInt.ToBase(number, radix);
            if (precision > digits.Length)
            {
                digits = new string('0', precision - digits.Length) + digits;
            }

            return negative ? "-" + digits : digits;
        }

        private static string Sign(string digits, string flags)
        {
            if (digits.StartsWith("-", StringComparison.Ordinal))
            {
                return digits;
            }

            return flags.IndexOf('+') >= 0 ? "+" + digits : flags.IndexOf(' ') >= 0 ? " " + digits : digits;
        }

        private static string Pad(string piece, int width, string flags, bool numeric)
        {
            var length = PyStr.Length(piece);
            if (width <= length)
            {
                return piece;
            }

            if (flags.IndexOf('-') >= 0)
            {
                return piece + new string(' ', width - length);
            }

            if (numeric && flags.IndexOf('0') >= 0)
            {
                var signLength = piece.Length > 0 && (piece[0] == '-' || piece[0] == '+' || piece[0] == ' ') ? 1 : 0;
                if (piece.Length > signLength + 1 && piece[signLength] == '0' && (piece[signLength + 1] == 'x' || piece[signLength + 1] == 'X' || piece[signLength + 1] == 'o'))
                {
                    signLength += 2;
                }

                return piece.Substring(0, signLength) + new string('0', width - length) + piece.Substring(signLength);
            }

            return new string(' ', width - length) + piece;
        }
    }
}
