using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Filters
{
    /// <summary>default, attr, tojson, pprint.</summary>
    internal static class ValueFilters
    {
        public static void Register(FilterRegistry r)
        {
            var binder = new ArgBinder("do_default", new[] { "value", "default_value", "boolean" }, "", false);
            r.Add("default", binder, Default);
            r.Add("d", binder, Default);
            r.Add("attr", new ArgBinder("do_attr", new[] { "obj", "name" }), (f, a) =>
            {
                var name = PyTypes.AsString(a[1]) ?? throw Raise.TypeError("attribute name must be string, not '" + PyTypes.TypeName(a[1]) + "'");
                try
                {
                    return Attributes.GetAttributeStrict(a[0], name);
                }
                catch (JinjaException e) when (e.PythonType == "AttributeError")
                {
                    return Undefined.Member(a[0], name);
                }
            });
            r.Add("tojson", new ArgBinder("do_tojson", new[] { "value", "indent" }, new object?[] { null }), (f, a) => new Markup(Json.Dumps(a[0], a[1], htmlSafe: true)));
            r.Add("pprint", new ArgBinder("do_pprint", new[] { "value" }), (f, a) => PrettyPrint.Format(a[0]));
        }

        private static object? Default(Frame frame, object?[] a) =>
            a[0] is Undefined || (PyOps.Truthy(a[2]) && !PyOps.Truthy(a[0])) ? a[1] : a[0];
    }
}
