using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Runtime
{
    /// <summary>Calls a value as Jinja2's context.call does.</summary>
    internal static class Calling
    {
        public static object? Call(Frame frame, object? callee, CallArgs args) => callee switch
        {
            IPyCallable callable => callable.Call(frame, args),
            Undefined u => throw u.Fail(),
            _ => throw Raise.TypeError($"'{PyTypes.TypeName(callee)}' object is not callable"),
        };
    }
}
