namespace CloudCompose.Image.Templates
{
    internal enum JinjaTokenKind
    {
        Text,

        /// <summary>The body of a {% raw %} block: text that whitespace control of neighbours never trims.</summary>
        RawText,
        Output,
        Block,
        Comment,
    }

    /// <summary>One piece of a Jinja template: text, or a delimited tag with its whitespace-control marks.</summary>
    internal sealed class JinjaToken
    {
        public JinjaToken(JinjaTokenKind kind, int start, int contentStart, int contentEnd, string text)
        {
            Kind = kind;
            Start = start;
            ContentStart = contentStart;
            ContentEnd = contentEnd;
            Text = text;
        }

        public JinjaTokenKind Kind { get; }

        /// <summary>Offset of the token's first character (the '{' of a tag) in the normalized source.</summary>
        public int Start { get; set; }

        /// <summary>Offsets of the text between the delimiters (tags) or of the text itself.</summary>
        public int ContentStart { get; set; }

        public int ContentEnd { get; }

        /// <summary>The text to emit for Text/RawText tokens; the inner text of tags.</summary>
        public string Text { get; set; }

        /// <summary>A '-' after the opening delimiter: strip whitespace at the end of the text before.</summary>
        public bool TrimBefore { get; set; }

        /// <summary>A '-' before the closing delimiter: strip whitespace at the start of the text after.</summary>
        public bool TrimAfter { get; set; }
    }
}
