using System.Collections.Generic;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Python
{
    /// <summary>Python's iter(): what a for loop, a filter or list() walks over.</summary>
    internal static class PyIter
    {
        public static bool IsIterable(object? value) =>
            value is string || value is PyList || value is PyTuple || value is PyDict || value is Markup || value is PyRange
            || value is PyIterator || value is DictView || value is IPyIterable || (value is Undefined u && u.IsLenient);

        public static IEnumerable<object?> Iterate(object? value)
        {
            switch (value)
            {
                case PyList list:
                    return ListItems(list);
                case PyTuple tuple:
                    return tuple.Items;
                case string s:
                    return PyStr.Chars(s);
                case PyDict dict:
                    return new List<object?>(dict.Keys);
                case Markup m:
                    return PyStr.Chars(m.Text);
                case PyRange range:
                    return RangeItems(range);
                case PyIterator iterator:
                    return iterator.Drain();
                case DictView view:
                    return ViewItems(view);
                case IPyIterable iterable:
                    return iterable.Iterate();
                case Undefined u:
                    return u.IsLenient ? new object?[0] : throw u.Fail();
                default:
                    throw Raise.TypeError($"'{PyTypes.TypeName(value)}' object is not iterable");
            }
        }

        /// <summary>list(value): a new list of the items.</summary>
        public static List<object?> ToList(object? value) => new List<object?>(Iterate(value));

        private static IEnumerable<object?> ListItems(PyList list)
        {
            // By index, as Python walks a list: items appended during the loop are visited.
            for (var i = 0; i < list.Items.Count; i++)
            {
                yield return list.Items[i];
            }
        }

        private static IEnumerable<object?> RangeItems(PyRange range)
        {
            for (long i = 0; i < range.Length; i++)
            {
                yield return range[i];
            }
        }

        private static IEnumerable<object?> ViewItems(DictView view)
        {
            foreach (var pair in view.Dict.Items)
            {
                yield return view.Kind switch
                {
                    DictViewKind.Keys => pair.Key,
                    DictViewKind.Values => pair.Value,
                    _ => PyTuple.Of(pair.Key, pair.Value),
                };
            }
        }
    }
}
