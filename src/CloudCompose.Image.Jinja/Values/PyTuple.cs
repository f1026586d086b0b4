using System.Collections.Generic;

namespace CloudCompose.Image.Jinja.Values
{
    /// <summary>A Python tuple: immutable, hashable when its items are, printed <c>(1, 'a')</c> or <c>(1,)</c>.</summary>
    internal sealed class PyTuple
    {
        public static readonly PyTuple Empty = new PyTuple(new object?[0]);

        public PyTuple(object?[] items)
        {
            Items = items;
        }

        public PyTuple(IEnumerable<object?> items)
        {
            Items = new List<object?>(items).ToArray();
        }

        public static PyTuple Of(params object?[] items) => new PyTuple(items);

        /// <summary>A named tuple (groupby's (grouper, list)): prints as a tuple, fields readable by name.</summary>
        public static PyTuple Named(string[] fields, params object?[] items) => new PyTuple(items) { Fields = fields };

        /// <summary>Field names of a named tuple, else null.</summary>
        public string[]? Fields { get; private set; }

        public object?[] Items { get; }

        public int Count => Items.Length;

        public object? this[int index] => Items[index];
    }
}
