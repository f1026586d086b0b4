namespace CloudCompose.Image.Jinja
{
    /// <summary>
    /// A number that keeps the text it was written with. A template computes with <see cref="Value"/> but prints
    /// <see cref="Text"/>, so a value read as <c>1.10</c> prints <c>1.10</c> while <c>x + 1</c> is <c>2.1</c>.
    /// </summary>
    public interface IJinjaNumber
    {
        /// <summary>An <see cref="int"/>, <see cref="long"/>, <see cref="System.Numerics.BigInteger"/> or <see cref="double"/>.</summary>
        object Value { get; }

        string Text { get; }
    }
}
