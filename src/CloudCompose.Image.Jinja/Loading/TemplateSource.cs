using System;
using System.Collections.Generic;
using System.Text;

namespace CloudCompose.Image.Jinja.Loading
{
    /// <summary>
    /// A template's text as Jinja2 lexes it: \r\n and \r become \n and one trailing newline is dropped
    /// (keep_trailing_newline=False). Line numbers are unchanged by that, so offsets map to the file's lines.
    /// </summary>
    internal sealed class TemplateSource
    {
        private readonly List<int> lineStarts = new List<int> { 0 };

        public TemplateSource(string name, string path, string rawText)
        {
            Name = name;
            Path = path;
            var text = Normalize(rawText);
            if (text.EndsWith("\n", StringComparison.Ordinal))
            {
                text = text.Substring(0, text.Length - 1);
            }

            Text = text;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    lineStarts.Add(i + 1);
                }
            }
        }

        /// <summary>The name it was loaded by (<c>scripts/docker.sh</c>).</summary>
        public string Name { get; }

        /// <summary>The file's full path.</summary>
        public string Path { get; }

        public string Text { get; }

        public int LineOf(int offset)
        {
            var index = lineStarts.BinarySearch(offset);
            return (index < 0 ? ~index - 1 : index) + 1;
        }

        public int ColumnOf(int offset) => offset - lineStarts[LineOf(offset) - 1] + 1;

        public JinjaLocation Location(int line, int column) => new JinjaLocation(Name, Path, line, column);

        private static string Normalize(string text)
        {
            if (text.IndexOf('\r') < 0)
            {
                return text;
            }

            var builder = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\r')
                {
                    builder.Append('\n');
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }
                }
                else
                {
                    builder.Append(text[i]);
                }
            }

            return builder.ToString();
        }
    }
}
