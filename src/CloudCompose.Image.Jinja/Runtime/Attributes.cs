using System.Collections.Generic;
using System.Numerics;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Python.Methods;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Runtime
{
    /// <summary>
    /// Attribute and item lookup. Templates use Jinja2's rules: <c>obj.name</c> tries Python's getattr then the
    /// item, <c>obj[key]</c> the item then (for a string key) the attribute; whatever fails is an Undefined
    /// naming what was missing. str.format fields use Python's plain rules.
    /// </summary>
    internal static class Attributes
    {
        public static object? GetAttr(object? obj, string name)
        {
            if (obj is Undefined u)
            {
                throw u.Fail();
            }

            if (TryPythonAttribute(obj, name, out var value))
            {
                return value;
            }

            var item = GetItemOrMissing(obj, name);
            return item is Missing ? Undefined.Member(obj, name) : item;
        }

        public static object? GetItem(object? obj, object? key)
        {
            if (obj is Undefined u)
            {
                throw u.Fail();
            }

            var item = GetItemOrMissing(obj, key);
            if (!(item is Missing))
            {
                return item;
            }

            if (PyTypes.AsString(key) is string name && TryPythonAttribute(obj, name, out var value))
            {
                return value;
            }

            return Undefined.Member(obj, key);
        }

        /// <summary>Python's getattr(obj, name), AttributeError when missing.</summary>
        public static object? GetAttributeStrict(object? obj, string name)
        {
            if (obj is Undefined u)
            {
                throw u.Fail();
            }

            return TryPythonAttribute(obj, name, out var value)
                ? value
                : throw Raise.AttributeError($"'{PyTypes.TypeName(obj)}' object has no attribute {PyRepr.Repr(name)}");
        }

        /// <summary>Python's obj[key], with KeyError / IndexError / TypeError.</summary>
        public static object? GetItemStrict(object? obj, object? key)
        {
            if (obj is Undefined u)
            {
                throw u.Fail();
            }

            var item = GetItemOrMissing(obj, key);
            if (!(item is Missing))
            {
                return item;
            }

            switch (obj)
            {
                case PyDict _:
                    throw Raise.KeyError(PyRepr.Repr(key));
                case PyList _:
                case PyTuple _:
                case string _:
                    throw Raise.IndexError($"{PyTypes.TypeName(obj)} index out of range");
                default:
                    throw Raise.TypeError($"'{PyTypes.TypeName(obj)}' object is not subscriptable");
            }
        }

        /// <summary>obj[key] as Python computes it, or <see cref="Missing.Value"/> where Python raises.</summary>
        public static object? GetItemOrMissing(object? obj, object? key)
        {
            switch (obj)
            {
                case PyDict dict:
                    if (key is PyList || key is PyDict || key is Undefined)
                    {
                        return Missing.Value;
                    }

                    return dict.TryGetValue(key, out var value) ? value : Missing.Value;
                case PyList list:
                    return Sequence(list.Items, key, items => new PyList(items));
                case PyTuple tuple:
                    return Sequence(tuple.Items, key, items => new PyTuple(items));
                case string s:
                    return StringItem(s, key, text => text);
                case Markup m:
                    return StringItem(m.Text, key, text => new Markup(text));
                case PyRange range:
                    return RangeItem(range, key);
                case IPyItems items:
                    return items.GetItem(key);
                default:
                    return Missing.Value;
            }
        }

        private static bool TryPythonAttribute(object? obj, string name, out object? value)
        {
            switch (obj)
            {
                case string _:
                case Markup _:
                    return StrMethods.Table.TryBind(obj, name, out value);
                case PyDict _:
                    return ContainerMethods.Dict.TryBind(obj, name, out value);
                case PyList _:
                    return ContainerMethods.List.TryBind(obj, name, out value);
                case PyTuple tuple:
                    var field = tuple.Fields == null ? -1 : System.Array.IndexOf(tuple.Fields, name);
                    if (field >= 0)
                    {
                        value = tuple.Items[field];
                        return true;
                    }

                    return ContainerMethods.Tuple.TryBind(obj, name, out value);
                case PyRange range:
                    switch (name)
                    {
                        case "start":
                            value = range.Start;
                            return true;
                        case "stop":
                            value = range.Stop;
                            return true;
                        case "step":
                            value = range.Step;
                            return true;
                    }

                    return ContainerMethods.Range.TryBind(obj, name, out value);
                case TextNumber n:
                    return TryPythonAttribute(n.Number, name, out value);
                case bool b:
                    return TryPythonAttribute(b ? 1L : 0L, name, out value);
                case long _:
                case BigInteger _:
                    return NumberMethods.TryGetAttribute(obj, name, out value) || NumberMethods.Int.TryBind(obj, name, out value);
                case double _:
                    return NumberMethods.TryGetAttribute(obj, name, out value) || NumberMethods.Float.TryBind(obj, name, out value);
                case IPyObject o:
                    return o.TryGetAttribute(name, out value);
                default:
                    value = null;
                    return false;
            }
        }

        private static object? Sequence(IReadOnlyList<object?> items, object? key, System.Func<List<object?>, object> make)
        {
            if (key is PySliceObject slice)
            {
                if (!SliceBounds(slice))
                {
                    return Missing.Value;
                }

                var s = PySlice.Resolve(items.Count, slice.Start, slice.Stop, slice.Step);
                var result = new List<object?>((int)s.Count);
                for (long i = 0; i < s.Count; i++)
                {
                    result.Add(items[(int)s[i]]);
                }

                return make(result);
            }

            if (!IsIndex(key))
            {
                return Missing.Value;
            }

            var index = PyOps.ToIndex(key);
            if (index < 0)
            {
                index += items.Count;
            }

            return index >= 0 && index < items.Count ? items[(int)index] : Missing.Value;
        }

        private static object? StringItem(string s, object? key, System.Func<string, object> make)
        {
            if (key is PySliceObject slice)
            {
                return SliceBounds(slice) ? make(PyStr.Slice(s, slice.Start, slice.Stop, slice.Step)) : Missing.Value;
            }

            if (!IsIndex(key))
            {
                return Missing.Value;
            }

            var index = PyOps.ToIndex(key);
            var length = PyStr.Length(s);
            if (index < 0)
            {
                index += length;
            }

            return index >= 0 && index < length ? make(PyStr.Index(s, index)) : Missing.Value;
        }

        private static object? RangeItem(PyRange range, object? key)
        {
            if (key is PySliceObject slice)
            {
                if (!SliceBounds(slice))
                {
                    return Missing.Value;
                }

                var s = PySlice.Resolve(range.Length, slice.Start, slice.Stop, slice.Step);
                var start = range.Start + s.Start * range.Step;
                var step = range.Step * s.Step;
                return new PyRange(start, start + s.Count * step, step);
            }

            if (!IsIndex(key))
            {
                return Missing.Value;
            }

            var index = PyOps.ToIndex(key);
            if (index < 0)
            {
                index += range.Length;
            }

            return index >= 0 && index < range.Length ? (object)range[index] : Missing.Value;
        }

        private static bool IsIndex(object? key)
        {
            var k = PyOps.Unwrap(key);
            return k is long || k is bool || k is BigInteger;
        }

        private static bool SliceBounds(PySliceObject slice) =>
            (slice.Start == null || IsIndex(slice.Start)) && (slice.Stop == null || IsIndex(slice.Stop)) && (slice.Step == null || IsIndex(slice.Step));
    }
}
