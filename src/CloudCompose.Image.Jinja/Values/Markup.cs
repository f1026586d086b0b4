namespace CloudCompose.Image.Jinja.Values
{
    /// <summary>
    /// MarkupSafe's Markup: a str that is safe for HTML. Output never escapes it; operations that combine it with
    /// plain strings escape those (<c>'&lt;'|e + '&lt;'</c> gives <c>&amp;lt;&amp;lt;</c>).
    /// </summary>
    internal sealed class Markup
    {
        public Markup(string text)
        {
            Text = text;
        }

        public string Text { get; }

        public override string ToString() => Text;
    }
}
