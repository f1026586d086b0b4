using System;
using System.Collections.Generic;
using System.Numerics;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Python
{
    /// <summary>Python's arithmetic operators: int/float promotion, true division, floor division and modulo signs, sequences.</summary>
    internal static class PyArith
    {
        public static object? Add(object? a, object? b)
        {
            CheckDefined(a, b);
            var na = PyOps.AsNumber(a);
            var nb = PyOps.AsNumber(b);
            if (na != null && nb != null)
            {
                return na is double || nb is double ? (object)(ToDouble(na) + ToDouble(nb)) : PyInt.Add(na, nb);
            }

            // MarkupSafe: Markup + str escapes the str; anything but a str is not added to Markup.
            if ((a is Markup && PyTypes.IsString(b)) || (b is Markup && PyTypes.IsString(a)))
            {
                return new Markup(Html.Escape(a) + Html.Escape(b));
            }

            switch (a)
            {
                case string sa:
                    if (b is string sb)
                    {
                        return sa + sb;
                    }

                    throw Raise.TypeError($"can only concatenate str (not \"{PyTypes.TypeName(b)}\") to str");
                case PyList la:
                    if (b is PyList lb)
                    {
                        var items = new List<object?>(la.Count + lb.Count);
                        items.AddRange(la.Items);
                        items.AddRange(lb.Items);
                        return new PyList(items);
                    }

                    throw Raise.TypeError($"can only concatenate list (not \"{PyTypes.TypeName(b)}\") to list");
                case PyTuple ta:
                    if (b is PyTuple tb)
                    {
                        var items = new object?[ta.Count + tb.Count];
                        ta.Items.CopyTo(items, 0);
                        tb.Items.CopyTo(items, ta.Count);
                        return new PyTuple(items);
                    }

                    throw Raise.TypeError($"can only concatenate tuple (not \"{PyTypes.TypeName(b)}\") to tuple");
            }

            throw Unsupported("+", a, b);
        }

        public static object? Sub(object? a, object? b)
        {
            CheckDefined(a, b);
            var na = PyOps.AsNumber(a);
            var nb = PyOps.AsNumber(b);
            if (na != null && nb != null)
            {
                return na is double || nb is double ? (object)(ToDouble(na) - ToDouble(nb)) : PyInt.Sub(na, nb);
            }

            throw Unsupported("-", a, b);
        }

        public static object? Mul(object? a, object? b)
        {
            CheckDefined(a, b);
            var na = PyOps.AsNumber(a);
            var nb = PyOps.AsNumber(b);
            if (na != null && nb != null)
            {
                return na is double || nb is double ? (object)(ToDouble(na) * ToDouble(nb)) : PyInt.Mul(na, nb);
            }

            if (IsSequence(a) && na == null)
            {
                return Repeat(a, b);
            }

            if (IsSequence(b) && nb == null)
            {
                return Repeat(b, a);
            }

            throw Unsupported("*", a, b);
        }

        public static object? TrueDiv(object? a, object? b)
        {
            CheckDefined(a, b);
            var na = PyOps.AsNumber(a);
            var nb = PyOps.AsNumber(b);
            if (na == null || nb == null)
            {
                throw Unsupported("/", a, b);
            }

            if (na is double || nb is double)
            {
                var divisor = ToDouble(nb);
                if (divisor == 0)
                {
                    throw Raise.ZeroDivision("float division by zero");
                }

                return ToDouble(na) / divisor;
            }

            if (PyInt.IsZero(nb))
            {
                throw Raise.ZeroDivision("division by zero");
            }

            if (na is long x && nb is long y && Math.Abs(x) < (1L << 53) && Math.Abs(y) < (1L << 53))
            {
                return (double)x / y;
            }

            return IntTrueDiv(PyInt.Big(na), PyInt.Big(nb));
        }

        public static object? FloorDiv(object? a, object? b)
        {
            CheckDefined(a, b);
            var na = PyOps.AsNumber(a);
            var nb = PyOps.AsNumber(b);
            if (na == null || nb == null)
            {
                throw Unsupported("//", a, b);
            }

            if (na is double || nb is double)
            {
                if (ToDouble(nb) == 0)
                {
                    throw Raise.ZeroDivision("float floor division by zero");
                }

                return FloatDivMod(ToDouble(na), ToDouble(nb)).Floor;
            }

            return PyInt.FloorDiv(na, nb);
        }

        public static object? Mod(object? a, object? b)
        {
            CheckDefined(a, b);
            if (PyTypes.IsString(a))
            {
                return PercentFormat.Format(a!, b);
            }

            var na = PyOps.AsNumber(a);
            var nb = PyOps.AsNumber(b);
            if (na == null || nb == null)
            {
                throw Unsupported("%", a, b);
            }

            if (na is double || nb is double)
            {
                if (ToDouble(nb) == 0)
                {
                    throw Raise.ZeroDivision("float modulo");
                }

                return FloatDivMod(ToDouble(na), ToDouble(nb)).Mod;
            }

            return PyInt.Mod(na, nb);
        }

        public static object? Pow(object? a, object? b)
        {
            CheckDefined(a, b);
            var na = PyOps.AsNumber(a);
            var nb = PyOps.AsNumber(b);
            if (na == null || nb == null)
            {
                throw Unsupported("** or pow()", a, b);
            }

            if (!(na is double) && !(nb is double) && PyInt.Sign(nb) >= 0)
            {
                return PyInt.Pow(na, nb);
            }

            var x = ToDouble(na);
            var y = ToDouble(nb);
            if (x == 0 && y < 0)
            {
                throw Raise.ZeroDivision("0.0 cannot be raised to a negative power");
            }

            if (x < 0 && !PyFloat.IsInteger(y) && PyFloat.IsFinite(y))
            {
                throw Raise.ValueError("a negative number raised to a fractional power has a complex result, which this engine does not support");
            }

            var result = Math.Pow(x, y);
            if (double.IsInfinity(result) && PyFloat.IsFinite(x) && PyFloat.IsFinite(y))
            {
                throw Raise.Overflow("(34, 'Numerical result out of range')");
            }

            return result;
        }

        public static object? Neg(object? a)
        {
            if (a is Undefined u)
            {
                throw u.Fail();
            }

            return PyOps.AsNumber(a) switch
            {
                double d => -d,
                null => throw Raise.TypeError($"bad operand type for unary -: '{PyTypes.TypeName(a)}'"),
                var n => PyInt.Neg(n),
            };
        }

        public static object? Pos(object? a)
        {
            if (a is Undefined u)
            {
                throw u.Fail();
            }

            return PyOps.AsNumber(a) ?? throw Raise.TypeError($"bad operand type for unary +: '{PyTypes.TypeName(a)}'");
        }

        public static double ToDouble(object number) => number is double d ? d : PyInt.ToDouble(number);

        /// <summary>Python's float divmod: the floor quotient and a remainder with the divisor's sign.</summary>
        public static (double Floor, double Mod) FloatDivMod(double vx, double wx)
        {
            var mod = vx % wx;
            var div = (vx - mod) / wx;
            if (mod != 0)
            {
                if ((wx < 0) != (mod < 0))
                {
                    mod += wx;
                    div -= 1.0;
                }
            }
            else
            {
                mod = wx < 0 ? -0.0 : 0.0;
            }

            double floor;
            if (div != 0)
            {
                floor = Math.Floor(div);
                if (div - floor > 0.5)
                {
                    floor += 1.0;
                }
            }
            else
            {
                floor = (vx / wx) < 0 || (vx / wx == 0 && PyFloat.IsNegative(vx / wx)) ? -0.0 : 0.0;
            }

            return (floor, mod);
        }

        private static void CheckDefined(object? a, object? b)
        {
            if (a is Undefined ua)
            {
                throw ua.Fail();
            }

            if (b is Undefined ub)
            {
                throw ub.Fail();
            }
        }

        private static bool IsSequence(object? value) => value is string || value is PyList || value is PyTuple || value is Markup;

        private static object? Repeat(object? sequence, object? count)
        {
            var n = PyOps.Unwrap(count);
            if (!(n is long) && !(n is bool) && !(n is BigInteger))
            {
                throw Raise.TypeError($"can't multiply sequence by non-int of type '{PyTypes.TypeName(count)}'");
            }

            var times = PyOps.ToIndex(n);
            switch (sequence)
            {
                case string s:
                    return PyStr.Repeat(s, times);
                case Markup m:
                    return new Markup(PyStr.Repeat(m.Text, times));
                case PyList list:
                    var items = new List<object?>();
                    for (long i = 0; i < times; i++)
                    {
                        items.AddRange(list.Items);
                    }

                    return new PyList(items);
                default:
                    var tupleItems = new List<object?>();
                    for (long i = 0; i < times; i++)
                    {
                        tupleItems.AddRange(((PyTuple)sequence!).Items);
                    }

                    return new PyTuple(tupleItems);
            }
        }

        /// <summary>int / int for ints beyond 2**53: correctly rounded where it matters, via a scaled quotient.</summary>
        private static double IntTrueDiv(BigInteger a, BigInteger b)
        {
            var negative = (a.Sign < 0) != (b.Sign < 0);
            a = BigInteger.Abs(a);
            b = BigInteger.Abs(b);
            var shift = (int)Math.Max(0, 64 - (Bits(a) - Bits(b)));
            var quotient = BigInteger.DivRem(a << shift, b, out var remainder);
            var value = (double)quotient;
            if (!remainder.IsZero && quotient.IsEven)
            {
                value = (double)(quotient | 1);
            }

            var result = value / Math.Pow(2, shift);
            if (double.IsInfinity(result))
            {
                throw Raise.Overflow("integer division result too large for a float");
            }

            return negative ? -result : result;
        }

        private static long Bits(BigInteger value) => value.IsZero ? 0 : (long)Math.Floor(BigInteger.Log(value, 2)) + 1;

        private static JinjaException Unsupported(string op, object? a, object? b) =>
            Raise.TypeError($"unsupported operand type(s) for {op}: '{PyTypes.TypeName(a)}' and '{PyTypes.TypeName(b)}'");
    }
}
