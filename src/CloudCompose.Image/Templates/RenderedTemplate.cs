using System.Collections.Generic;

namespace CloudCompose.Image.Templates
{
    /// <summary>The output of a render and every template file it read.</summary>
    internal sealed class RenderedTemplate
    {
        internal RenderedTemplate(string text, IReadOnlyList<string> files)
        {
            Text = text;
            Files = files;
        }

        public string Text { get; }

        /// <summary>Full paths of every template file used, the main one first, in first-use order.</summary>
        public IReadOnlyList<string> Files { get; }
    }
}
