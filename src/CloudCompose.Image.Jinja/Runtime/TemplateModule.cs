using System.Collections.Generic;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Runtime
{
    /// <summary>An imported template: its exported variables (macros, top-level sets) as attributes; prints its output.</summary>
    internal sealed class TemplateModule : IPyObject, IPyStr
    {
        private readonly string name;
        private readonly Dictionary<string, object?> exports = new Dictionary<string, object?>();
        private readonly string body;

        public TemplateModule(string name, RenderContext context, string body)
        {
            this.name = name;
            this.body = body;
            foreach (var pair in context.Exported())
            {
                exports[pair.Key] = pair.Value;
            }
        }

        public string TemplateName => name;

        public string TypeName => "TemplateModule";

        public string Module => "jinja2.environment";

        public bool TryGetAttribute(string attribute, out object? value)
        {
            if (attribute == "__name__")
            {
                value = name;
                return true;
            }

            return exports.TryGetValue(attribute, out value);
        }

        public string Str() => body;

        public string Repr() => $"<Template {PyRepr.Repr(name)}>";
    }
}
