using System;

namespace CloudCompose.Image.Jinja.Python
{
    /// <summary>Python's slice index rules (PySlice_AdjustIndices): negative indexes, clamping, steps.</summary>
    internal readonly struct PySlice
    {
        private PySlice(long start, long step, long count)
        {
            Start = start;
            Step = step;
            Count = count;
        }

        public long Start { get; }

        public long Step { get; }

        public long Count { get; }

        public long this[long i] => Start + i * Step;

        /// <summary>Resolves a[start:stop:step] for a sequence of <paramref name="length"/> items; null parts are omitted.</summary>
        public static PySlice Resolve(long length, object? start, object? stop, object? step)
        {
            var stepValue = step == null ? 1 : PyOps.ToIndex(step);
            if (stepValue == 0)
            {
                throw Raise.ValueError("slice step cannot be zero");
            }

            long lower, upper;
            if (stepValue < 0)
            {
                lower = -1;
                upper = length - 1;
            }
            else
            {
                lower = 0;
                upper = length;
            }

            long startValue, stopValue;
            if (start == null)
            {
                startValue = stepValue < 0 ? upper : lower;
            }
            else
            {
                startValue = PyOps.ToIndex(start);
                startValue = startValue < 0 ? Math.Max(startValue + length, lower) : Math.Min(startValue, upper);
            }

            if (stop == null)
            {
                stopValue = stepValue < 0 ? lower : upper;
            }
            else
            {
                stopValue = PyOps.ToIndex(stop);
                stopValue = stopValue < 0 ? Math.Max(stopValue + length, lower) : Math.Min(stopValue, upper);
            }

            long count;
            if (stepValue < 0)
            {
                count = stopValue < startValue ? (startValue - stopValue - 1) / -stepValue + 1 : 0;
            }
            else
            {
                count = startValue < stopValue ? (stopValue - startValue - 1) / stepValue + 1 : 0;
            }

            return new PySlice(startValue, stepValue, count);
        }

        /// <summary>Start/end arguments of str.find and friends: None is omitted, negatives count from the end.</summary>
        public static void Bounds(long length, object? start, object? end, out long from, out long to)
        {
            from = start == null ? 0 : PyOps.ToIndex(start);
            to = end == null ? length : PyOps.ToIndex(end);
            if (from < 0)
            {
                from = Math.Max(from + length, 0);
            }

            if (to < 0)
            {
                to = Math.Max(to + length, 0);
            }

            to = Math.Min(to, length);
        }
    }
}
