using CloudCompose.Image.Jinja.Runtime;

namespace CloudCompose.Image.Jinja.Values
{
    /// <summary>Anything a template can call: macros, caller, builtins, bound methods, loop.cycle, super().</summary>
    internal interface IPyCallable
    {
        object? Call(Frame caller, CallArgs args);
    }
}
