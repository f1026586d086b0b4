namespace CloudCompose.Image.Configuration
{
    /// <summary>Where a key or value stands in the user's file (1-based line and column).</summary>
    public readonly struct SourceLocation
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
