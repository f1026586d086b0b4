using CloudCompose.Image.Text;
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace CloudCompose.Image.Templates
{
    /// <summary>
    /// A template file's text as Jinja2 lexes it: newlines normalized to \n and one trailing
    /// newline dropped (keep_trailing_newline=False). Normalizing keeps line numbers, so offsets
    /// in this text map to the user's line and column.
    /// </summary>
    internal sealed class TemplateSource
    {
        private static readonly Regex Newline = new Regex("\r\n|\r|\n", RegexOptions.Compiled);
        private readonly List<int> lineStarts = new List<int> { 0 };

        public TemplateSource(string path, string name, string rawText)
        {
            Path = path;
            Name = name;
            var text = Newline.Replace(rawText, "\n");
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

        /// <summary>Full path of the file.</summary>
        public string Path { get; }

        /// <summary>The name it was asked for (as in the include tag).</summary>
        public string Name { get; }

        public string Text { get; }

        public static TemplateSource Load(string path, string name)
        {
            // UTF-8 with BOM detection: a BOM is dropped, never rendered.
            var raw = File.ReadAllText(path, new UTF8Encoding(false));
            return new TemplateSource(path, name, raw);
        }

        public SourceLocation LocationOf(int offset)
        {
            var index = lineStarts.BinarySearch(offset);
            if (index < 0)
            {
                index = ~index - 1;
            }

            return new SourceLocation(Path, index + 1, offset - lineStarts[index] + 1);
        }
    }
}
