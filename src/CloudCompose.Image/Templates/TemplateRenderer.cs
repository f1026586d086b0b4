using System;
using System.Collections.Generic;
using CloudCompose.Image.Jinja;

namespace CloudCompose.Image.Templates
{
    /// <summary>
    /// Renders image.sh and its includes the way the Python plugin did with
    /// jinja2.Environment(loader=FileSystemLoader(search_path), undefined=StrictUndefined), through the
    /// CloudCompose.Image.Jinja engine; engine errors become CloudComposeExceptions with the template error ids.
    /// </summary>
    internal sealed class TemplateRenderer
    {
        private readonly JinjaEnvironment engine;

        /// <param name="searchPath">Absolute folders searched in order for the template and its includes.</param>
        public TemplateRenderer(IReadOnlyList<string> searchPath)
        {
            if (searchPath == null)
            {
                throw new ArgumentNullException(nameof(searchPath));
            }

            engine = new JinjaEnvironment(searchPath);
        }

        /// <param name="variables">
        /// Strings, booleans, null, <see cref="TemplateNumber"/>s (and ints, longs, doubles), lists and maps
        /// (dictionaries with string keys, or sequences of <c>KeyValuePair&lt;object?, object?&gt;</c>).
        /// </param>
        public RenderedTemplate Render(string templateName, IReadOnlyDictionary<string, object?> variables)
        {
            try
            {
                var output = engine.Render(templateName, variables);
                return new RenderedTemplate(output.Text, output.Files);
            }
            catch (JinjaException e)
            {
                throw TemplateErrors.From(e);
            }
        }
    }
}
