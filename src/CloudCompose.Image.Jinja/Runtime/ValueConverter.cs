using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Runtime
{
    /// <summary>
    /// Turns a caller's .NET values into template values: strings, booleans, null, integers (any size),
    /// floating point numbers, <see cref="IJinjaNumber"/>, dictionaries (in their order) and lists. Each render
    /// gets its own copy, so a template that appends to a list changes nothing the caller holds.
    /// </summary>
    internal static class ValueConverter
    {
        public static Dictionary<string, object?> Convert(IReadOnlyDictionary<string, object?> variables)
        {
            var seen = new Dictionary<object, object?>(ReferenceComparer.Instance);
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var pair in variables)
            {
                result[pair.Key] = Convert(pair.Value, pair.Key, seen);
            }

            return result;
        }

        private static object? Convert(object? value, string path, Dictionary<object, object?> seen)
        {
            switch (value)
            {
                case null:
                    return null;
                case string s:
                    return s;
                case bool b:
                    return b;
                case int i:
                    return (long)i;
                case long l:
                    return l;
                case short s:
                    return (long)s;
                case byte b:
                    return (long)b;
                case uint u:
                    return (long)u;
                case ulong u:
                    return PyInt.Norm(u);
                case BigInteger big:
                    return PyInt.Norm(big);
                case double d:
                    return d;
                case float f:
                    return (double)f;
                case decimal m:
                    return (double)m;
                case IJinjaNumber n:
                    return new TextNumber(Number(n, path), n.Text ?? throw new ArgumentException($"The number at '{path}' has no text.", nameof(value)));
            }

            if (seen.TryGetValue(value, out var done))
            {
                return done;
            }

            switch (value)
            {
                case IDictionary<string, object?> dictionary:
                    return Mapping(value, dictionary.Select(p => new KeyValuePair<object?, object?>(p.Key, p.Value)), path, seen);
                case IReadOnlyDictionary<string, object?> readOnly:
                    return Mapping(value, readOnly.Select(p => new KeyValuePair<object?, object?>(p.Key, p.Value)), path, seen);
                case IEnumerable<KeyValuePair<object?, object?>> pairs:
                    return Mapping(value, pairs, path, seen);
                case IDictionary legacy:
                    return Mapping(value, legacy.Cast<DictionaryEntry>().Select(e => new KeyValuePair<object?, object?>(e.Key, e.Value)), path, seen);
                case IEnumerable items:
                    var list = new PyList();
                    seen[value] = list;
                    var index = 0;
                    foreach (var item in items)
                    {
                        list.Items.Add(Convert(item, $"{path}[{index++}]", seen));
                    }

                    return list;
                default:
                    throw new ArgumentException($"The template variable '{path}' has a type templates cannot use: {value.GetType().FullName}.", nameof(value));
            }
        }

        private static PyDict Mapping(object source, IEnumerable<KeyValuePair<object?, object?>> pairs, string path, Dictionary<object, object?> seen)
        {
            var dict = new PyDict();
            seen[source] = dict;
            foreach (var pair in pairs)
            {
                dict.Set(Convert(pair.Key, path, seen), Convert(pair.Value, path + "." + pair.Key, seen));
            }

            return dict;
        }

        private static object Number(IJinjaNumber number, string path) => number.Value switch
        {
            int i => (long)i,
            long l => l,
            BigInteger big => PyInt.Norm(big),
            double d => d,
            _ => throw new ArgumentException($"The number at '{path}' is not an int, long, BigInteger or double.", nameof(number)),
        };

        private sealed class ReferenceComparer : IEqualityComparer<object>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();

            public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

            public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
