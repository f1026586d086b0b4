using System.Collections.Generic;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Syntax
{
    /// <summary>
    /// {% include name [ignore missing] [with|without context] %}: renders another template here; with context
    /// (the default) it reads the includer's variables, its own {% set %} stays inside.
    /// </summary>
    internal sealed class IncludeStmt : Stmt
    {
        public IncludeStmt(Expr template, bool ignoreMissing, bool withContext, int line, int column)
            : base(line, column)
        {
            TemplateExpr = template;
            IgnoreMissing = ignoreMissing;
            WithContext = withContext;
        }

        public Expr TemplateExpr { get; }

        public bool IgnoreMissing { get; }

        public bool WithContext { get; }

        public override void Execute(Frame frame)
        {
            var renderer = frame.Renderer;
            Template template;
            try
            {
                var name = TemplateExpr.Eval(frame);
                try
                {
                    template = renderer.GetOrSelectTemplate(name);
                }
                catch (JinjaException e) when (IgnoreMissing && e.Kind == JinjaErrorKind.TemplateNotFound)
                {
                    return;
                }
            }
            catch (JinjaException e) when (Position(e, frame))
            {
                throw;
            }

            try
            {
                renderer.Enter(FrameCosts.Include, template.Name);
            }
            catch (JinjaException e) when (Position(e, frame))
            {
                throw;
            }

            try
            {
                var context = WithContext
                    ? new RenderContext(template, new FrameVariables(frame))
                    : new RenderContext(template, frame.Environment.Globals);
                renderer.RenderTemplate(template, context, frame.Output);
            }
            finally
            {
                renderer.Leave(FrameCosts.Include, template.Name);
            }
        }
    }

    /// <summary>What {% import %} and {% from %} share: the template's module, imported with or without context.</summary>
    internal abstract class ImportingStmt : Stmt
    {
        protected ImportingStmt(Expr template, bool withContext, int line, int column)
            : base(line, column)
        {
            TemplateExpr = template;
            WithContext = withContext;
        }

        public Expr TemplateExpr { get; }

        public bool WithContext { get; }

        protected TemplateModule Import(Frame frame)
        {
            try
            {
                return frame.Renderer.Module(frame.Renderer.GetTemplate(TemplateExpr.Eval(frame)), WithContext ? frame : null);
            }
            catch (JinjaException e) when (Position(e, frame))
            {
                throw;
            }
        }

        /// <summary>An imported name is a variable of the scope, but at top level not one the template exports.</summary>
        protected static void Bind(Frame frame, string name, object? value)
        {
            if (frame.IsRoot)
            {
                frame.Context.SetPrivateVar(name, value);
            }
            else
            {
                frame.Set(name, value);
            }
        }
    }

    /// <summary>{% import name as target [with context] %}: the template's exported macros and variables as a module.</summary>
    internal sealed class ImportStmt : ImportingStmt
    {
        public ImportStmt(Expr template, string target, bool withContext, int line, int column)
            : base(template, withContext, line, column)
        {
            Target = target;
        }

        public string Target { get; }

        public override void Execute(Frame frame) => Bind(frame, Target, Import(frame));
    }

    /// <summary>{% from name import a, b as c [with context] %}.</summary>
    internal sealed class FromImportStmt : ImportingStmt
    {
        public FromImportStmt(Expr template, List<(string Name, string Alias)> names, bool withContext, int line, int column)
            : base(template, withContext, line, column)
        {
            Names = names;
        }

        public List<(string Name, string Alias)> Names { get; }

        public override void Execute(Frame frame)
        {
            var module = Import(frame);
            foreach (var (name, alias) in Names)
            {
                var value = module.TryGetAttribute(name, out var found)
                    ? found
                    : Undefined.WithHint($"the template {PyRepr.Repr(module.TemplateName)} (imported on line {Line} in {PyRepr.Repr(frame.Template.Name)}) does not export the requested name {PyRepr.Repr(name)}", name);
                Bind(frame, alias, value);
            }
        }
    }

    /// <summary>{% extends name %}: after this template's top level, the parent renders in the same context.</summary>
    internal sealed class ExtendsStmt : Stmt
    {
        public ExtendsStmt(Expr template, int line, int column)
            : base(line, column)
        {
            TemplateExpr = template;
        }

        public Expr TemplateExpr { get; }

        public override void Execute(Frame frame)
        {
            try
            {
                var run = frame.Run!;
                if (run.Parent != null)
                {
                    // Jinja2's compiled check has no line of its own: it reports the {% extends %} before it.
                    var error = Raise.TemplateRuntime("extended multiple times");
                    error.Location = frame.Source.Location(run.ParentLine, 1);
                    error.Positioned = true;
                    throw error;
                }

                var parent = frame.Renderer.GetOrSelectTemplate(TemplateExpr.Eval(frame));
                run.Parent = parent;
                run.ParentLine = Line;
                frame.Context.AddParentBlocks(parent);
            }
            catch (JinjaException e) when (Position(e, frame))
            {
                throw;
            }
        }
    }

    /// <summary>
    /// {% block name [scoped] [required] %}: renders the most derived definition of the block here (in a child
    /// template, once it has extended, blocks render only where the parent places them).
    /// </summary>
    internal sealed class BlockStmt : Stmt
    {
        public BlockStmt(string name, bool scoped, bool required, List<Stmt> body, bool usesSuper, bool usesSelf, int line, int column)
            : base(line, column)
        {
            BlockName = name;
            Scoped = scoped;
            Required = required;
            Body = body;
            UsesSuper = usesSuper;
            UsesSelf = usesSelf;
        }

        public string BlockName { get; }

        public bool Scoped { get; }

        public bool Required { get; }

        public List<Stmt> Body { get; }

        public bool UsesSuper { get; }

        public bool UsesSelf { get; }

        public override void Execute(Frame frame)
        {
            if (frame.IsRoot && frame.Run?.Parent != null)
            {
                return;
            }

            var context = frame.Context;
            var stack = context.Blocks[BlockName];
            try
            {
                if (Required && stack.Count <= 1)
                {
                    throw Raise.TemplateRuntime($"Required block {PyRepr.Repr(BlockName)} not found");
                }

                BlockReference.Render(frame.Renderer, context, stack, 0, frame.Output, Scoped ? frame : null, frame.Autoescape);
            }
            catch (JinjaException e) when (Position(e, frame))
            {
                throw;
            }
        }
    }
}
