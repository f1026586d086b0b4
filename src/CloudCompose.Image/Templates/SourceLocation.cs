namespace CloudCompose.Image.Templates
{
    /// <summary>A 1-based position in a template file, as the user wrote it.</summary>
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

        public override string ToString() => $"{File}:{Line}:{Column}";
    }
}
