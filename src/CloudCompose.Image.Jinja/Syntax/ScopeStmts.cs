using System.Collections.Generic;
using System.Text;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Syntax
{
    /// <summary>{% with a = 1, b = 2 %}: the values are evaluated outside, the names exist inside only.</summary>
    internal sealed class WithStmt : Stmt
    {
        public WithStmt(List<Expr> targets, List<Expr> values, List<Stmt> body, int line, int column)
            : base(line, column)
        {
            Targets = targets;
            Values = values;
            Body = body;
        }

        public List<Expr> Targets { get; }

        public List<Expr> Values { get; }

        public List<Stmt> Body { get; }

        public override void Execute(Frame frame)
        {
            var inner = frame.Inner();
            try
            {
                for (var i = 0; i < Targets.Count; i++)
                {
                    Assignment.Assign(inner, Targets[i], Values[i].Eval(frame));
                }
            }
            catch (JinjaException e) when (Position(e, frame))
            {
                throw;
            }

            IfStmt.Run(inner, Body);
        }
    }

    /// <summary>{% filter name(args) | other %}…{% endfilter %}: the rendered body goes through the filters.</summary>
    internal sealed class FilterBlockStmt : Stmt
    {
        public FilterBlockStmt(FilterExpr filter, List<Stmt> body, int line, int column)
            : base(line, column)
        {
            Filter = filter;
            Body = body;
        }

        public FilterExpr Filter { get; }

        public List<Stmt> Body { get; }

        public override void Execute(Frame frame)
        {
            var value = Capture(frame, Body, out var inner);
            object? result;
            try
            {
                result = ApplyChain(inner, Filter, value);
            }
            catch (JinjaException e) when (Position(e, frame))
            {
                throw;
            }

            // Unlike text and {{ }}, Jinja2 writes this even after an {% extends %}.
            frame.Output.Append(frame.Autoescape ? Html.Escape(result) : PyRepr.Str(result));
        }

        /// <summary>Renders a body in a scope of its own into a string (Markup under autoescape).</summary>
        public static object Capture(Frame frame, List<Stmt> body, out Frame inner)
        {
            var output = new StringBuilder();
            inner = frame.Inner(output);
            IfStmt.Run(inner, body);
            return frame.Autoescape ? new Markup(output.ToString()) : (object)output.ToString();
        }

        /// <summary>Applies a chain of filters whose innermost target is the block's text.</summary>
        public static object? ApplyChain(Frame frame, FilterExpr filter, object? value)
        {
            var inner = filter.Target is FilterExpr target ? ApplyChain(frame, target, value) : value;
            return filter.Apply(frame, inner);
        }
    }

    /// <summary>{% autoescape expr %}…{% endautoescape %}: turns HTML escaping of output on or off inside.</summary>
    internal sealed class AutoescapeStmt : Stmt
    {
        public AutoescapeStmt(Expr enabled, List<Stmt> body, int line, int column)
            : base(line, column)
        {
            Enabled = enabled;
            Body = body;
        }

        public Expr Enabled { get; }

        public List<Stmt> Body { get; }

        public override void Execute(Frame frame)
        {
            bool on;
            try
            {
                on = PyOps.Truthy(Enabled.Eval(frame));
            }
            catch (JinjaException e) when (Position(e, frame))
            {
                throw;
            }

            IfStmt.Run(frame.Inner(autoescape: on), Body);
        }
    }
}
