using System;
using System.Collections.Generic;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Python.Methods
{
    /// <summary>The methods of one Python type, bound to a value when a template looks one up.</summary>
    internal sealed class MethodTable
    {
        private readonly Dictionary<string, Func<Frame, object?, CallArgs, object?>> methods = new Dictionary<string, Func<Frame, object?, CallArgs, object?>>(StringComparer.Ordinal);

        public string TypeName { get; }

        public MethodTable(string typeName)
        {
            TypeName = typeName;
        }

        public MethodTable Add(string name, Func<Frame, object?, CallArgs, object?> body)
        {
            methods[name] = body;
            return this;
        }

        /// <summary>A method taking Python-style arguments bound by <paramref name="binder"/>.</summary>
        public MethodTable Add(string name, ArgBinder binder, Func<object?, object?[], object?> body)
        {
            methods[name] = (frame, self, args) => body(self, binder.Bind(args));
            return this;
        }

        /// <summary>A method taking no arguments.</summary>
        public MethodTable Add(string name, Func<object?, object?> body)
        {
            var binder = new ArgBinder($"{TypeName}.{name}", new string[0]);
            methods[name] = (frame, self, args) =>
            {
                binder.Bind(args);
                return body(self);
            };
            return this;
        }

        public bool TryBind(object? self, string name, out object? method)
        {
            if (methods.TryGetValue(name, out var body))
            {
                method = new BoundMethod(self, name, body);
                return true;
            }

            method = null;
            return false;
        }

        public bool Has(string name) => methods.ContainsKey(name);
    }
}
