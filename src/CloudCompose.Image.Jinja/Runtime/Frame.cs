using System.Collections.Generic;
using System.Text;
using CloudCompose.Image.Jinja.Loading;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Runtime
{
    /// <summary>
    /// A scope while rendering: its own variables, the lexical parent it reads through, the template context at
    /// the end of the chain, and where output goes. The template's root frame writes its variables into the
    /// context (what imports export and blocks see); any other frame (loop iteration, macro call, with, block)
    /// keeps them to itself, so a <c>{% set %}</c> inside a loop does not leak.
    /// </summary>
    internal sealed class Frame
    {
        private Dictionary<string, object?>? locals;

        private Frame(Renderer renderer, RenderContext context, Template template, Frame? parent, bool isRoot, StringBuilder output, bool autoescape, bool outputCheck, TemplateRun? run)
        {
            Renderer = renderer;
            Context = context;
            Template = template;
            Parent = parent;
            IsRoot = isRoot;
            Output = output;
            Autoescape = autoescape;
            OutputCheck = outputCheck;
            Run = run;
        }

        public Renderer Renderer { get; }

        public RenderContext Context { get; }

        /// <summary>The template whose code runs in this frame (a block from a parent template runs in the child's context).</summary>
        public Template Template { get; }

        public TemplateSource Source => Template.Source;

        public Environment Environment => Renderer.Environment;

        public Frame? Parent { get; }

        public bool IsRoot { get; }

        public StringBuilder Output { get; }

        public bool Autoescape { get; }

        /// <summary>Output is dropped once the template has extended another (Jinja2's require_output_check).</summary>
        public bool OutputCheck { get; }

        /// <summary>The run of the template's root code this frame belongs to (null inside macros and blocks).</summary>
        public TemplateRun? Run { get; }

        public bool OutputSuppressed => OutputCheck && Run?.Parent != null;

        public static Frame Root(Renderer renderer, RenderContext context, Template template, StringBuilder output, TemplateRun run) =>
            new Frame(renderer, context, template, null, true, output, false, template.HasExtends, run);

        /// <summary>A block's body: reads the context (or, for a scoped block, the frame it is rendered from).</summary>
        public static Frame Block(Renderer renderer, RenderContext context, Template template, Frame? scopedParent, StringBuilder output, bool autoescape) =>
            new Frame(renderer, context, template, scopedParent, false, output, autoescape, false, null);

        /// <summary>A nested scope: loop iteration, with, filter block, set block, autoescape.</summary>
        public Frame Inner(StringBuilder? output = null, bool? autoescape = null) =>
            new Frame(Renderer, Context, Template, this, false, output ?? Output, autoescape ?? Autoescape, OutputCheck, Run);

        /// <summary>A macro's (or caller's) body: a child of the frame it was defined in, writing to its own buffer.</summary>
        public Frame MacroBody(StringBuilder output, bool autoescape) =>
            new Frame(Renderer, Context, Template, this, false, output, autoescape, false, null);

        public object? Resolve(string name)
        {
            for (var frame = this; frame != null; frame = frame.Parent)
            {
                if (frame.locals != null && frame.locals.TryGetValue(name, out var value))
                {
                    return value;
                }

                if (frame.IsRoot || frame.Parent == null)
                {
                    return frame.Context.TryResolve(name, out value) ? value : Undefined.Variable(name);
                }
            }

            return Undefined.Variable(name);
        }

        /// <summary>Whether the name is visible from here, without building an Undefined.</summary>
        public bool TryResolve(string name, out object? value)
        {
            for (var frame = this; frame != null; frame = frame.Parent)
            {
                if (frame.locals != null && frame.locals.TryGetValue(name, out value))
                {
                    return true;
                }

                if (frame.IsRoot || frame.Parent == null)
                {
                    return frame.Context.TryResolve(name, out value);
                }
            }

            value = null;
            return false;
        }

        public void Set(string name, object? value)
        {
            if (IsRoot)
            {
                Context.SetVar(name, value);
                return;
            }

            (locals ??= new Dictionary<string, object?>())[name] = value;
        }

        /// <summary>Sets a variable only this frame sees (loop, caller, varargs), even in a root frame.</summary>
        public void SetLocal(string name, object? value) => (locals ??= new Dictionary<string, object?>())[name] = value;

        /// <summary>
        /// The variables this frame's own scopes hold, outermost first, for an include or import "with context"
        /// (Jinja2 passes the includer's locals along with the context).
        /// </summary>
        public IEnumerable<KeyValuePair<string, object?>> VisibleLocals()
        {
            var chain = new List<Dictionary<string, object?>>();
            for (var frame = this; frame != null && !frame.IsRoot; frame = frame.Parent)
            {
                if (frame.locals != null)
                {
                    chain.Add(frame.locals);
                }
            }

            for (var i = chain.Count - 1; i >= 0; i--)
            {
                foreach (var pair in chain[i])
                {
                    yield return pair;
                }
            }
        }

        /// <summary>The context a frame resolves through at its end: the template's, or a scoped block's parent's.</summary>
        public RenderContext OuterContext()
        {
            var frame = this;
            while (frame.Parent != null && !frame.IsRoot)
            {
                frame = frame.Parent;
            }

            return frame.Context;
        }
    }
}
