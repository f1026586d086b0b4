using System.Collections.Generic;
using CloudCompose.Image.Jinja.Python;

namespace CloudCompose.Image.Jinja.Values
{
    /// <summary>
    /// A Python dict: insertion-ordered, keys compared and hashed as Python does (<c>1</c>, <c>1.0</c> and
    /// <c>True</c> are one key; a list key is a TypeError).
    /// </summary>
    internal sealed class PyDict
    {
        private static readonly object NoneKey = new object();

        private readonly List<KeyValuePair<object?, object?>?> entries = new List<KeyValuePair<object?, object?>?>();
        private readonly Dictionary<object, int> index = new Dictionary<object, int>(PyKeyComparer.Instance);
        private int holes;

        public int Count => index.Count;

        public bool TryGetValue(object? key, out object? value)
        {
            if (index.TryGetValue(Wrap(key), out var at))
            {
                value = entries[at]!.Value.Value;
                return true;
            }

            value = null;
            return false;
        }

        public bool ContainsKey(object? key) => index.ContainsKey(Wrap(key));

        public void Set(object? key, object? value)
        {
            var wrapped = Wrap(key);
            if (index.TryGetValue(wrapped, out var at))
            {
                // Python keeps the first key object and its position; only the value changes.
                entries[at] = new KeyValuePair<object?, object?>(entries[at]!.Value.Key, value);
                return;
            }

            index[wrapped] = entries.Count;
            entries.Add(new KeyValuePair<object?, object?>(key, value));
        }

        public bool Remove(object? key, out object? value)
        {
            var wrapped = Wrap(key);
            if (!index.TryGetValue(wrapped, out var at))
            {
                value = null;
                return false;
            }

            value = entries[at]!.Value.Value;
            index.Remove(wrapped);
            entries[at] = null;
            holes++;
            if (holes > 16 && holes > entries.Count / 2)
            {
                Compact();
            }

            return true;
        }

        public void Clear()
        {
            entries.Clear();
            index.Clear();
            holes = 0;
        }

        /// <summary>The live pairs in insertion order.</summary>
        public IEnumerable<KeyValuePair<object?, object?>> Items
        {
            get
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    if (entries[i] is KeyValuePair<object?, object?> pair)
                    {
                        yield return pair;
                    }
                }
            }
        }

        public IEnumerable<object?> Keys
        {
            get
            {
                foreach (var pair in Items)
                {
                    yield return pair.Key;
                }
            }
        }

        public IEnumerable<object?> Values
        {
            get
            {
                foreach (var pair in Items)
                {
                    yield return pair.Value;
                }
            }
        }

        public PyDict Copy()
        {
            var copy = new PyDict();
            foreach (var pair in Items)
            {
                copy.Set(pair.Key, pair.Value);
            }

            return copy;
        }

        /// <summary>The dictionary's key for a value; unhashable values fail even when the dict is empty, as in Python.</summary>
        private static object Wrap(object? key)
        {
            if (key is PyList || key is PyDict || key is DictView || key is Undefined)
            {
                PyOps.Hash(key);
            }

            return key ?? NoneKey;
        }

        private void Compact()
        {
            var live = new List<KeyValuePair<object?, object?>>(Items);
            entries.Clear();
            index.Clear();
            holes = 0;
            foreach (var pair in live)
            {
                index[Wrap(pair.Key)] = entries.Count;
                entries.Add(pair);
            }
        }

        /// <summary>Python's key equality over wrapped keys.</summary>
        private sealed class PyKeyComparer : IEqualityComparer<object>
        {
            public static readonly PyKeyComparer Instance = new PyKeyComparer();

            public new bool Equals(object? x, object? y) =>
                ReferenceEquals(x, y) || (!ReferenceEquals(x, NoneKey) && !ReferenceEquals(y, NoneKey) && PyOps.Eq(x, y));

            public int GetHashCode(object obj) => ReferenceEquals(obj, NoneKey) ? 0x5F3759DF : PyOps.Hash(obj);
        }
    }
}
