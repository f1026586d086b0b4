using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;

namespace CloudCompose.Image.Jinja.Syntax
{
    /// <summary>{% macro name(args) %}…{% endmacro %}: defines a macro in the current scope (exported at top level).</summary>
    internal sealed class MacroStmt : Stmt
    {
        public MacroStmt(MacroSignature signature, int line, int column)
            : base(line, column)
        {
            Signature = signature;
        }

        public MacroSignature Signature { get; }

        public override void Execute(Frame frame) => frame.Set(Signature.Name!, new Macro(Signature, frame, frame.Autoescape));
    }

    /// <summary>{% call(args) macro(...) %}…{% endcall %}: calls the macro with the body as <c>caller</c>.</summary>
    internal sealed class CallBlockStmt : Stmt
    {
        public CallBlockStmt(Call call, MacroSignature caller, int line, int column)
            : base(line, column)
        {
            CallExpr = call;
            Caller = caller;
        }

        public Call CallExpr { get; }

        public MacroSignature Caller { get; }

        public override void Execute(Frame frame)
        {
            object? result;
            try
            {
                result = CallExpr.Invoke(frame, new Macro(Caller, frame, frame.Autoescape));
            }
            catch (JinjaException e) when (Position(e, frame))
            {
                throw;
            }

            // Unlike text and {{ }}, Jinja2 writes this even after an {% extends %}.
            frame.Output.Append(frame.Autoescape ? Html.Escape(result) : PyRepr.Str(result));
        }
    }
}
