using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading;
using CloudCompose.Image.Jinja.Runtime;

namespace CloudCompose.Image.Jinja
{
    /// <summary>
    /// Renders Jinja2 templates found on a search path, as
    /// <c>Environment(loader=FileSystemLoader(searchPath), undefined=StrictUndefined)</c> does in Jinja2 3.1.
    /// Safe to share between threads; parsed templates are cached process-wide and re-read when their file changes.
    /// </summary>
    public sealed class JinjaEnvironment
    {
        /// <summary>
        /// The stack each render runs on. Templates nest as deep as Jinja2 allows (Python's recursion limit);
        /// a thread-pool thread's 1 MB would not hold that, so a render gets a thread of its own.
        /// </summary>
        private const int StackSize = 64 * 1024 * 1024;

        private readonly Runtime.Environment environment;

        /// <param name="searchPath">Folders searched in order for a template and everything it includes.</param>
        public JinjaEnvironment(IEnumerable<string> searchPath)
        {
            if (searchPath == null)
            {
                throw new ArgumentNullException(nameof(searchPath));
            }

            environment = new Runtime.Environment(searchPath.ToList());
        }

        /// <summary>The folders searched, as full paths.</summary>
        public IReadOnlyList<string> SearchPath => environment.Loader.SearchPath;

        /// <summary>
        /// Renders the template <paramref name="templateName"/> with <paramref name="variables"/>: strings,
        /// booleans, null, integers, doubles, <see cref="IJinjaNumber"/>, dictionaries with string keys, lists, and
        /// maps with other keys as sequences of <c>KeyValuePair&lt;object?, object?&gt;</c>.
        /// </summary>
        /// <exception cref="JinjaException">The template is missing, malformed, or fails while rendering.</exception>
        /// <exception cref="ArgumentException">A variable has a type templates cannot use.</exception>
        public JinjaOutput Render(string templateName, IReadOnlyDictionary<string, object?> variables)
        {
            if (templateName == null)
            {
                throw new ArgumentNullException(nameof(templateName));
            }

            if (variables == null)
            {
                throw new ArgumentNullException(nameof(variables));
            }

            JinjaOutput? output = null;
            ExceptionDispatchInfo? failure = null;
            var thread = new Thread(
                () =>
                {
                    try
                    {
                        output = RenderHere(templateName, ValueConverter.Convert(variables));
                    }
                    catch (Exception e)
                    {
                        failure = ExceptionDispatchInfo.Capture(Translate(e));
                    }
                },
                StackSize)
            {
                IsBackground = true,
                Name = "Jinja render",
                CurrentCulture = CultureInfo.InvariantCulture,
                CurrentUICulture = CultureInfo.InvariantCulture,
            };
            thread.Start();
            thread.Join();
            failure?.Throw();
            return output!;
        }

        private JinjaOutput RenderHere(string templateName, Dictionary<string, object?> values)
        {
            var renderer = new Renderer(environment);
            var template = renderer.GetTemplate(templateName);
            var context = new RenderContext(template, new DictionaryVariables(values, environment.Globals));
            var text = new StringBuilder();
            renderer.Enter(0, template.Name);
            renderer.RenderTemplate(template, context, text);
            return new JinjaOutput(text.ToString(), renderer.Files.ToList());
        }

        /// <summary>Anything but our own errors is a defect; it still reaches the caller as a template error.</summary>
        private static Exception Translate(Exception e) => e switch
        {
            JinjaException _ => e,
            ArgumentException _ => e,
            InsufficientExecutionStackException _ => new JinjaException(JinjaErrorKind.RecursionLimit, "RecursionError", "maximum recursion depth exceeded", e),
            _ => new JinjaException(JinjaErrorKind.Runtime, e.GetType().Name, $"internal error while rendering: {e.Message}", e),
        };
    }
}
