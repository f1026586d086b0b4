using System.Collections.Generic;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Python.Methods
{
    /// <summary>The methods of list, tuple, dict and range.</summary>
    internal static class ContainerMethods
    {
        public static readonly MethodTable List = BuildList();
        public static readonly MethodTable Tuple = BuildTuple();
        public static readonly MethodTable Dict = BuildDict();
        public static readonly MethodTable Range = BuildRange();

        private static MethodTable BuildList()
        {
            var t = new MethodTable("list");
            t.Add("append", new ArgBinder("list.append", new[] { "object" }), (self, a) =>
            {
                Items(self).Add(a[0]);
                return null;
            });
            t.Add("extend", new ArgBinder("list.extend", new[] { "iterable" }), (self, a) =>
            {
                Items(self).AddRange(PyIter.ToList(a[0]));
                return null;
            });
            t.Add("insert", new ArgBinder("list.insert", new[] { "index", "object" }), (self, a) =>
            {
                var items = Items(self);
                var i = PyOps.ToIndex(a[0]);
                i = i < 0 ? System.Math.Max(i + items.Count, 0) : System.Math.Min(i, items.Count);
                items.Insert((int)i, a[1]);
                return null;
            });
            t.Add("pop", new ArgBinder("list.pop", new[] { "index" }, -1L), (self, a) =>
            {
                var items = Items(self);
                if (items.Count == 0)
                {
                    throw Raise.IndexError("pop from empty list");
                }

                var i = PyOps.ToIndex(a[0]);
                if (i < 0)
                {
                    i += items.Count;
                }

                if (i < 0 || i >= items.Count)
                {
                    throw Raise.IndexError("pop index out of range");
                }

                var value = items[(int)i];
                items.RemoveAt((int)i);
                return value;
            });
            t.Add("remove", new ArgBinder("list.remove", new[] { "value" }), (self, a) =>
            {
                var items = Items(self);
                var i = IndexOf(items, a[0], 0, items.Count);
                if (i < 0)
                {
                    throw Raise.ValueError("list.remove(x): x not in list");
                }

                items.RemoveAt(i);
                return null;
            });
            t.Add("clear", self =>
            {
                Items(self).Clear();
                return null;
            });
            t.Add("copy", self => new PyList(new List<object?>(Items(self))));
            t.Add("reverse", self =>
            {
                Items(self).Reverse();
                return null;
            });
            t.Add("count", new ArgBinder("list.count", new[] { "value" }), (self, a) => Count(Items(self), a[0]));
            t.Add("index", new ArgBinder("list.index", new[] { "value", "start", "stop" }, null, null), (self, a) =>
            {
                var items = Items(self);
                PySlice.Bounds(items.Count, a[1], a[2], out var from, out var to);
                var i = IndexOf(items, a[0], (int)from, (int)to);
                return i >= 0 ? (object)(long)i : throw Raise.ValueError($"{PyRepr.Repr(a[0])} is not in list");
            });
            t.Add("sort", (frame, self, args) =>
            {
                var bound = new ArgBinder("list.sort", new[] { "key", "reverse" }, null, false).Bind(args);
                var key = bound[0];
                var sorted = Sorting.Sorted(Items(self), key == null ? null : item => Calling.Call(frame, key, CallArgs.Of(item)), PyOps.Truthy(bound[1]));
                Items(self).Clear();
                Items(self).AddRange(sorted);
                return null;
            });
            return t;
        }

        private static MethodTable BuildTuple()
        {
            var t = new MethodTable("tuple");
            t.Add("count", new ArgBinder("tuple.count", new[] { "value" }), (self, a) => Count(((PyTuple)self!).Items, a[0]));
            t.Add("index", new ArgBinder("tuple.index", new[] { "value", "start", "stop" }, null, null), (self, a) =>
            {
                var items = new List<object?>(((PyTuple)self!).Items);
                PySlice.Bounds(items.Count, a[1], a[2], out var from, out var to);
                var i = IndexOf(items, a[0], (int)from, (int)to);
                return i >= 0 ? (object)(long)i : throw Raise.ValueError("tuple.index(x): x not in tuple");
            });
            return t;
        }

        private static MethodTable BuildDict()
        {
            var t = new MethodTable("dict");
            t.Add("items", self => new DictView((PyDict)self!, DictViewKind.Items));
            t.Add("keys", self => new DictView((PyDict)self!, DictViewKind.Keys));
            t.Add("values", self => new DictView((PyDict)self!, DictViewKind.Values));
            t.Add("get", new ArgBinder("dict.get", new[] { "key", "default" }, new object?[] { null }), (self, a) =>
                ((PyDict)self!).TryGetValue(a[0], out var value) ? value : a[1]);
            t.Add("setdefault", new ArgBinder("dict.setdefault", new[] { "key", "default" }, new object?[] { null }), (self, a) =>
            {
                var dict = (PyDict)self!;
                if (dict.TryGetValue(a[0], out var value))
                {
                    return value;
                }

                dict.Set(a[0], a[1]);
                return a[1];
            });
            t.Add("pop", (frame, self, args) =>
            {
                var a = new ArgBinder("dict.pop", new[] { "key", "default" }, Missing.Value).Bind(args);
                if (((PyDict)self!).Remove(a[0], out var value))
                {
                    return value;
                }

                return a[1] is Missing ? throw Raise.KeyError(PyRepr.Repr(a[0])) : a[1];
            });
            t.Add("popitem", self =>
            {
                var dict = (PyDict)self!;
                KeyValuePair<object?, object?>? last = null;
                foreach (var pair in dict.Items)
                {
                    last = pair;
                }

                if (last == null)
                {
                    throw Raise.KeyError("'popitem(): dictionary is empty'");
                }

                dict.Remove(last.Value.Key, out _);
                return PyTuple.Of(last.Value.Key, last.Value.Value);
            });
            t.Add("copy", self => ((PyDict)self!).Copy());
            t.Add("clear", self =>
            {
                ((PyDict)self!).Clear();
                return null;
            });
            t.Add("update", (frame, self, args) =>
            {
                var dict = (PyDict)self!;
                if (args.Positional.Count > 1)
                {
                    throw Raise.TypeError($"update expected at most 1 argument, got {args.Positional.Count}");
                }

                if (args.Positional.Count == 1)
                {
                    Globals.UpdateFrom(dict, args.Positional[0]);
                }

                foreach (var pair in args.Keywords)
                {
                    dict.Set(pair.Key, pair.Value);
                }

                return null;
            });
            t.Add("fromkeys", new ArgBinder("dict.fromkeys", new[] { "iterable", "value" }, new object?[] { null }), (self, a) =>
            {
                var dict = new PyDict();
                foreach (var key in PyIter.Iterate(a[0]))
                {
                    dict.Set(key, a[1]);
                }

                return dict;
            });
            return t;
        }

        private static MethodTable BuildRange()
        {
            var t = new MethodTable("range");
            t.Add("count", new ArgBinder("range.count", new[] { "value" }), (self, a) => PyOps.Contains(self, a[0]) ? 1L : 0L);
            t.Add("index", new ArgBinder("range.index", new[] { "value" }), (self, a) =>
            {
                var range = (PyRange)self!;
                if (!PyOps.Contains(range, a[0]))
                {
                    throw Raise.ValueError($"{PyRepr.Repr(a[0])} is not in range");
                }

                return (PyOps.ToIndex(a[0]) - range.Start) / range.Step;
            });
            return t;
        }

        private static List<object?> Items(object? self) => ((PyList)self!).Items;

        private static long Count(IEnumerable<object?> items, object? value)
        {
            long count = 0;
            foreach (var item in items)
            {
                if (ReferenceEquals(item, value) || PyOps.Eq(item, value))
                {
                    count++;
                }
            }

            return count;
        }

        private static int IndexOf(List<object?> items, object? value, int from, int to)
        {
            for (var i = from; i < to && i < items.Count; i++)
            {
                if (ReferenceEquals(items[i], value) || PyOps.Eq(items[i], value))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
