using System.Collections.Generic;

namespace CloudCompose.Image.Jinja.Syntax
{
    /// <summary>
    /// What a {% macro %} or {% call %} block defines: parameters with trailing defaults, the body, and whether
    /// the body uses the special caller, varargs and kwargs names (which then become parameters, as in Jinja2).
    /// </summary>
    internal sealed class MacroSignature
    {
        public MacroSignature(string? name, List<string> arguments, List<Expr> defaults, List<Stmt> body, bool usesCaller, bool catchKwargs, bool catchVarargs, int line, int column)
        {
            Line = line;
            Column = column;
            Name = name;
            Arguments = arguments;
            Defaults = defaults;
            Body = body;
            UsesCaller = usesCaller;
            CatchKwargs = catchKwargs;
            CatchVarargs = catchVarargs;
            ExplicitCaller = arguments.Contains("caller");
        }

        /// <summary>Where the macro is defined: Jinja2 reports errors in default values there.</summary>
        public int Line { get; }

        public int Column { get; }

        /// <summary>The macro's name; null for a call block's caller.</summary>
        public string? Name { get; }

        public List<string> Arguments { get; }

        public List<Expr> Defaults { get; }

        public List<Stmt> Body { get; }

        public bool UsesCaller { get; }

        public bool CatchKwargs { get; }

        public bool CatchVarargs { get; }

        public bool ExplicitCaller { get; }
    }
}
