using System;
using System.Globalization;
using System.Numerics;
using CloudCompose.Image.Jinja;

namespace CloudCompose.Image.Templates
{
    /// <summary>
    /// A number from YAML that keeps its source text: a template prints <c>1.10</c> as written, yet computes and
    /// compares with the value PyYAML gave the original tool (the float 1.1; <c>0644</c> is the octal int 420).
    /// </summary>
    internal sealed class TemplateNumber : IEquatable<TemplateNumber>, IJinjaNumber
    {
        public TemplateNumber(string text)
        {
            Text = text ?? throw new ArgumentNullException(nameof(text));
            Value = Parse(text) ?? throw new ArgumentException($"'{text}' is not a number.", nameof(text));
        }

        /// <summary>The text as written in the source; this is what a template prints.</summary>
        public string Text { get; }

        /// <summary>The value: a <see cref="long"/>, a <see cref="BigInteger"/> or a <see cref="double"/>.</summary>
        public object Value { get; }

        /// <summary>
        /// The value of a YAML 1.1 number as PyYAML constructs it (decimal, 0x hex, 0 octal, 0b binary, base-60
        /// 1:30, floats with .inf and .nan, underscores anywhere), plus 0o octal and exponents without a point.
        /// </summary>
        public static object? Parse(string text)
        {
            var t = text.Trim().Replace("_", string.Empty);
            var negative = false;
            if (t.StartsWith("-", StringComparison.Ordinal) || t.StartsWith("+", StringComparison.Ordinal))
            {
                negative = t[0] == '-';
                t = t.Substring(1);
            }

            if (t.Length == 0)
            {
                return null;
            }

            var integer = Integer(t);
            if (integer is BigInteger value)
            {
                return Normalize(negative ? -value : value);
            }

            var real = Float(t);
            return real is double d ? negative ? -d : d : (object?)null;
        }

        private static BigInteger? Integer(string t)
        {
            if (t.IndexOf(':') > 0 && t.IndexOf('.') < 0)
            {
                var total = BigInteger.Zero;
                foreach (var part in t.Split(':'))
                {
                    if (!(Digits(part, 10) is BigInteger digit))
                    {
                        return null;
                    }

                    total = total * 60 + digit;
                }

                return total;
            }

            var prefix = t.Length > 1 && t[0] == '0' ? char.ToLowerInvariant(t[1]) : '\0';
            switch (prefix)
            {
                case 'x':
                    return Digits(t.Substring(2), 16);
                case 'b':
                    return Digits(t.Substring(2), 2);
                case 'o':
                    return Digits(t.Substring(2), 8);
            }

            if (t.Length > 1 && t[0] == '0')
            {
                return Digits(t.Substring(1), 8);
            }

            return Digits(t, 10);
        }

        private static double? Float(string t)
        {
            switch (t.ToLowerInvariant())
            {
                case ".inf":
                    return double.PositiveInfinity;
                case ".nan":
                    return double.NaN;
            }

            if (t.IndexOf(':') > 0)
            {
                return Sexagesimal(t, out var total) ? total : (double?)null;
            }

            return double.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d) ? d : (double?)null;
        }

        /// <summary>YAML 1.1 base 60: 1:30 is 90, 1:30.5 is 90.5.</summary>
        private static bool Sexagesimal(string t, out double total)
        {
            total = 0;
            foreach (var part in t.Split(':'))
            {
                if (!double.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var digit))
                {
                    return false;
                }

                total = total * 60 + digit;
            }

            return true;
        }

        private static BigInteger? Digits(string digits, int radix)
        {
            if (digits.Length == 0)
            {
                return null;
            }

            var value = BigInteger.Zero;
            foreach (var c in digits)
            {
                var d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
                if (d >= radix)
                {
                    return null;
                }

                value = value * radix + d;
            }

            return value;
        }

        private static object Normalize(BigInteger value) =>
            value >= long.MinValue && value <= long.MaxValue ? (object)(long)value : value;

        public bool Equals(TemplateNumber? other) => other != null && Compare(Value, other.Value);

        public override bool Equals(object? obj) => obj is TemplateNumber n && Equals(n);

        public override int GetHashCode() => Value is double d ? d.GetHashCode() : ((double)(Value is long l ? l : (double)(BigInteger)Value)).GetHashCode();

        public override string ToString() => Text;

        private static bool Compare(object a, object b) => a switch
        {
            double x => b is double y ? x.Equals(y) : x.Equals(ToDouble(b)),
            _ => b is double y2 ? ToDouble(a).Equals(y2) : ToBig(a) == ToBig(b),
        };

        private static double ToDouble(object value) => value is long l ? l : (double)(BigInteger)value;

        private static BigInteger ToBig(object value) => value is long l ? l : (BigInteger)value;
    }
}
