using System;
using CloudCompose.Image.Jinja.Runtime;

namespace CloudCompose.Image.Jinja.Values
{
    /// <summary>A function or class of Python's or Jinja2's that templates call: range, dict, namespace, …</summary>
    internal sealed class BuiltinFunction : IPyCallable, IPyObject
    {
        private readonly Func<Frame, CallArgs, object?> body;
        private readonly string repr;

        public BuiltinFunction(string name, Func<Frame, CallArgs, object?> body, string? repr = null)
        {
            Name = name;
            this.body = body;
            this.repr = repr ?? $"<built-in function {name}>";
        }

        public string Name { get; }

        public string TypeName => repr.StartsWith("<class", StringComparison.Ordinal) ? "type" : "builtin_function_or_method";

        public string Module => "builtins";

        public object? Call(Frame caller, CallArgs args) => body(caller, args);

        public bool TryGetAttribute(string name, out object? value)
        {
            value = name == "__name__" ? Name : null;
            return name == "__name__";
        }

        public string Repr() => repr;
    }
}
