using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Fluid;
using Fluid.Ast;

namespace CloudCompose.Image.Templates
{
    /// <summary>
    /// Renders Jinja2 templates (the subset image.sh files use) the way the Python plugin did with
    /// jinja2.Environment(loader=FileSystemLoader(search_path)) and StrictUndefined: each template is
    /// translated to Liquid and rendered by Fluid. See docs/templates.md for what is supported.
    /// </summary>
    internal sealed class TemplateRenderer
    {
        internal const string SessionKey = "CloudCompose.Templates.Session";
        private static readonly Regex FluidPosition = new Regex(@"at \((\d+):(\d+)\)", RegexOptions.Compiled);

        private readonly TemplateLoader loader;
        private readonly FluidParser parser;

        /// <param name="searchPath">Absolute folders searched in order for the template and its includes.</param>
        public TemplateRenderer(IReadOnlyList<string> searchPath)
        {
            if (searchPath == null)
            {
                throw new ArgumentNullException(nameof(searchPath));
            }

            loader = new TemplateLoader(searchPath);
            parser = new FluidParser(new FluidParserOptions { AllowFunctions = true, AllowParentheses = true });
            parser.RegisterExpressionTag("__include", (expression, writer, encoder, context) =>
                ((Session)context.AmbientValues[SessionKey]).IncludeAsync(expression, writer, encoder, context));

            // Jinja2 scopes each loop iteration, so a {% set %} in a loop body does not leak out of it.
            parser.RegisterEmptyTag("__enter", (writer, encoder, context) =>
            {
                context.EnterChildScope();
                return new ValueTask<Completion>(Completion.Normal);
            });
            parser.RegisterEmptyTag("__leave", (writer, encoder, context) =>
            {
                context.ReleaseScope();
                return new ValueTask<Completion>(Completion.Normal);
            });
        }

        public RenderedTemplate Render(string templateName, IReadOnlyDictionary<string, object?> variables)
        {
            if (templateName == null)
            {
                throw new ArgumentNullException(nameof(templateName));
            }

            if (variables == null)
            {
                throw new ArgumentNullException(nameof(variables));
            }

            var normalized = variables.ToDictionary(kv => kv.Key, kv => JinjaRuntime.Normalize(kv.Value));
            return new Session(this, normalized).Run(templateName);
        }

        /// <summary>One render: the refs, the files read so far, and the include stack for cycle detection.</summary>
        private sealed class Session
        {
            private readonly TemplateRenderer renderer;
            private readonly TemplateRefs refs = new TemplateRefs();
            private readonly JinjaRuntime runtime;
            private readonly Dictionary<string, IFluidTemplate> compiled = new Dictionary<string, IFluidTemplate>(StringComparer.Ordinal);
            private readonly List<string> files = new List<string>();
            private readonly List<TemplateSource> stack = new List<TemplateSource>();

            public Session(TemplateRenderer renderer, IReadOnlyDictionary<string, object?> variables)
            {
                this.renderer = renderer;
                runtime = new JinjaRuntime(refs, variables);
            }

            public RenderedTemplate Run(string templateName)
            {
                var source = renderer.loader.Load(templateName, null);
                var template = Compile(source);
                var context = new TemplateContext(new TemplateOptions());
                context.AmbientValues[SessionKey] = this;
                runtime.Register(context);

                var writer = new StringWriter { NewLine = "\n" };
                stack.Add(source);
                template.RenderAsync(writer, NullEncoder.Default, context).AsTask().GetAwaiter().GetResult();
                return new RenderedTemplate(writer.ToString(), files.ToList());
            }

            public async ValueTask<Completion> IncludeAsync(Expression expression, TextWriter writer, System.Text.Encodings.Web.TextEncoder encoder, TemplateContext context)
            {
                var at = refs[(int)(await expression.EvaluateAsync(context)).ToNumberValue()];
                var source = renderer.loader.Load(at.Name, at.Location);
                var repeat = stack.FindIndex(s => s.Path == source.Path);
                if (repeat >= 0)
                {
                    var chain = stack.Skip(repeat).Select(s => s.Name).Concat(new[] { source.Name });
                    throw TemplateErrors.Cycle(chain, at.Location);
                }

                var template = Compile(source);
                stack.Add(source);

                // Jinja2 gives an included template the includer's variables; its {% set %} stays inside.
                context.EnterChildScope();
                try
                {
                    await template.RenderAsync(writer, encoder, context);
                }
                finally
                {
                    context.ReleaseScope();
                    stack.RemoveAt(stack.Count - 1);
                }

                return Completion.Normal;
            }

            private IFluidTemplate Compile(TemplateSource source)
            {
                if (compiled.TryGetValue(source.Path, out var cached))
                {
                    return cached;
                }

                files.Add(source.Path);
                var translated = TemplateTranslator.Translate(source, refs);
                if (!renderer.parser.TryParse(translated.Liquid, out var template, out var error))
                {
                    var match = FluidPosition.Match(error ?? string.Empty);
                    var at = match.Success
                        ? translated.LocationOfLiquid(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))
                        : source.LocationOf(0);
                    var reason = (error ?? "unknown error").Split('\n')[0];
                    reason = FluidPosition.Replace(reason, string.Empty).Trim();
                    throw TemplateErrors.Syntax($"Template could not be parsed ({reason})", at);
                }

                compiled[source.Path] = template;
                return template;
            }
        }
    }
}
