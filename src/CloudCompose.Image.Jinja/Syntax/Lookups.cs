using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Syntax
{
    /// <summary>A variable: the innermost frame holding it, then the template's context and the globals.</summary>
    internal sealed class Name : Expr
    {
        public Name(string identifier, int line, int column)
            : base(line, column)
        {
            Identifier = identifier;
        }

        public string Identifier { get; }

        public override object? Eval(Frame frame) => frame.Resolve(Identifier);
    }

    /// <summary>ns.attr as an assignment target: <c>{% set ns.count = ns.count + 1 %}</c>.</summary>
    internal sealed class NsRef : Expr
    {
        public NsRef(string identifier, string attribute, int line, int column)
            : base(line, column)
        {
            Identifier = identifier;
            Attribute = attribute;
        }

        public string Identifier { get; }

        public string Attribute { get; }

        public override object? Eval(Frame frame) => Attributes.GetAttr(frame.Resolve(Identifier), Attribute);
    }

    /// <summary>obj.name: Python's getattr first (so <c>d.items</c> is the method), then obj['name'].</summary>
    internal sealed class Getattr : Expr
    {
        public Getattr(Expr target, string attribute, int line, int column)
            : base(line, column)
        {
            Target = target;
            Attribute = attribute;
            CompileDepth = 2 + target.CompileDepth;
        }

        public Expr Target { get; }

        public string Attribute { get; }

        public override object? Eval(Frame frame)
        {
            var target = Target.Eval(frame);
            try
            {
                return Attributes.GetAttr(target, Attribute);
            }
            catch (JinjaException e) when (Locate(e, frame, Target, target))
            {
                throw;
            }
        }
    }

    /// <summary>obj[key] (and obj.0): the item first (so <c>d['items']</c> is the key), then the attribute.</summary>
    internal sealed class Getitem : Expr
    {
        public Getitem(Expr target, Expr key, int line, int column)
            : base(line, column)
        {
            Target = target;
            Key = key;
            CompileDepth = 2 + Deepest(target, key);
        }

        public Expr Target { get; }

        public Expr Key { get; }

        public override object? Eval(Frame frame)
        {
            var target = Target.Eval(frame);
            var key = Key.Eval(frame);
            try
            {
                return Attributes.GetItem(target, key);
            }
            catch (JinjaException e) when (Locate(e, frame, Target, target))
            {
                throw;
            }
        }
    }

    /// <summary>start:stop:step inside [ ]: evaluates to a slice object.</summary>
    internal sealed class SliceExpr : Expr
    {
        public SliceExpr(Expr? start, Expr? stop, Expr? step, int line, int column)
            : base(line, column)
        {
            Start = start;
            Stop = stop;
            Step = step;
            CompileDepth = 1 + Deepest(start, stop, step);
        }

        public Expr? Start { get; }

        public Expr? Stop { get; }

        public Expr? Step { get; }

        public override object? Eval(Frame frame) =>
            new PySliceObject(Start?.Eval(frame), Stop?.Eval(frame), Step?.Eval(frame));
    }
}
