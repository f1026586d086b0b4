using System.Collections.Generic;

namespace CloudCompose.Image.Jinja
{
    /// <summary>What a render produced, and every template file it read.</summary>
    public sealed class JinjaOutput
    {
        internal JinjaOutput(string text, IReadOnlyList<string> files)
        {
            Text = text;
            Files = files;
        }

        public string Text { get; }

        /// <summary>Full paths of every template file used, the main one first, in first-use order.</summary>
        public IReadOnlyList<string> Files { get; }
    }
}
