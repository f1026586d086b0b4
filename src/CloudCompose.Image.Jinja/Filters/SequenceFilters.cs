using System.Collections.Generic;
using System.Linq;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Filters
{
    /// <summary>Sequence filters: length, first, last, list, join, reverse, sort, unique, min, max, sum, batch, slice, dictsort, items, groupby, random.</summary>
    internal static class SequenceFilters
    {
        private static readonly string[] GroupFields = { "grouper", "list" };

        public static void Register(FilterRegistry r)
        {
            r.Add("length", new ArgBinder("len", new[] { "obj" }), (f, a) => PyOps.Len(a[0]));
            r.Add("count", new ArgBinder("len", new[] { "obj" }), (f, a) => PyOps.Len(a[0]));
            r.Add("list", new ArgBinder("sync_do_list", new[] { "value" }), (f, a) => new PyList(PyIter.ToList(a[0])));
            r.Add("first", new ArgBinder("sync_do_first", new[] { "seq" }), (f, a) =>
            {
                foreach (var item in PyIter.Iterate(a[0]))
                {
                    return item;
                }

                return Undefined.WithHint("No first item, sequence was empty.");
            });
            r.Add("last", new ArgBinder("do_last", new[] { "seq" }), (f, a) =>
            {
                var items = Reversed(a[0]);
                return items.Count > 0 ? items[0] : Undefined.WithHint("No last item, sequence was empty.");
            });
            r.Add("random", new ArgBinder("do_random", new[] { "seq" }), (f, a) =>
            {
                var length = PyOps.Len(a[0]);
                if (length == 0)
                {
                    return Undefined.WithHint("No random item, sequence was empty.");
                }

                return Attributes.GetItemStrict(a[0], (long)Globals.Random.Next((int)length));
            });
            r.Add("join", new ArgBinder("sync_do_join", new[] { "value", "d", "attribute" }, "", null), Join);
            r.Add("reverse", new ArgBinder("do_reverse", new[] { "value" }), (f, a) => Reverse(a[0]));
            r.Add("sort", new ArgBinder("do_sort", new[] { "value", "reverse", "case_sensitive", "attribute" }, false, false, null), (f, a) =>
                new PyList(Sorting.Sorted(PyIter.Iterate(a[0]), AttributeGetter.MakeMulti(a[3], !PyOps.Truthy(a[2])), PyOps.Truthy(a[1]))));
            r.Add("unique", new ArgBinder("sync_do_unique", new[] { "value", "case_sensitive", "attribute" }, false, null), (f, a) =>
                new PyIterator(Unique(a[0], AttributeGetter.Make(a[2], !PyOps.Truthy(a[1])))));
            r.Add("min", new ArgBinder("do_min", new[] { "value", "case_sensitive", "attribute" }, false, null), (f, a) => Extreme(a, max: false));
            r.Add("max", new ArgBinder("do_max", new[] { "value", "case_sensitive", "attribute" }, false, null), (f, a) => Extreme(a, max: true));
            r.Add("sum", new ArgBinder("sync_do_sum", new[] { "iterable", "attribute", "start" }, null, 0L), (f, a) =>
            {
                var getter = a[1] == null ? null : AttributeGetter.Make(a[1]);
                if (PyTypes.IsString(a[2]))
                {
                    throw Raise.TypeError("sum() can't sum strings [use ''.join(seq) instead]");
                }

                var total = a[2];
                foreach (var item in PyIter.Iterate(a[0]))
                {
                    total = PyArith.Add(total, getter == null ? item : getter(item));
                }

                return total;
            });
            r.Add("batch", new ArgBinder("do_batch", new[] { "value", "linecount", "fill_with" }, new object?[] { null }), (f, a) =>
                new PyIterator(Batch(a[0], PyOps.ToIndex(a[1]), a[2])));
            r.Add("slice", new ArgBinder("sync_do_slice", new[] { "value", "slices", "fill_with" }, new object?[] { null }), (f, a) =>
                new PyIterator(Slice(PyIter.ToList(a[0]), PyOps.ToIndex(a[1]), a[2])));
            r.Add("dictsort", new ArgBinder("do_dictsort", new[] { "value", "case_sensitive", "by", "reverse" }, false, "key", false), DictSort);
            r.Add("items", new ArgBinder("do_items", new[] { "value" }), (f, a) =>
            {
                if (a[0] is Undefined)
                {
                    return new PyIterator(new object?[0]);
                }

                if (!(a[0] is PyDict dict))
                {
                    throw Raise.TypeError("Can only get item pairs from a mapping.");
                }

                return new PyIterator(PyIter.Iterate(new DictView(dict, DictViewKind.Items)));
            });
            r.Add("groupby", new ArgBinder("sync_do_groupby", new[] { "value", "attribute", "default", "case_sensitive" }, null, false), GroupBy);
        }

        /// <summary>reversed(value): sequences (and dicts) backwards; a TypeError for what is not reversible.</summary>
        public static List<object?> Reversed(object? value)
        {
            switch (value)
            {
                case PyList _:
                case PyTuple _:
                case string _:
                case Markup _:
                case PyRange _:
                case PyDict _:
                case DictView _:
                    var items = PyIter.ToList(value);
                    items.Reverse();
                    return items;
                case Undefined u:
                    throw u.Fail();
                default:
                    throw Raise.TypeError($"'{PyTypes.TypeName(value)}' object is not reversible");
            }
        }

        private static object? Join(Frame frame, object?[] a)
        {
            IEnumerable<object?> items = PyIter.Iterate(a[0]);
            if (a[2] != null)
            {
                var getter = AttributeGetter.Make(a[2]);
                items = items.Select(getter);
            }

            if (!frame.Autoescape)
            {
                return string.Join(PyRepr.Str(a[1]), items.Select(PyRepr.Str));
            }

            var list = items.ToList();
            if (a[1] is Markup || list.Any(i => i is Markup))
            {
                return new Markup(string.Join(Html.Escape(a[1]), list.Select(Html.Escape)));
            }

            return string.Join(PyRepr.Str(a[1]), list.Select(PyRepr.Str));
        }

        private static object? Reverse(object? value)
        {
            switch (value)
            {
                case string s:
                    return PyStr.Slice(s, null, null, -1L);
                case Markup m:
                    return new Markup(PyStr.Slice(m.Text, null, null, -1L));
                case PyList _:
                case PyTuple _:
                case PyRange _:
                case PyDict _:
                case DictView _:
                    return new PyIterator(Reversed(value), value is PyList ? "list_reverseiterator" : "reversed");
                default:
                    if (value is Undefined u && !u.IsLenient)
                    {
                        throw u.Fail();
                    }

                    if (!PyIter.IsIterable(value))
                    {
                        throw Raise.FilterArgument("argument must be iterable");
                    }

                    var items = PyIter.ToList(value);
                    items.Reverse();
                    return new PyList(items);
            }
        }

        private static IEnumerable<object?> Unique(object? value, System.Func<object?, object?> key)
        {
            var seen = new PyDict();
            foreach (var item in PyIter.Iterate(value))
            {
                var k = key(item);
                if (!seen.ContainsKey(k))
                {
                    seen.Set(k, null);
                    yield return item;
                }
            }
        }

        private static object? Extreme(object?[] a, bool max)
        {
            var items = PyIter.ToList(a[0]);
            if (items.Count == 0)
            {
                return Undefined.WithHint("No aggregated item, sequence was empty.");
            }

            var key = AttributeGetter.Make(a[2], !PyOps.Truthy(a[1]));
            var best = items[0];
            var bestKey = key(best);
            for (var i = 1; i < items.Count; i++)
            {
                var k = key(items[i]);
                if (PyOps.Compare(k, bestKey, max ? ">" : "<"))
                {
                    best = items[i];
                    bestKey = k;
                }
            }

            return best;
        }

        private static IEnumerable<object?> Batch(object? value, long size, object? fill)
        {
            var batch = new List<object?>();
            foreach (var item in PyIter.Iterate(value))
            {
                if (batch.Count == size)
                {
                    yield return new PyList(batch);
                    batch = new List<object?>();
                }

                batch.Add(item);
            }

            if (batch.Count > 0)
            {
                if (fill != null)
                {
                    while (batch.Count < size)
                    {
                        batch.Add(fill);
                    }
                }

                yield return new PyList(batch);
            }
        }

        private static IEnumerable<object?> Slice(List<object?> items, long slices, object? fill)
        {
            if (slices == 0)
            {
                throw Raise.ZeroDivision("integer division or modulo by zero");
            }

            var perSlice = (long)PyInt.FloorDiv((long)items.Count, slices);
            var withExtra = (long)PyInt.Mod((long)items.Count, slices);
            long offset = 0;
            for (long number = 0; number < slices; number++)
            {
                var start = offset + number * perSlice;
                if (number < withExtra)
                {
                    offset++;
                }

                var end = offset + (number + 1) * perSlice;
                var slice = PySlice.Resolve(items.Count, start, end, null);
                var part = new List<object?>();
                for (long i = 0; i < slice.Count; i++)
                {
                    part.Add(items[(int)slice[i]]);
                }

                if (fill != null && number >= withExtra)
                {
                    part.Add(fill);
                }

                yield return new PyList(part);
            }
        }

        private static object? DictSort(Frame frame, object?[] a)
        {
            var by = PyTypes.AsString(a[2]);
            int position;
            if (by == "key")
            {
                position = 0;
            }
            else if (by == "value")
            {
                position = 1;
            }
            else
            {
                throw Raise.FilterArgument("You can only sort by either \"key\" or \"value\"");
            }

            var caseSensitive = PyOps.Truthy(a[1]);
            var pairs = PyIter.ToList(Attributes.GetAttributeStrict(a[0], "items") is IPyCallable items ? items.Call(frame, CallArgs.None) : null);
            return new PyList(Sorting.Sorted(pairs, pair =>
            {
                var part = ((PyTuple)pair!)[position];
                return caseSensitive ? part : AttributeGetter.IgnoreCase(part);
            }, PyOps.Truthy(a[3])));
        }

        private static object? GroupBy(Frame frame, object?[] a)
        {
            var caseSensitive = PyOps.Truthy(a[3]);
            var key = AttributeGetter.Make(a[1], !caseSensitive, a[2]);
            var sorted = Sorting.Sorted(PyIter.Iterate(a[0]), key, false);
            var groups = new List<object?>();
            var output = AttributeGetter.Make(a[1], false, a[2]);
            List<object?>? current = null;
            object? currentKey = null;
            foreach (var item in sorted)
            {
                var k = key(item);
                if (current == null || !PyOps.Eq(k, currentKey))
                {
                    if (current != null)
                    {
                        groups.Add(Group(currentKey, current, caseSensitive, output));
                    }

                    current = new List<object?>();
                    currentKey = k;
                }

                current.Add(item);
            }

            if (current != null)
            {
                groups.Add(Group(currentKey, current, caseSensitive, output));
            }

            return new PyList(groups);
        }

        private static PyTuple Group(object? key, List<object?> items, bool caseSensitive, System.Func<object?, object?> output) =>
            PyTuple.Named(GroupFields, caseSensitive ? key : output(items[0]), new PyList(items));
    }
}
