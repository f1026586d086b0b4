using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using CloudCompose.Image.Jinja.Loading;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Runtime
{
    /// <summary>
    /// The state of one render: the files read, the recursion budget, the include chain, the imported modules.
    /// </summary>
    internal sealed class Renderer
    {
        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<string> files = new List<string>();
        private readonly List<string> stack = new List<string>();
        private readonly Dictionary<Template, TemplateModule> modules = new Dictionary<Template, TemplateModule>();
        private int frames = FrameCosts.RenderBase;

        public Renderer(Environment environment)
        {
            Environment = environment;
        }

        public Environment Environment { get; }

        /// <summary>Every template file read, in first-use order.</summary>
        public IReadOnlyList<string> Files => files;

        /// <summary>get_template(name): a loaded template, or TemplateNotFound naming the folders searched.</summary>
        public Template GetTemplate(object? name)
        {
            switch (name)
            {
                case Undefined u:
                    throw u.Fail();
                case Template t:
                    return t;
            }

            var text = PyTypes.AsString(name) ?? throw Raise.TypeError($"template name must be a string, not {PyTypes.TypeName(name)}");
            var path = Environment.Loader.Find(text, out var refused);
            if (path == null)
            {
                var error = new JinjaException(JinjaErrorKind.TemplateNotFound, "TemplateNotFound", refused == null ? text : $"{text} ({refused})")
                {
                    MissingTemplates = new[] { text },
                    SearchPath = Environment.Loader.SearchPath,
                };
                throw error;
            }

            var template = Environment.Loader.Load(text, path);
            if (seen.Add(path))
            {
                files.Add(path);
            }

            return template;
        }

        /// <summary>select_template(names): the first that exists; an undefined name in the list is skipped.</summary>
        public Template SelectTemplate(object? names)
        {
            if (names is Undefined u)
            {
                throw u.Fail();
            }

            var tried = new List<string>();
            foreach (var name in PyIter.Iterate(names))
            {
                if (name is Template t)
                {
                    return t;
                }

                try
                {
                    return GetTemplate(name);
                }
                catch (JinjaException e) when (e.Kind == JinjaErrorKind.TemplateNotFound || e.Kind == JinjaErrorKind.Undefined)
                {
                    tried.Add(name is Undefined ? "Undefined" : PyRepr.Str(name));
                }
            }

            var message = tried.Count == 0 ? "Tried to select from an empty list of templates." : "none of the templates given were found: " + string.Join(", ", tried);
            throw new JinjaException(JinjaErrorKind.TemplateNotFound, "TemplatesNotFound", message)
            {
                MissingTemplates = tried,
                SearchPath = Environment.Loader.SearchPath,
            };
        }

        /// <summary>What an {% include %} or {% extends %} names: one template, or the first of a list that exists.</summary>
        public Template GetOrSelectTemplate(object? name) =>
            name is string || name is Markup || name is Undefined || name is Template ? GetTemplate(name) : SelectTemplate(name);

        /// <summary>
        /// Takes <paramref name="cost"/> (see <see cref="FrameCosts"/>) from the budget for a call, include or block; past the
        /// limit (or near the end of the thread's stack) the render ends with RecursionError.
        /// </summary>
        public void Enter(int cost, string? template = null)
        {
            frames += cost;
            if (frames > FrameCosts.PythonLimit * FrameCosts.Unit)
            {
                frames -= cost;
                throw RecursionError();
            }

            try
            {
                RuntimeHelpers.EnsureSufficientExecutionStack();
            }
            catch (InsufficientExecutionStackException)
            {
                frames -= cost;
                throw RecursionError();
            }

            if (template != null)
            {
                stack.Add(template);
            }
        }

        public void Leave(int cost, string? template = null)
        {
            frames -= cost;
            if (template != null)
            {
                stack.RemoveAt(stack.Count - 1);
            }
        }

        /// <summary>Renders a template's top level, then the templates it extends, into <paramref name="output"/>.</summary>
        public void RenderTemplate(Template template, RenderContext context, StringBuilder output)
        {
            while (true)
            {
                var run = new TemplateRun(template);
                var frame = Frame.Root(this, context, template, output, run);
                if (template.UsesSelf)
                {
                    frame.SetLocal("self", new TemplateReference(context));
                }

                foreach (var statement in template.Body)
                {
                    statement.Execute(frame);
                }

                if (run.Parent == null)
                {
                    return;
                }

                template = run.Parent;
            }
        }

        /// <summary>
        /// A template imported as a module: rendered once per render in a context of its own (with only the
        /// globals, or reading through <paramref name="withContext"/>), its exported variables as attributes.
        /// </summary>
        public TemplateModule Module(Template template, Frame? withContext)
        {
            if (withContext == null && modules.TryGetValue(template, out var cached))
            {
                return cached;
            }

            var context = new RenderContext(template, withContext == null ? Environment.Globals : new FrameVariables(withContext));
            var output = new StringBuilder();
            Enter(FrameCosts.Import, template.Name);
            try
            {
                RenderTemplate(template, context, output);
            }
            finally
            {
                Leave(FrameCosts.Import, template.Name);
            }

            var module = new TemplateModule(template.Name, context, output.ToString());
            if (withContext == null)
            {
                modules[template] = module;
            }

            return module;
        }

        private JinjaException RecursionError() =>
            new JinjaException(JinjaErrorKind.RecursionLimit, "RecursionError", "maximum recursion depth exceeded")
            {
                TemplateStack = stack.ToArray(),
            };
    }
}
