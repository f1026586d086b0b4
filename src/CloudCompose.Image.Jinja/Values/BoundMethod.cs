using System;
using CloudCompose.Image.Jinja.Runtime;

namespace CloudCompose.Image.Jinja.Values
{
    /// <summary>A method looked up on a value (<c>'a b'.split</c>, <c>d.items</c>), ready to call.</summary>
    internal sealed class BoundMethod : IPyCallable, IPyObject
    {
        private readonly Func<Frame, object?, CallArgs, object?> body;

        public BoundMethod(object? self, string name, Func<Frame, object?, CallArgs, object?> body)
        {
            Self = self;
            Name = name;
            this.body = body;
        }

        public object? Self { get; }

        public string Name { get; }

        public string TypeName => "builtin_function_or_method";

        public string Module => "builtins";

        public object? Call(Frame caller, CallArgs args) => body(caller, Self, args);

        public bool TryGetAttribute(string name, out object? value)
        {
            value = name == "__name__" ? Name : null;
            return name == "__name__";
        }

        public string Repr() =>
            $"<built-in method {Name} of {Python.PyTypes.TypeName(Self)} object at 0x{Python.PyTypes.FakeAddress(Self)}>";
    }
}
