using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Python
{
    /// <summary>Python's truthiness, equality, hashing, ordering, membership and len() over runtime values.</summary>
    internal static class PyOps
    {
        private const long TwoTo53 = 1L << 53;

        /// <summary>A number given with its text computes as its value.</summary>
        public static object? Unwrap(object? value) => value is TextNumber n ? n.Number : value;

        /// <summary>The value as long, BigInteger or double when it is a number (bool counts as int), else null.</summary>
        public static object? AsNumber(object? value) => value switch
        {
            long _ => value,
            double _ => value,
            bool b => b ? 1L : 0L,
            BigInteger _ => value,
            TextNumber n => n.Number,
            _ => null,
        };

        public static bool Truthy(object? value)
        {
            switch (value)
            {
                case null:
                    return false;
                case bool b:
                    return b;
                case long l:
                    return l != 0;
                case string s:
                    return s.Length != 0;
                case double d:
                    return d != 0;
                case BigInteger big:
                    return !big.IsZero;
                case PyList list:
                    return list.Count != 0;
                case PyDict dict:
                    return dict.Count != 0;
                case PyTuple tuple:
                    return tuple.Count != 0;
                case Markup m:
                    return m.Text.Length != 0;
                case Undefined u:
                    return u.IsLenient ? false : throw u.Fail();
                case TextNumber n:
                    return Truthy(n.Number);
                case PyRange r:
                    return r.Length != 0;
                case DictView v:
                    return v.Dict.Count != 0;
                case IPyLength sized:
                    return sized.Length != 0;
                default:
                    return true;
            }
        }

        public static bool Eq(object? a, object? b)
        {
            if (a is Undefined ua)
            {
                return ua.IsLenient ? b is Undefined : throw ua.Fail();
            }

            if (b is Undefined ub)
            {
                return ub.IsLenient ? false : throw ub.Fail();
            }

            if (a == null || b == null)
            {
                return a == null && b == null;
            }

            var na = AsNumber(a);
            if (na != null)
            {
                var nb = AsNumber(b);
                return nb != null && NumberCompare(na, nb) == 0;
            }

            var sa = PyTypes.AsString(a);
            if (sa != null)
            {
                var sb = PyTypes.AsString(b);
                return sb != null && string.Equals(sa, sb, StringComparison.Ordinal);
            }

            switch (a)
            {
                case PyList la when b is PyList lb:
                    return SequenceEq(la.Items, lb.Items);
                case PyTuple ta when b is PyTuple tb:
                    return SequenceEq(ta.Items, tb.Items);
                case PyDict da when b is PyDict db:
                    return DictEq(da, db);
                case PyRange ra when b is PyRange rb:
                    return ra.Length == rb.Length && (ra.Length == 0 || (ra.Start == rb.Start && (ra.Length == 1 || ra.Step == rb.Step)));
                default:
                    return ReferenceEquals(a, b);
            }
        }

        public static int Hash(object? value)
        {
            switch (value)
            {
                case null:
                    return 0x5F3759DF;
                case bool b:
                    return b ? 1 : 0;
                case long l:
                    return l.GetHashCode();
                case string s:
                    return StringComparer.Ordinal.GetHashCode(s);
                case Markup m:
                    return StringComparer.Ordinal.GetHashCode(m.Text);
                case double d:
                    if (PyFloat.IsInteger(d))
                    {
                        return d >= long.MinValue && d < 9.2233720368547758E18 ? ((long)d).GetHashCode() : new BigInteger(d).GetHashCode();
                    }

                    return d.GetHashCode();
                case BigInteger big:
                    return big.GetHashCode();
                case TextNumber n:
                    return Hash(n.Number);
                case PyTuple t:
                    var hash = 17;
                    foreach (var item in t.Items)
                    {
                        hash = unchecked(hash * 31 + Hash(item));
                    }

                    return hash;
                case Undefined u:
                    return u.IsLenient ? 0x1D0F : throw u.Fail();
                case PyList _:
                case PyDict _:
                case DictView _:
                    throw Raise.TypeError($"unhashable type: '{PyTypes.TypeName(value)}'");
                default:
                    return RuntimeHelpers.GetHashCode(value);
            }
        }

        /// <summary>a &lt; b, with Python's TypeError for types that do not order.</summary>
        public static bool Less(object? a, object? b) => Compare(a, b, "<");

        /// <summary>
        /// Orders two values for &lt; &gt; &lt;= &gt;= and sorting: negative, zero or positive. NaN compares as
        /// unordered (int.MinValue / int.MaxValue never match both sides).
        /// </summary>
        public static int Order(object? a, object? b, string op)
        {
            if (a is Undefined ua)
            {
                throw ua.Fail();
            }

            if (b is Undefined ub)
            {
                throw ub.Fail();
            }

            var na = AsNumber(a);
            var nb = AsNumber(b);
            if (na != null && nb != null)
            {
                return NumberCompare(na, nb);
            }

            var sa = PyTypes.AsString(a);
            var sb = PyTypes.AsString(b);
            if (sa != null && sb != null)
            {
                return PyStr.CompareCodePoints(sa, sb);
            }

            if (a is PyList la && b is PyList lb)
            {
                return SequenceOrder(la.Items, lb.Items, op);
            }

            if (a is PyTuple ta && b is PyTuple tb)
            {
                return SequenceOrder(ta.Items, tb.Items, op);
            }

            throw Raise.TypeError($"'{op}' not supported between instances of '{PyTypes.TypeName(a)}' and '{PyTypes.TypeName(b)}'");
        }

        /// <summary>The result of a comparison operator; NaN makes every ordering false, as in Python.</summary>
        public static bool Compare(object? a, object? b, string op)
        {
            switch (op)
            {
                case "==":
                    return Eq(a, b);
                case "!=":
                    return !Eq(a, b);
            }

            var order = Order(a, b, op);
            if (order == Unordered)
            {
                return false;
            }

            return op switch
            {
                "<" => order < 0,
                "<=" => order <= 0,
                ">" => order > 0,
                _ => order >= 0,
            };
        }

        /// <summary>Returned by <see cref="Order"/> when a NaN is involved.</summary>
        public const int Unordered = int.MinValue + 1;

        public static int NumberCompare(object a, object b)
        {
            if (a is double x)
            {
                if (b is double y)
                {
                    return double.IsNaN(x) || double.IsNaN(y) ? Unordered : x.CompareTo(y);
                }

                return -IntFloatCompare(b, x);
            }

            if (b is double d)
            {
                return IntFloatCompare(a, d);
            }

            return PyInt.Compare(a, b);
        }

        public static bool Contains(object? container, object? item)
        {
            switch (container)
            {
                case string s:
                    return SubstringIn(s, item);
                case Markup m:
                    return SubstringIn(m.Text, item);
                case PyList list:
                    return SequenceContains(list.Items, item);
                case PyTuple tuple:
                    return SequenceContains(tuple.Items, item);
                case PyDict dict:
                    return dict.ContainsKey(item);
                case Undefined u:
                    return u.IsLenient ? false : throw u.Fail();
                case PyRange range:
                    var n = AsNumber(item);
                    if (n is long value)
                    {
                        if (range.Step > 0 ? value < range.Start || value >= range.Stop : value > range.Start || value <= range.Stop)
                        {
                            return false;
                        }

                        return (value - range.Start) % range.Step == 0;
                    }

                    break;
                case DictView view when view.Kind == DictViewKind.Keys:
                    return view.Dict.ContainsKey(item);
                case DictView view when view.Kind == DictViewKind.Items:
                    return item is PyTuple pair && pair.Count == 2 && view.Dict.TryGetValue(pair[0], out var v) && Eq(v, pair[1]);
            }

            if (!PyIter.IsIterable(container))
            {
                throw Raise.TypeError($"argument of type '{PyTypes.TypeName(container)}' is not iterable");
            }

            foreach (var element in PyIter.Iterate(container))
            {
                if (ReferenceEquals(element, item) || Eq(element, item))
                {
                    return true;
                }
            }

            return false;
        }

        public static long Len(object? value) => value switch
        {
            string s => PyStr.Length(s),
            PyList l => l.Count,
            PyDict d => d.Count,
            PyTuple t => t.Count,
            Markup m => PyStr.Length(m.Text),
            PyRange r => r.Length,
            DictView v => v.Dict.Count,
            IPyLength sized => sized.Length,
            Undefined u => u.IsLenient ? 0 : throw u.Fail(),
            _ => throw Raise.TypeError($"object of type '{PyTypes.TypeName(value)}' has no len()"),
        };

        /// <summary>An int (or bool) as a C# long, for indexes, counts and widths.</summary>
        public static long ToIndex(object? value)
        {
            switch (Unwrap(value))
            {
                case long l:
                    return l;
                case bool b:
                    return b ? 1 : 0;
                case BigInteger big:
                    if (big > long.MaxValue || big < long.MinValue)
                    {
                        throw Raise.IndexError("cannot fit 'int' into an index-sized integer");
                    }

                    return (long)big;
                case Undefined u:
                    throw u.Fail();
                default:
                    throw Raise.TypeError($"'{PyTypes.TypeName(value)}' object cannot be interpreted as an integer");
            }
        }

        private static bool SubstringIn(string s, object? item)
        {
            if (item is Undefined u)
            {
                throw u.Fail();
            }

            var sub = PyTypes.AsString(item) ?? throw Raise.TypeError($"'in <string>' requires string as left operand, not {PyTypes.TypeName(item)}");
            return s.IndexOf(sub, StringComparison.Ordinal) >= 0;
        }

        private static bool SequenceContains(List<object?> items, object? item)
        {
            foreach (var element in items)
            {
                if (ReferenceEquals(element, item) || Eq(element, item))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool SequenceContains(object?[] items, object? item)
        {
            foreach (var element in items)
            {
                if (ReferenceEquals(element, item) || Eq(element, item))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool SequenceEq(IReadOnlyList<object?> a, IReadOnlyList<object?> b)
        {
            if (a.Count != b.Count)
            {
                return false;
            }

            for (var i = 0; i < a.Count; i++)
            {
                if (!ReferenceEquals(a[i], b[i]) && !Eq(a[i], b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static int SequenceOrder(IReadOnlyList<object?> a, IReadOnlyList<object?> b, string op)
        {
            var n = Math.Min(a.Count, b.Count);
            for (var i = 0; i < n; i++)
            {
                if (!ReferenceEquals(a[i], b[i]) && !Eq(a[i], b[i]))
                {
                    return Order(a[i], b[i], op);
                }
            }

            return a.Count.CompareTo(b.Count);
        }

        private static bool DictEq(PyDict a, PyDict b)
        {
            if (a.Count != b.Count)
            {
                return false;
            }

            foreach (var pair in a.Items)
            {
                if (!b.TryGetValue(pair.Key, out var other) || (!ReferenceEquals(other, pair.Value) && !Eq(pair.Value, other)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Compares an int exactly with a float, as Python does (no rounding of large ints).</summary>
        private static int IntFloatCompare(object integer, double d)
        {
            if (double.IsNaN(d))
            {
                return Unordered;
            }

            if (double.IsInfinity(d))
            {
                return d > 0 ? -1 : 1;
            }

            if (integer is long l && l > -TwoTo53 && l < TwoTo53)
            {
                return ((double)l).CompareTo(d);
            }

            var floor = Math.Floor(d);
            var order = PyInt.Big(integer).CompareTo(new BigInteger(floor));
            if (order != 0)
            {
                return order;
            }

            return floor == d ? 0 : -1;
        }
    }
}
