namespace CloudCompose.Image.Jinja.Values
{
    /// <summary>Python's range: lazy, indexable, printed <c>range(0, 3)</c>.</summary>
    internal sealed class PyRange
    {
        public PyRange(long start, long stop, long step)
        {
            Start = start;
            Stop = stop;
            Step = step;
            if (step > 0)
            {
                Length = start < stop ? (stop - start - 1) / step + 1 : 0;
            }
            else
            {
                Length = start > stop ? (start - stop - 1) / -step + 1 : 0;
            }
        }

        public long Start { get; }

        public long Stop { get; }

        public long Step { get; }

        public long Length { get; }

        public long this[long index] => Start + index * Step;
    }
}
