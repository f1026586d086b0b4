using System;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace CloudCompose.Image.Jinja.Python
{
    /// <summary>
    /// Python's float text: repr's shortest round-trip digits and its layout rules (<c>1e+20</c>, <c>1e-05</c>,
    /// <c>0.1</c>, <c>inf</c>), and correctly rounded fixed/exponent digits for %-formatting, str.format and
    /// round(). Digits come from the exact binary value (BigInteger), so results do not depend on the runtime.
    /// </summary>
    internal static class PyFloat
    {
        private static readonly Regex FloatText = new Regex(
            @"^[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|inf|infinity|nan)$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static string Repr(double value)
        {
            if (double.IsNaN(value))
            {
                return "nan";
            }

            if (double.IsInfinity(value))
            {
                return value > 0 ? "inf" : "-inf";
            }

            var sign = value < 0 || (value == 0 && 1 / value < 0) ? "-" : string.Empty;
            if (value == 0)
            {
                return sign + "0.0";
            }

            Shortest(value, out var digits, out var decpt);
            if (decpt <= -4 || decpt > 16)
            {
                return sign + Exponent(digits, decpt, digits.Length - 1, trimZeros: false);
            }

            return sign + Fixed(digits, decpt, Math.Max(digits.Length - decpt, 0), addDotZero: true);
        }

        /// <summary>'f' formatting: <paramref name="precision"/> digits after the point, half-even on the exact value.</summary>
        public static string FormatFixed(double value, int precision, bool alternate = false)
        {
            if (!IsFinite(value))
            {
                return NonFinite(value);
            }

            var sign = IsNegative(value) ? "-" : string.Empty;
            if (value == 0)
            {
                return sign + "0" + (precision > 0 ? "." + new string('0', precision) : alternate ? "." : string.Empty);
            }

            ExactDigits(value, out var digits, out var decpt);
            RoundAt(digits, decpt, decpt + precision, out var rounded, out var roundedPoint);
            var text = rounded.Length == 0 ? "0" + (precision > 0 ? "." + new string('0', precision) : string.Empty) : Fixed(rounded, roundedPoint, precision, addDotZero: false);
            if (alternate && precision == 0)
            {
                text += ".";
            }

            return sign + text;
        }

        /// <summary>'e' formatting: one digit, the point, <paramref name="precision"/> digits, e±XX.</summary>
        public static string FormatExponent(double value, int precision, bool alternate = false)
        {
            if (!IsFinite(value))
            {
                return NonFinite(value);
            }

            var sign = IsNegative(value) ? "-" : string.Empty;
            if (value == 0)
            {
                return sign + "0" + (precision > 0 ? "." + new string('0', precision) : alternate ? "." : string.Empty) + "e+00";
            }

            ExactDigits(value, out var digits, out var decpt);
            RoundAt(digits, decpt, precision + 1, out var rounded, out var roundedPoint);
            var text = Exponent(rounded.PadRight(precision + 1, '0'), roundedPoint, precision, trimZeros: false);
            if (alternate && precision == 0)
            {
                text = text.Insert(1, ".");
            }

            return sign + text;
        }

        /// <summary>
        /// 'g' formatting: <paramref name="precision"/> significant digits, fixed or exponent by the exponent's size,
        /// trailing zeros removed unless <paramref name="alternate"/>. <paramref name="reprStyle"/> is format()'s
        /// no-type float style (at least one digit after the point, exponent from 16 digits).
        /// </summary>
        public static string FormatGeneral(double value, int precision, bool alternate = false, bool reprStyle = false)
        {
            if (!IsFinite(value))
            {
                return NonFinite(value);
            }

            if (precision == 0)
            {
                precision = 1;
            }

            var sign = IsNegative(value) ? "-" : string.Empty;
            string digits;
            int decpt;
            if (value == 0)
            {
                digits = "0";
                decpt = 1;
            }
            else
            {
                ExactDigits(value, out var exact, out var exactPoint);
                RoundAt(exact, exactPoint, precision, out digits, out decpt);
            }

            // format()'s no-type style (Py_DTSF_ADD_DOT_0) switches to an exponent one digit earlier than 'g'.
            var exp = decpt - 1;
            string text;
            if (exp >= -4 && exp < (reprStyle ? precision - 1 : precision))
            {
                var decimals = Math.Max(precision - 1 - exp, 0);
                text = Fixed(digits, decpt, decimals, addDotZero: false);
                if (!alternate)
                {
                    text = TrimFraction(text);
                    if (reprStyle && text.IndexOf('.') < 0)
                    {
                        text += ".0";
                    }
                }
            }
            else
            {
                text = Exponent(digits.PadRight(precision, '0'), decpt, precision - 1, trimZeros: !alternate);
            }

            return sign + text;
        }

        /// <summary>Python's round(value, ndigits) for floats: half-even on the exact value.</summary>
        public static double Round(double value, long ndigits)
        {
            if (!IsFinite(value) || value == 0)
            {
                return value;
            }

            if (ndigits > 330)
            {
                return value;
            }

            if (ndigits < -330)
            {
                return 0.0 * Math.Sign(value);
            }

            ExactDigits(value, out var digits, out var decpt);
            RoundAt(digits, decpt, decpt + (int)ndigits, out var rounded, out var roundedPoint);
            if (rounded.Length == 0)
            {
                return IsNegative(value) ? -0.0 : 0.0;
            }

            var result = ParseDigits(rounded, roundedPoint);
            if (double.IsInfinity(result))
            {
                throw Raise.Overflow("rounded value too large to represent");
            }

            return IsNegative(value) ? -result : result;
        }

        /// <summary>Python's float(text).</summary>
        public static bool TryParse(string text, out double value)
        {
            value = 0;
            var s = PyStr.Strip(text);
            if (!FloatText.IsMatch(s))
            {
                return false;
            }

            var lower = s.ToLowerInvariant().TrimStart('+');
            var negative = lower.StartsWith("-", StringComparison.Ordinal);
            var body = negative ? lower.Substring(1) : lower;
            if (body == "inf" || body == "infinity")
            {
                value = negative ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            }

            if (body == "nan")
            {
                value = double.NaN;
                return true;
            }

            value = ParseInvariant(AsciiDigits(s.Replace("_", string.Empty)));
            return true;
        }

        public static double ParseInvariant(string text)
        {
            try
            {
                return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
            catch (OverflowException)
            {
                // .NET Framework throws where Python (and .NET Core) give infinity.
                return text.TrimStart().StartsWith("-", StringComparison.Ordinal) ? double.NegativeInfinity : double.PositiveInfinity;
            }
        }

        /// <summary>Python's float() takes any Unicode decimal digit ('١٢٣' is 123.0).</summary>
        private static string AsciiDigits(string s)
        {
            var builder = new StringBuilder(s.Length);
            foreach (var c in s)
            {
                var digit = c < 128 ? -1 : CharUnicodeInfo.GetDecimalDigitValue(c);
                builder.Append(digit >= 0 ? (char)('0' + digit) : c);
            }

            return builder.ToString();
        }

        public static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

        public static bool IsNegative(double value) => value < 0 || (value == 0 && 1 / value < 0);

        /// <summary>Whether the float holds an integer value (Python's float.is_integer()).</summary>
        public static bool IsInteger(double value) => IsFinite(value) && Math.Floor(value) == value;

        /// <summary>The exact integer a finite integral float holds.</summary>
        public static BigInteger ToBigInteger(double value) => new BigInteger(value);

        private static string NonFinite(double value) => double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";

        /// <summary>The shortest digits that read back as <paramref name="value"/> (repr), as 0.DIGITS × 10^decpt.</summary>
        private static void Shortest(double value, out string digits, out int decpt)
        {
            var magnitude = Math.Abs(value);
            ExactDigits(magnitude, out var exact, out var exactPoint);
            for (var precision = 1; precision < 17; precision++)
            {
                if (exact.Length <= precision)
                {
                    break;
                }

                RoundAt(exact, exactPoint, precision, out var candidate, out var candidatePoint);
                if (ParseDigits(candidate, candidatePoint) == magnitude)
                {
                    // Two shortest candidates can exist only when rounding is ambiguous; the correctly rounded one wins.
                    digits = candidate;
                    decpt = candidatePoint;
                    return;
                }
            }

            RoundAt(exact, exactPoint, 17, out digits, out decpt);
        }

        private static double ParseDigits(string digits, int decpt) =>
            ParseInvariant("0." + digits + "e" + decpt.ToString(CultureInfo.InvariantCulture));

        /// <summary>|value| (finite) as mantissa × 2^exponent, exactly.</summary>
        public static void Decompose(double value, out long mantissa, out int exponent)
        {
            var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
            exponent = (int)((bits >> 52) & 0x7FF);
            mantissa = bits & 0xFFFFFFFFFFFFFL;
            if (exponent == 0)
            {
                exponent = 1;
            }
            else
            {
                mantissa |= 1L << 52;
            }

            exponent -= 1075;
        }

        /// <summary>|value| exactly, as 0.DIGITS × 10^decpt with no leading or trailing zeros in DIGITS.</summary>
        private static void ExactDigits(double value, out string digits, out int decpt)
        {
            Decompose(value, out var mantissa, out var exponent);
            BigInteger scaled;
            int scale;
            if (exponent >= 0)
            {
                scaled = (BigInteger)mantissa << exponent;
                scale = 0;
            }
            else
            {
                scaled = mantissa * BigInteger.Pow(5, -exponent);
                scale = -exponent;
            }

            var text = scaled.ToString(CultureInfo.InvariantCulture);
            decpt = text.Length - scale;
            digits = text.TrimEnd('0');
        }

        /// <summary>
        /// Rounds 0.DIGITS × 10^decpt to <paramref name="keep"/> significant digits (half-even). A result of no
        /// digits means zero.
        /// </summary>
        private static void RoundAt(string digits, int decpt, int keep, out string rounded, out int roundedPoint)
        {
            roundedPoint = decpt;
            if (keep >= digits.Length)
            {
                rounded = digits;
                return;
            }

            if (keep < 0)
            {
                rounded = string.Empty;
                return;
            }

            var next = digits[keep];
            var restNonZero = digits.Length > keep + 1;
            bool up;
            if (next > '5' || (next == '5' && restNonZero))
            {
                up = true;
            }
            else if (next == '5')
            {
                var previous = keep > 0 ? digits[keep - 1] : '0';
                up = (previous - '0') % 2 == 1;
            }
            else
            {
                up = false;
            }

            var kept = new StringBuilder(digits.Substring(0, keep));
            if (up)
            {
                var i = kept.Length - 1;
                while (i >= 0 && kept[i] == '9')
                {
                    kept[i] = '0';
                    i--;
                }

                if (i < 0)
                {
                    kept.Insert(0, '1');
                    roundedPoint++;
                }
                else
                {
                    kept[i] = (char)(kept[i] + 1);
                }
            }

            rounded = kept.ToString().TrimEnd('0');
        }

        /// <summary>0.DIGITS × 10^decpt laid out with exactly <paramref name="decimals"/> digits after the point.</summary>
        private static string Fixed(string digits, int decpt, int decimals, bool addDotZero)
        {
            var builder = new StringBuilder();
            if (decpt <= 0)
            {
                builder.Append('0');
            }
            else
            {
                for (var i = 0; i < decpt; i++)
                {
                    builder.Append(i < digits.Length ? digits[i] : '0');
                }
            }

            if (decimals > 0)
            {
                builder.Append('.');
                for (var i = 0; i < decimals; i++)
                {
                    var at = decpt + i;
                    builder.Append(at >= 0 && at < digits.Length ? digits[at] : '0');
                }
            }
            else if (addDotZero)
            {
                builder.Append(".0");
            }

            return builder.ToString();
        }

        private static string Exponent(string digits, int decpt, int decimals, bool trimZeros)
        {
            var builder = new StringBuilder();
            builder.Append(digits.Length > 0 ? digits[0] : '0');
            var fraction = new StringBuilder();
            for (var i = 1; i <= decimals; i++)
            {
                fraction.Append(i < digits.Length ? digits[i] : '0');
            }

            var fractionText = trimZeros ? fraction.ToString().TrimEnd('0') : fraction.ToString();
            if (fractionText.Length > 0)
            {
                builder.Append('.').Append(fractionText);
            }

            var exp = decpt - 1;
            builder.Append('e').Append(exp < 0 ? '-' : '+').Append(Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture));
            return builder.ToString();
        }

        private static string TrimFraction(string text)
        {
            if (text.IndexOf('.') < 0)
            {
                return text;
            }

            text = text.TrimEnd('0');
            return text.EndsWith(".", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) : text;
        }
    }
}
