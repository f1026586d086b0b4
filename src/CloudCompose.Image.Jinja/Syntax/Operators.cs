using System.Collections.Generic;
using System.Text;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Syntax
{
    internal enum BinaryOp
    {
        Add,
        Sub,
        Mul,
        Div,
        FloorDiv,
        Mod,
        Pow,
    }

    /// <summary>a + b, a - b, a * b, a / b, a // b, a % b, a ** b with Python's semantics.</summary>
    internal sealed class Binary : Expr
    {
        public Binary(BinaryOp op, Expr left, Expr right, int line, int column)
            : base(line, column)
        {
            Op = op;
            Left = left;
            Right = right;
            CompileDepth = 2 + Deepest(left, right);
        }

        public BinaryOp Op { get; }

        public Expr Left { get; }

        public Expr Right { get; }

        public override object? Eval(Frame frame)
        {
            var a = Left.Eval(frame);
            var b = Right.Eval(frame);
            try
            {
                return Apply(Op, a, b);
            }
            catch (JinjaException e) when (Locate(e, frame, Left, a, Right, b))
            {
                throw;
            }
        }

        public static object? Apply(BinaryOp op, object? a, object? b) => op switch
        {
            BinaryOp.Add => PyArith.Add(a, b),
            BinaryOp.Sub => PyArith.Sub(a, b),
            BinaryOp.Mul => PyArith.Mul(a, b),
            BinaryOp.Div => PyArith.TrueDiv(a, b),
            BinaryOp.FloorDiv => PyArith.FloorDiv(a, b),
            BinaryOp.Mod => PyArith.Mod(a, b),
            _ => PyArith.Pow(a, b),
        };
    }

    /// <summary>-a and +a.</summary>
    internal sealed class Unary : Expr
    {
        public Unary(bool negate, Expr operand, int line, int column)
            : base(line, column)
        {
            Negate = negate;
            Operand = operand;
            CompileDepth = 2 + operand.CompileDepth;
        }

        public bool Negate { get; }

        public Expr Operand { get; }

        public override object? Eval(Frame frame)
        {
            var value = Operand.Eval(frame);
            try
            {
                return Negate ? PyArith.Neg(value) : PyArith.Pos(value);
            }
            catch (JinjaException e) when (Locate(e, frame, Operand, value))
            {
                throw;
            }
        }
    }

    /// <summary>not a.</summary>
    internal sealed class Not : Expr
    {
        public Not(Expr operand, int line, int column)
            : base(line, column)
        {
            Operand = operand;
            CompileDepth = 2 + operand.CompileDepth;
        }

        public Expr Operand { get; }

        public override object? Eval(Frame frame)
        {
            var value = Operand.Eval(frame);
            try
            {
                return !PyOps.Truthy(value);
            }
            catch (JinjaException e) when (Locate(e, frame, Operand, value))
            {
                throw;
            }
        }
    }

    /// <summary>a and b / a or b: short-circuit, the result is an operand (<c>x or 'default'</c>).</summary>
    internal sealed class Logical : Expr
    {
        public Logical(bool isAnd, Expr left, Expr right, int line, int column)
            : base(line, column)
        {
            IsAnd = isAnd;
            Left = left;
            Right = right;
            CompileDepth = 2 + Deepest(left, right);
        }

        public bool IsAnd { get; }

        public Expr Left { get; }

        public Expr Right { get; }

        public override object? Eval(Frame frame)
        {
            var left = Left.Eval(frame);
            bool truth;
            try
            {
                truth = PyOps.Truthy(left);
            }
            catch (JinjaException e) when (Locate(e, frame, Left, left))
            {
                throw;
            }

            return truth == IsAnd ? Right.Eval(frame) : left;
        }
    }

    /// <summary>a ~ b ~ c: each operand's str(), joined.</summary>
    internal sealed class Concat : Expr
    {
        public Concat(List<Expr> operands, int line, int column)
            : base(line, column)
        {
            Operands = operands;
            CompileDepth = 1 + Deepest(operands.ToArray());
        }

        public List<Expr> Operands { get; }

        public override object? Eval(Frame frame)
        {
            var builder = new StringBuilder();
            var markup = frame.Autoescape;
            foreach (var operand in Operands)
            {
                var value = operand.Eval(frame);
                try
                {
                    builder.Append(markup ? Html.Escape(value) : PyRepr.Str(value));
                }
                catch (JinjaException e) when (Locate(e, frame, operand, value))
                {
                    throw;
                }
            }

            return markup ? new Markup(builder.ToString()) : (object)builder.ToString();
        }
    }

    /// <summary>One operator and right-hand side of a comparison chain.</summary>
    internal sealed class CompareOperand
    {
        public CompareOperand(string op, Expr value, int column)
        {
            Op = op;
            Value = value;
            Column = column;
        }

        /// <summary>==, !=, &lt;, &lt;=, &gt;, &gt;=, in, notin.</summary>
        public string Op { get; }

        public Expr Value { get; }

        public int Column { get; }
    }

    /// <summary>a &lt; b &lt;= c, a in b, a not in b: chained as in Python (each operand evaluated once).</summary>
    internal sealed class Compare : Expr
    {
        public Compare(Expr first, List<CompareOperand> operands, int line, int column)
            : base(line, column)
        {
            First = first;
            Operands = operands;
            var depth = first.CompileDepth;
            foreach (var operand in operands)
            {
                depth = System.Math.Max(depth, operand.Value.CompileDepth);
            }

            CompileDepth = 2 + depth;
        }

        public Expr First { get; }

        public List<CompareOperand> Operands { get; }

        public override object? Eval(Frame frame)
        {
            var leftNode = First;
            var left = First.Eval(frame);
            foreach (var operand in Operands)
            {
                var right = operand.Value.Eval(frame);
                bool result;
                try
                {
                    result = Test(operand.Op, left, right);
                }
                catch (JinjaException e) when (LocateOperand(e, frame, leftNode, left, operand, right))
                {
                    throw;
                }

                if (!result)
                {
                    return false;
                }

                left = right;
                leftNode = operand.Value;
            }

            return true;
        }

        public static bool Test(string op, object? left, object? right) => op switch
        {
            "in" => PyOps.Contains(right, left),
            "notin" => !PyOps.Contains(right, left),
            _ => PyOps.Compare(left, right, op),
        };

        private bool LocateOperand(JinjaException e, Frame frame, Expr leftNode, object? left, CompareOperand operand, object? right)
        {
            if (e.Location == null && e.Culprit != null)
            {
                if (ReferenceEquals(e.Culprit, left))
                {
                    e.Location = frame.Source.Location(leftNode.Line, leftNode.Column);
                }
                else if (ReferenceEquals(e.Culprit, right))
                {
                    e.Location = frame.Source.Location(operand.Value.Line, operand.Value.Column);
                }
            }

            if (e.Location == null)
            {
                e.Location = frame.Source.Location(Line, operand.Column);
            }

            return false;
        }
    }

    /// <summary>a if b else c; without else, an undefined value that says so when used.</summary>
    internal sealed class CondExpr : Expr
    {
        public CondExpr(Expr test, Expr then, Expr? otherwise, string templateName, int line, int column)
            : base(line, column)
        {
            Test = test;
            Then = then;
            Otherwise = otherwise;
            TemplateName = templateName;
            CompileDepth = 1 + Deepest(test, then, otherwise);
        }

        public Expr Test { get; }

        public Expr Then { get; }

        public Expr? Otherwise { get; }

        public string TemplateName { get; }

        public override object? Eval(Frame frame)
        {
            var test = Test.Eval(frame);
            bool truth;
            try
            {
                truth = PyOps.Truthy(test);
            }
            catch (JinjaException e) when (Locate(e, frame, Test, test))
            {
                throw;
            }

            if (truth)
            {
                return Then.Eval(frame);
            }

            return Otherwise != null
                ? Otherwise.Eval(frame)
                : Undefined.Lenient($"the inline if-expression on line {Line} in {PyRepr.Repr(TemplateName)} evaluated to false and no else section was defined.");
        }
    }
}
