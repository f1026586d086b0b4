namespace CloudCompose.Image.Jinja.Values
{
    /// <summary>
    /// A number the caller gave with its own display text (<see cref="IJinjaNumber"/>): it computes, compares and
    /// hashes as <see cref="Number"/> (a long, BigInteger or double) and prints as <see cref="Text"/>.
    /// </summary>
    internal sealed class TextNumber
    {
        public TextNumber(object number, string text)
        {
            Number = number;
            Text = text;
        }

        public object Number { get; }

        public string Text { get; }
    }
}
