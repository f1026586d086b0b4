namespace CloudCompose.Image.Text
{
    /// <summary>Where something stands in a user's file (config or template), 1-based line and column.</summary>
    internal readonly struct SourceLocation
    {
        public SourceLocation(string file, int line, int column)
        {
            File = file;
            Line = line;
            Column = column;
        }

        public string File { get; }

        public int Line { get; }

        public int Column { get; }

        public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
    }
}
