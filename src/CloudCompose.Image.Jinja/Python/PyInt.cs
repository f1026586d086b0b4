using System;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace CloudCompose.Image.Jinja.Python
{
    /// <summary>
    /// Python's int: a <see cref="long"/> while it fits, a <see cref="BigInteger"/> beyond. Every operation here
    /// takes and returns one of those two, normalised so that a value that fits is always a long.
    /// </summary>
    internal static class PyInt
    {
        /// <summary>Python 3.11 refuses to print an int of more digits than this (sys.int_info.default_max_str_digits).</summary>
        public const int MaxStrDigits = 4300;

        private static readonly BigInteger LongMin = long.MinValue;
        private static readonly BigInteger LongMax = long.MaxValue;

        public static object Norm(BigInteger value) => value >= LongMin && value <= LongMax ? (object)(long)value : value;

        public static BigInteger Big(object value) => value is long l ? l : (BigInteger)value;

        public static bool IsZero(object value) => value is long l ? l == 0 : ((BigInteger)value).IsZero;

        public static int Sign(object value) => value is long l ? Math.Sign(l) : ((BigInteger)value).Sign;

        public static object Add(object a, object b)
        {
            if (a is long x && b is long y)
            {
                var r = unchecked(x + y);
                if (((x ^ r) & (y ^ r)) >= 0)
                {
                    return r;
                }
            }

            return Norm(Big(a) + Big(b));
        }

        public static object Sub(object a, object b)
        {
            if (a is long x && b is long y)
            {
                var r = unchecked(x - y);
                if (((x ^ y) & (x ^ r)) >= 0)
                {
                    return r;
                }
            }

            return Norm(Big(a) - Big(b));
        }

        public static object Mul(object a, object b)
        {
            if (a is long x && b is long y && x > int.MinValue && x <= int.MaxValue && y > int.MinValue && y <= int.MaxValue)
            {
                return x * y;
            }

            return Norm(Big(a) * Big(b));
        }

        public static object Neg(object a) => a is long x && x != long.MinValue ? -x : Norm(-Big(a));

        /// <summary>Floor division: the quotient rounded towards negative infinity.</summary>
        public static object FloorDiv(object a, object b)
        {
            if (IsZero(b))
            {
                throw Raise.ZeroDivision("integer division or modulo by zero");
            }

            if (a is long x && b is long y && !(x == long.MinValue && y == -1))
            {
                var q = x / y;
                if ((x % y != 0) && ((x < 0) != (y < 0)))
                {
                    q--;
                }

                return q;
            }

            var bx = Big(a);
            var by = Big(b);
            var quotient = BigInteger.DivRem(bx, by, out var remainder);
            if (!remainder.IsZero && (remainder.Sign < 0) != (by.Sign < 0))
            {
                quotient -= 1;
            }

            return Norm(quotient);
        }

        /// <summary>Modulo with the sign of the divisor, as Python's %.</summary>
        public static object Mod(object a, object b)
        {
            if (IsZero(b))
            {
                throw Raise.ZeroDivision("integer modulo by zero");
            }

            if (a is long x && b is long y)
            {
                if (y == -1)
                {
                    return 0L;
                }

                var r = x % y;
                if (r != 0 && ((r < 0) != (y < 0)))
                {
                    r += y;
                }

                return r;
            }

            var by = Big(b);
            var rem = BigInteger.Remainder(Big(a), by);
            if (!rem.IsZero && (rem.Sign < 0) != (by.Sign < 0))
            {
                rem += by;
            }

            return Norm(rem);
        }

        /// <summary>int ** int for a non-negative exponent (a negative one is a float power, see PyArith).</summary>
        public static object Pow(object a, object exponent)
        {
            var e = Big(exponent);
            var b = Big(a);
            if (b.IsOne || e.IsZero)
            {
                return 1L;
            }

            if (b.IsZero)
            {
                return 0L;
            }

            if (b == BigInteger.MinusOne)
            {
                return e.IsEven ? 1L : -1L;
            }

            if (e > 1_000_000)
            {
                throw Raise.Overflow("the exponent is too large for this engine");
            }

            return Norm(BigInteger.Pow(b, (int)e));
        }

        public static double ToDouble(object value)
        {
            if (value is long l)
            {
                return l;
            }

            var d = (double)(BigInteger)value;
            if (double.IsInfinity(d))
            {
                throw Raise.Overflow("int too large to convert to float");
            }

            return d;
        }

        public static int Compare(object a, object b) =>
            a is long x && b is long y ? x.CompareTo(y) : Big(a).CompareTo(Big(b));

        public static string ToDecimal(object value)
        {
            if (value is long l)
            {
                return l.ToString(CultureInfo.InvariantCulture);
            }

            var text = ((BigInteger)value).ToString(CultureInfo.InvariantCulture);
            if (text.TrimStart('-').Length > MaxStrDigits)
            {
                throw Raise.ValueError($"Exceeds the limit ({MaxStrDigits} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit");
            }

            return text;
        }

        /// <summary>Digits of |value| in base 2, 8 or 16 (lower case), no prefix.</summary>
        public static string ToBase(object value, int radix)
        {
            var b = BigInteger.Abs(Big(value));
            if (b.IsZero)
            {
                return "0";
            }

            var builder = new StringBuilder();
            while (!b.IsZero)
            {
                var digit = (int)(b % radix);
                builder.Insert(0, "0123456789abcdefghijklmnopqrstuvwxyz"[digit]);
                b /= radix;
            }

            return builder.ToString();
        }

        /// <summary>Python's int(text, base): whitespace around, a sign, underscores between digits, prefixes for base 0/2/8/16.</summary>
        public static bool TryParse(string text, int radix, out object value)
        {
            value = 0L;
            var s = PyStr.Strip(text);
            var negative = false;
            var i = 0;
            if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
            {
                negative = s[0] == '-';
                i = 1;
            }

            if (i + 1 < s.Length && s[i] == '0')
            {
                var p = char.ToLowerInvariant(s[i + 1]);
                var prefixed = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
                if (prefixed != 0 && (radix == 0 || radix == prefixed))
                {
                    radix = prefixed;
                    i += 2;
                    if (i < s.Length && s[i] == '_')
                    {
                        i++;
                    }
                }
            }

            var decimalZeroCheck = radix == 0;
            if (radix == 0)
            {
                radix = 10;
            }

            var result = BigInteger.Zero;
            var digits = 0;
            var lastUnderscore = false;
            var nonZero = false;
            for (; i < s.Length; i++)
            {
                var c = s[i];
                if (c == '_')
                {
                    if (digits == 0 || lastUnderscore)
                    {
                        return false;
                    }

                    lastUnderscore = true;
                    continue;
                }

                var d = DigitValue(c);
                if (d < 0 || d >= radix)
                {
                    return false;
                }

                nonZero |= d != 0;
                result = result * radix + d;
                digits++;
                lastUnderscore = false;
            }

            if (digits == 0 || lastUnderscore)
            {
                return false;
            }

            // int('010', 0) is an error: base 0 takes Python literal syntax, where leading zeros are not allowed.
            if (decimalZeroCheck && nonZero && digits > 1 && s.TrimStart('+', '-').StartsWith("0", StringComparison.Ordinal))
            {
                return false;
            }

            value = Norm(negative ? -result : result);
            return true;
        }

        private static int DigitValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'z')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'Z')
            {
                return c - 'A' + 10;
            }

            // Python accepts any Unicode decimal digit (Nd) in int().
            var d = CharUnicodeInfo.GetDecimalDigitValue(c);
            return d >= 0 ? d : -1;
        }
    }
}
