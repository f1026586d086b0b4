using System;
using System.Collections.Generic;

namespace CloudCompose.Image.Jinja.Python
{
    /// <summary>Python's sorted(): stable, comparing with &lt; only, reverse keeping equal items in order.</summary>
    internal static class Sorting
    {
        public static List<object?> Sorted(IEnumerable<object?> items, Func<object?, object?>? key, bool reverse) =>
            Sorted(items, key, reverse, PyOps.Less);

        /// <summary>Sorted with a custom &lt; (pprint's fallback ordering).</summary>
        public static List<object?> Sorted(IEnumerable<object?> items, Func<object?, object?>? key, bool reverse, Func<object?, object?, bool> lessThan)
        {
            var list = new List<object?>(items);
            var keys = new object?[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                keys[i] = key == null ? list[i] : key(list[i]);
            }

            var order = new int[list.Count];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            var buffer = new int[order.Length];
            MergeSort(order, buffer, 0, order.Length, (a, b) => reverse ? lessThan(keys[b], keys[a]) : lessThan(keys[a], keys[b]));
            var result = new List<object?>(list.Count);
            foreach (var i in order)
            {
                result.Add(list[i]);
            }

            return result;
        }

        private static void MergeSort(int[] items, int[] buffer, int from, int to, Func<int, int, bool> less)
        {
            if (to - from < 2)
            {
                return;
            }

            var middle = (from + to) / 2;
            MergeSort(items, buffer, from, middle, less);
            MergeSort(items, buffer, middle, to, less);
            int i = from, j = middle, k = from;
            while (i < middle && j < to)
            {
                // The right item goes first only when strictly less: equal items keep their order.
                buffer[k++] = less(items[j], items[i]) ? items[j++] : items[i++];
            }

            while (i < middle)
            {
                buffer[k++] = items[i++];
            }

            while (j < to)
            {
                buffer[k++] = items[j++];
            }

            Array.Copy(buffer, from, items, from, to - from);
        }
    }
}
