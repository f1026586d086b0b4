using CloudCompose.Image.Text;
using System.Collections.Generic;

namespace CloudCompose.Image.Templates
{
    internal enum RefKind
    {
        Variable,
        Attribute,
        Item,
        Literal,
        Filter,
        Test,
        Operator,
        Iterate,
        Include,
    }

    /// <summary>
    /// What one call in the translated Liquid stands for: a variable, literal, filter or include, with
    /// where the user wrote it. The Liquid carries only the number, so no Jinja text needs re-escaping
    /// and every runtime error can point back into the user's file.
    /// </summary>
    internal sealed class TemplateRef
    {
        public TemplateRef(RefKind kind, string name, string display, object? literal, SourceLocation location)
        {
            Kind = kind;
            Name = name;
            Display = display;
            Literal = literal;
            Location = location;
        }

        public RefKind Kind { get; }

        /// <summary>Variable name, attribute key, filter, test or operator name, or included template name.</summary>
        public string Name { get; }

        /// <summary>How an error names the value, e.g. <c>aws.nope</c>.</summary>
        public string Display { get; }

        public object? Literal { get; }

        public SourceLocation Location { get; }
    }

    /// <summary>The refs of one render; ids are shared by the main template and all its includes.</summary>
    internal sealed class TemplateRefs
    {
        private readonly List<TemplateRef> refs = new List<TemplateRef>();

        public int Add(RefKind kind, string name, string display, object? literal, SourceLocation location)
        {
            refs.Add(new TemplateRef(kind, name, display, literal, location));
            return refs.Count - 1;
        }

        public TemplateRef this[int id] => refs[id];
    }
}
