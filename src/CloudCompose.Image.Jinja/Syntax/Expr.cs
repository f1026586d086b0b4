using CloudCompose.Image.Jinja.Runtime;

namespace CloudCompose.Image.Jinja.Syntax
{
    /// <summary>An expression: evaluates to a runtime value (which may be an Undefined).</summary>
    internal abstract class Expr : Node
    {
        protected Expr(int line, int column)
            : base(line, column)
        {
        }

        /// <summary>
        /// How many Python frames Jinja2 needs to compile this expression; deeper than the interpreter allows
        /// is a RecursionError, as in Jinja2.
        /// </summary>
        public int CompileDepth { get; protected set; } = 1;

        public abstract object? Eval(Frame frame);

        protected static int Deepest(params Expr?[] children)
        {
            var depth = 0;
            foreach (var child in children)
            {
                if (child != null && child.CompileDepth > depth)
                {
                    depth = child.CompileDepth;
                }
            }

            return depth;
        }
    }
}
