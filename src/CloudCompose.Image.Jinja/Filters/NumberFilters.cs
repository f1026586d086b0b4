using System;
using System.Numerics;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Filters
{
    /// <summary>Number filters: abs, int, float, round, filesizeformat.</summary>
    internal static class NumberFilters
    {
        private static readonly string[] DecimalPrefixes = { "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB" };
        private static readonly string[] BinaryPrefixes = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB" };

        public static void Register(FilterRegistry r)
        {
            r.Add("abs", new ArgBinder("abs", new[] { "x" }), (f, a) => Abs(a[0]));
            r.Add("int", new ArgBinder("do_int", new[] { "value", "default", "base" }, 0L, 10L), (f, a) => Int(a[0], a[1], a[2]));
            r.Add("float", new ArgBinder("do_float", new[] { "value", "default" }, 0.0), (f, a) => Float(a[0]) ?? a[1]);
            r.Add("round", new ArgBinder("do_round", new[] { "value", "precision", "method" }, 0L, "common"), (f, a) => Round(a[0], a[1], a[2]));
            r.Add("filesizeformat", new ArgBinder("do_filesizeformat", new[] { "value", "binary" }, false), (f, a) => FileSize(a[0], PyOps.Truthy(a[1])));
        }

        /// <summary>Python's int(x) for a non-string: truncates floats, refuses infinity.</summary>
        public static object ToInt(object? value)
        {
            switch (PyOps.AsNumber(value))
            {
                case double d:
                    if (double.IsNaN(d))
                    {
                        throw Raise.ValueError("cannot convert float NaN to integer");
                    }

                    if (double.IsInfinity(d))
                    {
                        throw Raise.Overflow("cannot convert float infinity to integer");
                    }

                    return PyInt.Norm(new BigInteger(Math.Truncate(d)));
                case object n:
                    return n;
                default:
                    if (value is Undefined u)
                    {
                        throw u.Fail();
                    }

                    throw Raise.TypeError($"int() argument must be a string, a bytes-like object or a real number, not '{PyTypes.TypeName(value)}'");
            }
        }

        /// <summary>Python's float(x), or null where it raises TypeError/ValueError.</summary>
        public static object? Float(object? value)
        {
            if (PyTypes.AsString(value) is string s)
            {
                return PyFloat.TryParse(s, out var parsed) ? parsed : (object?)null;
            }

            if (value is Undefined u)
            {
                throw u.Fail();
            }

            var number = PyOps.AsNumber(value);
            return number == null ? null : (object)PyArith.ToDouble(number);
        }

        private static object? Abs(object? value)
        {
            if (value is Undefined u)
            {
                throw u.Fail();
            }

            return PyOps.AsNumber(value) switch
            {
                double d => Math.Abs(d),
                null => throw Raise.TypeError($"bad operand type for abs(): '{PyTypes.TypeName(value)}'"),
                var n => PyInt.Sign(n) < 0 ? PyInt.Neg(n) : n,
            };
        }

        private static object? Int(object? value, object? fallback, object? radix)
        {
            if (value is Undefined u)
            {
                throw u.Fail();
            }

            if (PyTypes.AsString(value) is string s)
            {
                // A base outside 2..36 is a ValueError in int(), which the filter turns into its fallback path.
                var b = PyOps.ToIndex(radix);
                if ((b == 0 || (b >= 2 && b <= 36)) && PyInt.TryParse(s, (int)b, out var parsed))
                {
                    return parsed;
                }

                // "42.23"|int is 42: Jinja2 falls back to int(float(value)).
                return PyFloat.TryParse(s, out var d) && PyFloat.IsFinite(d) ? ToInt(d) : fallback;
            }

            var number = PyOps.AsNumber(value);
            if (number == null)
            {
                return fallback;
            }

            if (number is double nan && double.IsNaN(nan))
            {
                return fallback;
            }

            return ToInt(number);
        }

        private static object? Round(object? value, object? precision, object? method)
        {
            var how = PyTypes.AsString(method);
            if (how != "common" && how != "ceil" && how != "floor")
            {
                throw Raise.FilterArgument("method must be common, ceil or floor");
            }

            var number = PyOps.AsNumber(value);
            if (number == null)
            {
                if (value is Undefined u)
                {
                    throw u.Fail();
                }

                throw Raise.TypeError(how == "common" ? $"type {PyTypes.TypeName(value)} doesn't define __round__ method" : $"must be real number, not {PyTypes.TypeName(value)}");
            }

            var digits = PyOps.ToIndex(precision);
            if (how == "common")
            {
                return number is double d ? PyFloat.Round(d, digits) : RoundInt(number, digits);
            }

            var scale = PyArith.Pow(10L, digits);
            var scaled = PyArith.ToDouble(PyOps.AsNumber(PyArith.Mul(number, scale))!);
            if (!PyFloat.IsFinite(scaled))
            {
                throw double.IsNaN(scaled) ? Raise.ValueError("cannot convert float NaN to integer") : Raise.Overflow("cannot convert float infinity to integer");
            }

            var rounded = how == "ceil" ? Math.Ceiling(scaled) : Math.Floor(scaled);
            return PyArith.TrueDiv(PyInt.Norm(new BigInteger(rounded)), scale);
        }

        /// <summary>round(int, n): an int; a negative n rounds to tens, hundreds, … half to even.</summary>
        private static object RoundInt(object number, long digits)
        {
            if (digits >= 0)
            {
                return number;
            }

            var unit = BigInteger.Pow(10, (int)Math.Min(-digits, 4300));
            var value = PyInt.Big(number);
            var quotient = BigInteger.DivRem(value, unit, out var remainder);
            if (remainder.Sign < 0)
            {
                quotient -= 1;
                remainder += unit;
            }

            var twice = remainder * 2;
            if (twice > unit || (twice == unit && !quotient.IsEven))
            {
                quotient += 1;
            }

            return PyInt.Norm(quotient * unit);
        }

        private static object FileSize(object? value, bool binary)
        {
            var bytes = Float(value) switch
            {
                double d => d,
                _ => throw (PyTypes.IsString(value) ? Raise.ValueError($"could not convert string to float: {PyRepr.Repr(PyTypes.AsString(value))}") : Raise.TypeError($"float() argument must be a string or a real number, not '{PyTypes.TypeName(value)}'")),
            };
            var scale = binary ? 1024.0 : 1000.0;
            var prefixes = binary ? BinaryPrefixes : DecimalPrefixes;
            if (bytes == 1)
            {
                return "1 Byte";
            }

            if (bytes < scale)
            {
                return PyRepr.Str(ToInt(bytes)) + " Bytes";
            }

            var unit = 0.0;
            for (var i = 0; i < prefixes.Length; i++)
            {
                unit = Math.Pow(scale, i + 2);
                if (bytes < unit)
                {
                    return PyFloat.FormatFixed(scale * bytes / unit, 1) + " " + prefixes[i];
                }
            }

            return PyFloat.FormatFixed(scale * bytes / unit, 1) + " " + prefixes[prefixes.Length - 1];
        }
    }
}
