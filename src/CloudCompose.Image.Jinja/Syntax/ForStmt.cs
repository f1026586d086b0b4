using System.Collections.Generic;
using System.Text;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Syntax
{
    /// <summary>
    /// {% for target in iterable [if test] [recursive] %}…{% else %}…{% endfor %}. Each iteration is a scope of
    /// its own; <c>loop</c> exists when the body uses it (as in Jinja2, where an include inside a loop that never
    /// mentions <c>loop</c> does not see it).
    /// </summary>
    internal sealed class ForStmt : Stmt
    {
        public ForStmt(Expr target, Expr iterable, List<Stmt> body, List<Stmt> otherwise, Expr? test, bool recursive, bool usesLoop, int line, int column)
            : base(line, column)
        {
            Target = target;
            Iterable = iterable;
            Body = body;
            Otherwise = otherwise;
            Test = test;
            Recursive = recursive;
            UsesLoop = usesLoop || recursive;
        }

        public Expr Target { get; }

        public Expr Iterable { get; }

        public List<Stmt> Body { get; }

        public List<Stmt> Otherwise { get; }

        public Expr? Test { get; }

        public bool Recursive { get; }

        public bool UsesLoop { get; }

        public override void Execute(Frame frame)
        {
            object? iterable = null;
            try
            {
                iterable = Iterable.Eval(frame);
            }
            catch (JinjaException e) when (Position(e, frame))
            {
                throw;
            }

            if (!Recursive)
            {
                Run(frame, iterable, 0, frame.Output);
                return;
            }

            var output = new StringBuilder();
            Run(frame, iterable, 0, output);
            frame.Output.Append(output);
        }

        private void Run(Frame frame, object? iterable, int depth, StringBuilder output)
        {
            IEnumerable<object?> items;
            try
            {
                items = Filtered(frame, PyIter.Iterate(iterable));
            }
            catch (JinjaException e) when (LocateIterable(e, frame, iterable))
            {
                throw;
            }

            var iterated = false;
            if (UsesLoop)
            {
                List<object?> list;
                try
                {
                    list = new List<object?>(items);
                }
                catch (JinjaException e) when (LocateIterable(e, frame, iterable))
                {
                    throw;
                }

                var loop = new LoopContext(list, depth, Recursive ? (caller, inner) => Recurse(frame, inner, depth + 1, caller) : null);
                for (var i = 0; i < list.Count; i++)
                {
                    loop.Index0 = i;
                    var body = frame.Inner(output);
                    Assign(body, list[i]);
                    body.SetLocal("loop", loop);
                    IfStmt.Run(body, Body);
                    iterated = true;
                }
            }
            else
            {
                using var e = items.GetEnumerator();
                while (true)
                {
                    bool more;
                    try
                    {
                        more = e.MoveNext();
                    }
                    catch (JinjaException error) when (LocateIterable(error, frame, iterable))
                    {
                        throw;
                    }

                    if (!more)
                    {
                        break;
                    }

                    var body = frame.Inner(output);
                    Assign(body, e.Current);
                    IfStmt.Run(body, Body);
                    iterated = true;
                }
            }

            if (!iterated)
            {
                IfStmt.Run(frame.Inner(output), Otherwise);
            }
        }

        private object? Recurse(Frame frame, object? iterable, int depth, Frame caller)
        {
            var renderer = frame.Renderer;
            renderer.Enter(FrameCosts.RecursiveLoop);
            try
            {
                var output = new StringBuilder();
                Run(frame, iterable, depth, output);
                return caller.Autoescape ? new Markup(output.ToString()) : (object)output.ToString();
            }
            finally
            {
                renderer.Leave(FrameCosts.RecursiveLoop);
            }
        }

        private IEnumerable<object?> Filtered(Frame frame, IEnumerable<object?> items)
        {
            if (Test == null)
            {
                return items;
            }

            return FilterItems(frame, items);
        }

        private IEnumerable<object?> FilterItems(Frame frame, IEnumerable<object?> items)
        {
            foreach (var item in items)
            {
                var scope = frame.Inner();
                Assign(scope, item);
                object? value = null;
                bool keep;
                try
                {
                    value = Test!.Eval(scope);
                    keep = PyOps.Truthy(value);
                }
                catch (JinjaException e) when (LocateTest(e, frame))
                {
                    throw;
                }

                if (keep)
                {
                    yield return item;
                }
            }
        }

        private void Assign(Frame scope, object? item)
        {
            try
            {
                Assignment.Assign(scope, Target, item);
            }
            catch (JinjaException e) when (Position(e, scope))
            {
                throw;
            }
        }

        private bool LocateIterable(JinjaException e, Frame frame, object? iterable)
        {
            if (e.Positioned)
            {
                return false;
            }

            if (e.Location == null && e.Culprit != null && ReferenceEquals(e.Culprit, iterable))
            {
                e.Location = frame.Source.Location(Iterable.Line, Iterable.Column);
            }

            return Position(e, frame);
        }

        private bool LocateTest(JinjaException e, Frame frame)
        {
            if (e.Location == null)
            {
                e.Location = frame.Source.Location(Test!.Line, Test.Column);
            }

            return Position(e, frame, Test!.Line, Test.Column);
        }
    }
}
