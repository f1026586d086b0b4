using System.Collections.Generic;
using CloudCompose.Image.Jinja.Syntax;

namespace CloudCompose.Image.Jinja.Runtime
{
    /// <summary>
    /// Jinja2's Context: the variables a template's top level sets (exported to importers unless they start
    /// with an underscore), what it reads through (render variables and globals, or its includer), and the
    /// block stacks of the inheritance chain (most derived first).
    /// </summary>
    internal sealed class RenderContext
    {
        private readonly Dictionary<string, object?> vars = new Dictionary<string, object?>();
        private readonly List<string> exported = new List<string>();

        public RenderContext(Template template, IVariables parent)
        {
            Template = template;
            Parent = parent;
            foreach (var block in template.Blocks)
            {
                Blocks[block.Key] = new List<BlockDefinition> { new BlockDefinition(block.Value, template) };
            }
        }

        /// <summary>The template rendered in this context (the most derived one).</summary>
        public Template Template { get; }

        public IVariables Parent { get; }

        public Dictionary<string, List<BlockDefinition>> Blocks { get; } = new Dictionary<string, List<BlockDefinition>>();

        public bool TryResolve(string name, out object? value) =>
            vars.TryGetValue(name, out value) || Parent.TryGet(name, out value);

        public void SetVar(string name, object? value)
        {
            vars[name] = value;
            if (name.Length > 0 && name[0] != '_' && !exported.Contains(name))
            {
                exported.Add(name);
            }
        }

        /// <summary>Sets a top-level variable that importers do not get ({% import %} targets).</summary>
        public void SetPrivateVar(string name, object? value)
        {
            vars[name] = value;
            exported.Remove(name);
        }

        /// <summary>The exported variables in the order they were first set (a module's attributes).</summary>
        public IEnumerable<KeyValuePair<string, object?>> Exported()
        {
            foreach (var name in exported)
            {
                yield return new KeyValuePair<string, object?>(name, vars[name]);
            }
        }

        public IEnumerable<KeyValuePair<string, object?>> All()
        {
            var all = new Dictionary<string, object?>();
            foreach (var pair in Parent.All())
            {
                all[pair.Key] = pair.Value;
            }

            foreach (var pair in vars)
            {
                all[pair.Key] = pair.Value;
            }

            return all;
        }

        /// <summary>Adds a parent template's blocks below the ones already known ({% extends %}).</summary>
        public void AddParentBlocks(Template parent)
        {
            foreach (var block in parent.Blocks)
            {
                if (!Blocks.TryGetValue(block.Key, out var stack))
                {
                    Blocks[block.Key] = stack = new List<BlockDefinition>();
                }

                stack.Add(new BlockDefinition(block.Value, parent));
            }
        }
    }

    /// <summary>A block as one template of the inheritance chain defines it.</summary>
    internal sealed class BlockDefinition
    {
        public BlockDefinition(BlockStmt block, Template template)
        {
            Block = block;
            Template = template;
        }

        public BlockStmt Block { get; }

        public Template Template { get; }
    }

    /// <summary>One run of a template's top-level code, and the template it extended (if it has by now).</summary>
    internal sealed class TemplateRun
    {
        public TemplateRun(Template template)
        {
            Template = template;
        }

        public Template Template { get; }

        public Template? Parent { get; set; }

        /// <summary>The line of the {% extends %} that set <see cref="Parent"/>.</summary>
        public int ParentLine { get; set; }
    }
}
