using System.Collections.Generic;
using System.Text;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Runtime
{
    /// <summary>One level of a block's inheritance chain: <c>super()</c>, <c>self.name()</c>, <c>super.super()</c>.</summary>
    internal sealed class BlockReference : IPyObject, IPyCallable
    {
        private readonly string name;
        private readonly RenderContext context;
        private readonly List<BlockDefinition> stack;
        private readonly int depth;

        public BlockReference(string name, RenderContext context, List<BlockDefinition> stack, int depth)
        {
            this.name = name;
            this.context = context;
            this.stack = stack;
            this.depth = depth;
        }

        public string TypeName => "BlockReference";

        public string Module => "jinja2.runtime";

        public bool TryGetAttribute(string attribute, out object? value)
        {
            if (attribute != "super")
            {
                value = null;
                return false;
            }

            value = Super(name, context, stack, depth);
            return true;
        }

        /// <summary>The block one level up the chain, or an Undefined saying there is none.</summary>
        public static object Super(string name, RenderContext context, List<BlockDefinition> stack, int depth) =>
            depth + 1 >= stack.Count
                ? Undefined.WithHint($"there is no parent block called {PyRepr.Repr(name)}.", "super")
                : new BlockReference(name, context, stack, depth + 1);

        public object? Call(Frame caller, CallArgs args)
        {
            var output = new StringBuilder();
            Render(caller.Renderer, context, stack, depth, output, null, caller.Autoescape);
            var text = output.ToString();
            return caller.Autoescape ? new Markup(text) : (object)text;
        }

        public string Repr() => $"<BlockReference object at 0x{PyTypes.FakeAddress(this)}>";

        /// <summary>Renders stack[depth] into <paramref name="output"/>, with super() and self available.</summary>
        public static void Render(Renderer renderer, RenderContext context, List<BlockDefinition> stack, int depth, StringBuilder output, Frame? scopedParent, bool autoescape)
        {
            var definition = stack[depth];
            renderer.Enter(FrameCosts.Block);
            try
            {
                var frame = Frame.Block(renderer, context, definition.Template, scopedParent, output, autoescape);
                if (definition.Block.UsesSuper)
                {
                    frame.SetLocal("super", Super(definition.Block.BlockName, context, stack, depth));
                }

                if (definition.Block.UsesSelf)
                {
                    frame.SetLocal("self", new TemplateReference(context));
                }

                foreach (var statement in definition.Block.Body)
                {
                    statement.Execute(frame);
                }
            }
            finally
            {
                renderer.Leave(FrameCosts.Block);
            }
        }
    }

    /// <summary>The <c>self</c> variable: <c>self.blockname()</c> renders a block of the current template chain.</summary>
    internal sealed class TemplateReference : IPyObject, IPyItems
    {
        private readonly RenderContext context;

        public TemplateReference(RenderContext context)
        {
            this.context = context;
        }

        public string TypeName => "TemplateReference";

        public string Module => "jinja2.runtime";

        public bool TryGetAttribute(string name, out object? value)
        {
            value = null;
            return false;
        }

        public object? GetItem(object? key)
        {
            var name = PyTypes.AsString(key);
            if (name == null || !context.Blocks.TryGetValue(name, out var stack))
            {
                return Missing.Value;
            }

            return new BlockReference(name, context, stack, 0);
        }

        public string Repr() => $"<TemplateReference {PyRepr.Repr(context.Template.Name)}>";
    }
}
