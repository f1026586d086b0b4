using System.Collections.Generic;

namespace CloudCompose.Image.Jinja.Values
{
    /// <summary>A Python list: mutable (templates call <c>append</c>), compared and printed like Python's.</summary>
    internal sealed class PyList
    {
        public PyList()
        {
            Items = new List<object?>();
        }

        public PyList(List<object?> items)
        {
            Items = items;
        }

        public PyList(IEnumerable<object?> items)
        {
            Items = new List<object?>(items);
        }

        public List<object?> Items { get; }

        public int Count => Items.Count;

        public object? this[int index] => Items[index];
    }
}
