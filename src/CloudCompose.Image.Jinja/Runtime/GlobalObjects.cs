using System.Collections.Generic;
using System.Text;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Runtime
{
    /// <summary>namespace(): an object whose attributes templates may set, across loop scopes.</summary>
    internal sealed class Namespace : IPyObject, IPySetAttribute
    {
        private readonly PyDict attributes = new PyDict();

        public string TypeName => "Namespace";

        public string Module => "jinja2.utils";

        public bool TryGetAttribute(string name, out object? value) => attributes.TryGetValue(name, out value);

        public void SetAttribute(string name, object? value) => attributes.Set(name, value);

        public string Repr() => "<Namespace " + PyRepr.Repr(attributes) + ">";
    }

    /// <summary>cycler(a, b, …): next() walks the items round and round; current is the one next() returns next.</summary>
    internal sealed class Cycler : IPyObject
    {
        private readonly List<object?> items;
        private int position;

        public Cycler(List<object?> items)
        {
            this.items = items;
        }

        public string TypeName => "Cycler";

        public string Module => "jinja2.utils";

        public bool TryGetAttribute(string name, out object? value)
        {
            switch (name)
            {
                case "current":
                    value = items[position];
                    return true;
                case "items":
                    value = new PyTuple(items);
                    return true;
                case "next":
                case "__next__":
                    value = new BoundMethod(this, "next", (frame, self, args) =>
                    {
                        new ArgBinder("Cycler.next", new string[0]).Bind(args);
                        var current = items[position];
                        position = (position + 1) % items.Count;
                        return current;
                    });
                    return true;
                case "reset":
                    value = new BoundMethod(this, "reset", (frame, self, args) =>
                    {
                        new ArgBinder("Cycler.reset", new string[0]).Bind(args);
                        position = 0;
                        return null;
                    });
                    return true;
                default:
                    value = null;
                    return false;
            }
        }

        public string Repr() => $"<jinja2.utils.Cycler object at 0x{PyTypes.FakeAddress(this)}>";
    }

    /// <summary>joiner(sep): returns '' the first time it is called, then sep.</summary>
    internal sealed class Joiner : IPyObject, IPyCallable
    {
        private readonly object? separator;
        private bool used;

        public Joiner(object? separator)
        {
            this.separator = separator;
        }

        public string TypeName => "Joiner";

        public string Module => "jinja2.utils";

        public object? Call(Frame caller, CallArgs args)
        {
            new ArgBinder("Joiner.__call__", new string[0]).Bind(args);
            if (!used)
            {
                used = true;
                return string.Empty;
            }

            return separator;
        }

        public bool TryGetAttribute(string name, out object? value)
        {
            value = name == "sep" ? separator : null;
            return name == "sep";
        }

        public string Repr() => $"<jinja2.utils.Joiner object at 0x{PyTypes.FakeAddress(this)}>";
    }
}
