using System.Collections.Generic;
using System.Text;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Syntax
{
    /// <summary>Assigns to a target: a name, a namespace attribute, or a tuple of targets (Python's unpacking).</summary>
    internal static class Assignment
    {
        public static void Assign(Frame frame, Expr target, object? value)
        {
            switch (target)
            {
                case Name name:
                    frame.Set(name.Identifier, value);
                    return;
                case NsRef reference:
                    var ns = frame.Resolve(reference.Identifier);
                    if (!(ns is IPySetAttribute settable))
                    {
                        throw Raise.TemplateRuntime("cannot assign attribute on non-namespace object");
                    }

                    settable.SetAttribute(reference.Attribute, value);
                    return;
                case TupleExpr tuple:
                    var items = PyIter.ToList(value);
                    if (items.Count < tuple.Items.Count)
                    {
                        throw Raise.ValueError($"not enough values to unpack (expected {tuple.Items.Count}, got {items.Count})");
                    }

                    if (items.Count > tuple.Items.Count)
                    {
                        throw Raise.ValueError($"too many values to unpack (expected {tuple.Items.Count})");
                    }

                    for (var i = 0; i < items.Count; i++)
                    {
                        Assign(frame, tuple.Items[i], items[i]);
                    }

                    return;
                default:
                    throw Raise.Assertion("can't assign to this expression");
            }
        }
    }

    /// <summary>{% set target = expr %}.</summary>
    internal sealed class SetStmt : Stmt
    {
        public SetStmt(Expr target, Expr value, int checkLine, int line, int column)
            : base(line, column)
        {
            Target = target;
            Value = value;
            CheckLine = checkLine;
        }

        /// <summary>
        /// Where Jinja2 reports that <c>ns.attr</c> names no namespace: its check comes before the statement's own
        /// line mark, so it carries the line of the statement before.
        /// </summary>
        public int CheckLine { get; }

        public Expr Target { get; }

        public Expr Value { get; }

        public override void Execute(Frame frame)
        {
            if (Target is NsRef reference && !(frame.Resolve(reference.Identifier) is IPySetAttribute))
            {
                var error = Raise.TemplateRuntime("cannot assign attribute on non-namespace object");
                error.Location = frame.Source.Location(CheckLine, 1);
                error.Positioned = true;
                throw error;
            }

            try
            {
                Assignment.Assign(frame, Target, Value.Eval(frame));
            }
            catch (JinjaException e) when (Position(e, frame))
            {
                throw;
            }
        }
    }

    /// <summary>{% set target [| filters] %}…{% endset %}: the rendered body (filtered) is the value.</summary>
    internal sealed class SetBlockStmt : Stmt
    {
        public SetBlockStmt(Expr target, FilterExpr? filter, List<Stmt> body, int line, int column)
            : base(line, column)
        {
            Target = target;
            Filter = filter;
            Body = body;
        }

        public Expr Target { get; }

        public FilterExpr? Filter { get; }

        public List<Stmt> Body { get; }

        public override void Execute(Frame frame)
        {
            var value = FilterBlockStmt.Capture(frame, Body, out var inner);
            try
            {
                if (Filter != null)
                {
                    value = FilterBlockStmt.ApplyChain(inner, Filter, value);
                }

                Assignment.Assign(frame, Target, value);
            }
            catch (JinjaException e) when (Position(e, frame))
            {
                throw;
            }
        }
    }
}
