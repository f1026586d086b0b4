using System.Collections.Generic;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Syntax
{
    /// <summary>Template text and {{ expressions }} in a row: each value printed with str() (escaped under autoescape).</summary>
    internal sealed class OutputStmt : Stmt
    {
        public OutputStmt(List<object> items, int line, int column)
            : base(line, column)
        {
            Items = items;
        }

        /// <summary>Strings (template text) and expressions.</summary>
        public List<object> Items { get; }

        public override void Execute(Frame frame)
        {
            if (frame.OutputSuppressed)
            {
                return;
            }

            var output = frame.Output;
            foreach (var item in Items)
            {
                if (item is string text)
                {
                    output.Append(text);
                    continue;
                }

                var expr = (Expr)item;
                object? value = null;
                try
                {
                    value = expr.Eval(frame);
                    output.Append(frame.Autoescape ? Html.Escape(value) : PyRepr.Str(value));
                }
                catch (JinjaException e) when (LocateItem(e, frame, expr, value))
                {
                    throw;
                }
            }
        }

        private static bool LocateItem(JinjaException e, Frame frame, Expr expr, object? value)
        {
            if (e.Location == null)
            {
                e.Location = frame.Source.Location(expr.Line, expr.Column);
            }

            return Position(e, frame, expr.Line, expr.Column);
        }
    }
}
