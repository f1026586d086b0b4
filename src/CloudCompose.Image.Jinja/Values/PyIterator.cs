using System.Collections.Generic;

namespace CloudCompose.Image.Jinja.Values
{
    /// <summary>
    /// A Python generator or iterator (what <c>map</c>, <c>select</c>, <c>reverse</c> and friends return): lazy,
    /// consumed once, always true in a condition.
    /// </summary>
    internal sealed class PyIterator
    {
        private readonly IEnumerator<object?> items;
        private bool done;

        public PyIterator(IEnumerable<object?> items, string typeName = "generator")
        {
            this.items = items.GetEnumerator();
            TypeName = typeName;
        }

        /// <summary>Python's type name: generator, list_reverseiterator, …</summary>
        public string TypeName { get; }

        public IEnumerable<object?> Drain()
        {
            while (!done && items.MoveNext())
            {
                yield return items.Current;
            }

            done = true;
        }
    }
}
