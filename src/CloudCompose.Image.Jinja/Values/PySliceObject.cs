namespace CloudCompose.Image.Jinja.Values
{
    /// <summary>A Python slice object (what <c>a[1:3]</c> passes as the key).</summary>
    internal sealed class PySliceObject
    {
        public PySliceObject(object? start, object? stop, object? step)
        {
            Start = start;
            Stop = stop;
            Step = step;
        }

        public object? Start { get; }

        public object? Stop { get; }

        public object? Step { get; }
    }
}
