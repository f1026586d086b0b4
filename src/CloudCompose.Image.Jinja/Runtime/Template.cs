using System.Collections.Generic;
using CloudCompose.Image.Jinja.Loading;
using CloudCompose.Image.Jinja.Syntax;

namespace CloudCompose.Image.Jinja.Runtime
{
    /// <summary>A parsed template: immutable, so one copy serves every render (and every thread).</summary>
    internal sealed class Template
    {
        public Template(TemplateSource source, List<Stmt> body, Dictionary<string, BlockStmt> blocks, bool hasExtends, bool usesSelf)
        {
            Source = source;
            Body = body;
            Blocks = blocks;
            HasExtends = hasExtends;
            UsesSelf = usesSelf;
        }

        /// <summary>Whether the top level (macros included) reads <c>self</c>, the reference to the template's blocks.</summary>
        public bool UsesSelf { get; }

        public TemplateSource Source { get; }

        public string Name => Source.Name;

        public List<Stmt> Body { get; }

        /// <summary>Every {% block %} of the template, nested ones included, by name.</summary>
        public Dictionary<string, BlockStmt> Blocks { get; }

        /// <summary>Whether an {% extends %} appears anywhere (output then waits for it, as in Jinja2).</summary>
        public bool HasExtends { get; }
    }
}
