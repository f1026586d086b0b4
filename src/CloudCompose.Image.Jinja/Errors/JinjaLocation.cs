namespace CloudCompose.Image.Jinja
{
    /// <summary>A position in a template file: 1-based line and column.</summary>
    public readonly struct JinjaLocation
    {
        public JinjaLocation(string templateName, string filePath, int line, int column)
        {
            TemplateName = templateName;
            FilePath = filePath;
            Line = line;
            Column = column;
        }

        /// <summary>The name the template was loaded by (<c>scripts/docker.sh</c>).</summary>
        public string TemplateName { get; }

        /// <summary>The full path of the template file.</summary>
        public string FilePath { get; }

        public int Line { get; }

        public int Column { get; }

        public override string ToString() => Line > 0 ? $"{FilePath}:{Line}:{Column}" : FilePath;
    }
}
