using System.Collections.Generic;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;

namespace CloudCompose.Image.Jinja.Syntax
{
    /// <summary>{% if %} / {% elif %} / {% else %}: the first true branch runs, in the same scope.</summary>
    internal sealed class IfStmt : Stmt
    {
        public IfStmt(List<(Expr Test, List<Stmt> Body, int Line, int Column)> branches, List<Stmt> otherwise, int line, int column)
            : base(line, column)
        {
            Branches = branches;
            Otherwise = otherwise;
        }

        public List<(Expr Test, List<Stmt> Body, int Line, int Column)> Branches { get; }

        public List<Stmt> Otherwise { get; }

        public override void Execute(Frame frame)
        {
            foreach (var branch in Branches)
            {
                if (Holds(frame, branch.Test, branch.Line, branch.Column))
                {
                    Run(frame, branch.Body);
                    return;
                }
            }

            Run(frame, Otherwise);
        }

        public static void Run(Frame frame, List<Stmt> body)
        {
            foreach (var statement in body)
            {
                statement.Execute(frame);
            }
        }

        private static bool Holds(Frame frame, Expr test, int line, int column)
        {
            object? value = null;
            try
            {
                value = test.Eval(frame);
                return PyOps.Truthy(value);
            }
            catch (JinjaException e) when (LocateTest(e, frame, test, value, line, column))
            {
                throw;
            }
        }

        private static bool LocateTest(JinjaException e, Frame frame, Expr test, object? value, int line, int column)
        {
            if (e.Location == null)
            {
                e.Location = frame.Source.Location(test.Line, test.Column);
            }

            return Position(e, frame, line, column);
        }
    }
}
