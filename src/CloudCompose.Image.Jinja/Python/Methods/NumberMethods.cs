using System;
using System.Globalization;
using System.Numerics;
using System.Text;
using CloudCompose.Image.Jinja.Runtime;

namespace CloudCompose.Image.Jinja.Python.Methods
{
    /// <summary>int's and float's methods and attributes (real, imag, numerator, denominator).</summary>
    internal static class NumberMethods
    {
        public static readonly MethodTable Int = BuildInt();
        public static readonly MethodTable Float = BuildFloat();

        /// <summary>Non-method attributes: x.real, x.imag, x.numerator, x.denominator.</summary>
        public static bool TryGetAttribute(object number, string name, out object? value)
        {
            var isFloat = number is double;
            switch (name)
            {
                case "real":
                    value = number;
                    return true;
                case "imag":
                    value = isFloat ? (object)0.0 : 0L;
                    return true;
                case "numerator" when !isFloat:
                    value = number;
                    return true;
                case "denominator" when !isFloat:
                    value = 1L;
                    return true;
                default:
                    value = null;
                    return false;
            }
        }

        private static MethodTable BuildInt()
        {
            var t = new MethodTable("int");
            t.Add("bit_length", self => (long)BitLength(BigInteger.Abs(PyInt.Big(self!))));
            t.Add("bit_count", self =>
            {
                var b = BigInteger.Abs(PyInt.Big(self!));
                long count = 0;
                while (!b.IsZero)
                {
                    count += (int)(b & 1);
                    b >>= 1;
                }

                return count;
            });
            t.Add("conjugate", self => self);
            t.Add("as_integer_ratio", self => Values.PyTuple.Of(self, 1L));
            return t;
        }

        private static MethodTable BuildFloat()
        {
            var t = new MethodTable("float");
            t.Add("is_integer", self => PyFloat.IsInteger((double)self!));
            t.Add("conjugate", self => self);
            t.Add("hex", self => Hex((double)self!));
            t.Add("as_integer_ratio", self =>
            {
                var d = (double)self!;
                if (!PyFloat.IsFinite(d))
                {
                    throw double.IsNaN(d) ? Raise.ValueError("cannot convert NaN to integer ratio") : Raise.Overflow("cannot convert Infinity to integer ratio");
                }

                PyFloat.Decompose(d, out var mantissa, out var exponent);
                BigInteger numerator = mantissa;
                var denominator = BigInteger.One;
                if (exponent > 0)
                {
                    numerator <<= exponent;
                }
                else
                {
                    denominator <<= -exponent;
                }

                var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
                if (!gcd.IsZero)
                {
                    numerator /= gcd;
                    denominator /= gcd;
                }

                return Values.PyTuple.Of(PyInt.Norm(d < 0 ? -numerator : numerator), PyInt.Norm(denominator));
            });
            return t;
        }

        private static int BitLength(BigInteger value)
        {
            var length = 0;
            while (!value.IsZero)
            {
                value >>= 1;
                length++;
            }

            return length;
        }

        /// <summary>float.hex(): 0x1.8000000000000p+0.</summary>
        private static string Hex(double d)
        {
            if (double.IsNaN(d))
            {
                return "nan";
            }

            if (double.IsInfinity(d))
            {
                return d > 0 ? "inf" : "-inf";
            }

            var builder = new StringBuilder(PyFloat.IsNegative(d) ? "-" : string.Empty);
            if (d == 0)
            {
                return builder.Append("0x0.0p+0").ToString();
            }

            var bits = BitConverter.DoubleToInt64Bits(Math.Abs(d));
            var exponent = (int)((bits >> 52) & 0x7FF);
            var mantissa = bits & 0xFFFFFFFFFFFFFL;
            var lead = exponent == 0 ? 0 : 1;
            exponent = exponent == 0 ? -1022 : exponent - 1023;
            var digits = mantissa.ToString("x13", CultureInfo.InvariantCulture);
            builder.Append("0x").Append(lead).Append('.').Append(digits).Append('p').Append(exponent >= 0 ? "+" : "-").Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture));
            return builder.ToString();
        }
    }
}
