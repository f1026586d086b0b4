using System.Collections.Generic;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Syntax
{
    /// <summary>A literal: string, int, float, true/false, none.</summary>
    internal sealed class Const : Expr
    {
        public Const(object? value, int line, int column)
            : base(line, column)
        {
            Value = value;
        }

        public object? Value { get; }

        public override object? Eval(Frame frame) => Value;
    }

    /// <summary>[a, b]: a new list each time it is evaluated.</summary>
    internal sealed class ListExpr : Expr
    {
        public ListExpr(List<Expr> items, int line, int column)
            : base(line, column)
        {
            Items = items;
            CompileDepth = 1 + Deepest(items.ToArray());
        }

        public List<Expr> Items { get; }

        public override object? Eval(Frame frame)
        {
            var values = new List<object?>(Items.Count);
            foreach (var item in Items)
            {
                values.Add(item.Eval(frame));
            }

            return new PyList(values);
        }
    }

    /// <summary>(a, b) or a bare a, b: a tuple; also an assignment target (for a, b in …).</summary>
    internal sealed class TupleExpr : Expr
    {
        public TupleExpr(List<Expr> items, int line, int column)
            : base(line, column)
        {
            Items = items;
            CompileDepth = 1 + Deepest(items.ToArray());
        }

        public List<Expr> Items { get; }

        public override object? Eval(Frame frame)
        {
            var values = new object?[Items.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Items[i].Eval(frame);
            }

            return new PyTuple(values);
        }
    }

    /// <summary>{'k': v}: keys are evaluated and hashed as Python does; a later duplicate key wins.</summary>
    internal sealed class DictExpr : Expr
    {
        public DictExpr(List<KeyValuePair<Expr, Expr>> pairs, int line, int column)
            : base(line, column)
        {
            Pairs = pairs;
            var depth = 0;
            foreach (var pair in pairs)
            {
                depth = System.Math.Max(depth, Deepest(pair.Key, pair.Value));
            }

            CompileDepth = 1 + depth;
        }

        public List<KeyValuePair<Expr, Expr>> Pairs { get; }

        public override object? Eval(Frame frame)
        {
            var dict = new PyDict();
            foreach (var pair in Pairs)
            {
                var key = pair.Key.Eval(frame);
                var value = pair.Value.Eval(frame);
                try
                {
                    dict.Set(key, value);
                }
                catch (JinjaException e) when (Locate(e, frame, pair.Key, key))
                {
                    throw;
                }
            }

            return dict;
        }
    }
}
