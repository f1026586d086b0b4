using System.Collections.Generic;
using System.Linq;
using CloudCompose.Image.Jinja.Lexing;
using CloudCompose.Image.Jinja.Loading;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Syntax;

namespace CloudCompose.Image.Jinja.Parsing
{
    /// <summary>
    /// The checks Jinja2's compiler makes before a template renders: unknown filters and tests (allowed only
    /// where an {% if %} or inline if may skip them), blocks defined twice, {% extends %} inside a loop,
    /// assigning to <c>loop</c>, a <c>caller</c> parameter without a default, and nesting too deep to compile.
    /// It also works out which special names (loop, caller, varargs, kwargs, super, self) bodies use.
    /// </summary>
    internal static class Compiler
    {
        public static Template Compile(TemplateSource source, List<Stmt> body)
        {
            var blocks = new Dictionary<string, BlockStmt>();
            var checker = new Checker(source, blocks);
            var hasExtends = false;
            foreach (var node in Walk(body))
            {
                hasExtends |= node is ExtendsStmt;
            }

            checker.Statements(body, soft: false, toplevel: true, depth: FrameCosts.CompileBase);
            return new Template(source, body, blocks, hasExtends, Uses(body, "self"));
        }

        public static bool ForUsesLoop(List<Stmt> body) =>
            Uses(body, "loop") || Walk(body).Any(n => n is BlockStmt b && b.Scoped);

        /// <summary>Jinja2's find_undeclared: whether a body reads the name (not counting nested blocks' bodies).</summary>
        public static bool Uses(IEnumerable<Node> body, string name) => Walk(body).Any(n => n is Name v && v.Identifier == name);

        public static MacroSignature Signature(string? name, List<string> arguments, List<Expr> defaults, List<Stmt> body, Token keyword, TemplateSource source)
        {
            var usesCaller = Uses(body, "caller");
            if (usesCaller)
            {
                var index = arguments.IndexOf("caller");
                if (index >= 0 && index < arguments.Count - defaults.Count)
                {
                    var error = Raise.Assertion("When defining macros or call blocks the special \"caller\" argument must be omitted or be given a default.");
                    error.Location = source.Location(keyword.Line, keyword.Column);
                    error.Positioned = true;
                    throw error;
                }
            }

            return new MacroSignature(
                name,
                arguments,
                defaults,
                body,
                usesCaller,
                !arguments.Contains("kwargs") && Uses(body, "kwargs"),
                !arguments.Contains("varargs") && Uses(body, "varargs"),
                keyword.Line,
                keyword.Column);
        }

        /// <summary>" Did you mean 'upper'?" after the name of an unknown filter or test, when one is close.</summary>
        public static string Hint(string name, IEnumerable<string> known)
        {
            var closest = Text.Suggestions.Closest(name, known);
            return closest == null ? string.Empty : $" Did you mean {PyRepr.Repr(closest)}?";
        }

        /// <summary>Every node under the given ones, not entering block bodies (as Jinja2's name visitor does not).</summary>
        public static IEnumerable<Node> Walk(IEnumerable<Node> nodes)
        {
            var stack = new Stack<Node>(nodes.Reverse());
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                yield return node;
                if (node is BlockStmt)
                {
                    continue;
                }

                var children = Children(node).ToList();
                for (var i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push(children[i]);
                }
            }
        }

        public static IEnumerable<Node> Children(Node node)
        {
            switch (node)
            {
                case OutputStmt output:
                    return output.Items.OfType<Expr>();
                case IfStmt ifStmt:
                    return ifStmt.Branches.SelectMany(b => new Node[] { b.Test }.Concat(b.Body)).Concat(ifStmt.Otherwise);
                case ForStmt forStmt:
                    return new Node?[] { forStmt.Iterable, forStmt.Test }.Where(n => n != null).Cast<Node>().Concat(forStmt.Body).Concat(forStmt.Otherwise);
                case SetStmt set:
                    return new Node[] { set.Value };
                case SetBlockStmt setBlock:
                    return setBlock.Body.Cast<Node>().Concat(setBlock.Filter != null ? new Node[] { setBlock.Filter } : new Node[0]);
                case WithStmt with:
                    return with.Values.Cast<Node>().Concat(with.Body);
                case FilterBlockStmt filterBlock:
                    return new Node[] { filterBlock.Filter }.Concat(filterBlock.Body);
                case AutoescapeStmt autoescape:
                    return new Node[] { autoescape.Enabled }.Concat(autoescape.Body);
                case MacroStmt macro:
                    return macro.Signature.Defaults.Cast<Node>().Concat(macro.Signature.Body);
                case CallBlockStmt callBlock:
                    return new Node[] { callBlock.CallExpr }.Concat(callBlock.Caller.Defaults).Concat(callBlock.Caller.Body);
                case IncludeStmt include:
                    return new Node[] { include.TemplateExpr };
                case ImportStmt import:
                    return new Node[] { import.TemplateExpr };
                case FromImportStmt from:
                    return new Node[] { from.TemplateExpr };
                case ExtendsStmt extends:
                    return new Node[] { extends.TemplateExpr };
                case BlockStmt block:
                    return block.Body;
                case ListExpr list:
                    return list.Items;
                case TupleExpr tuple:
                    return tuple.Items;
                case DictExpr dict:
                    return dict.Pairs.SelectMany(p => new Node[] { p.Key, p.Value });
                case Getattr getattr:
                    return new Node[] { getattr.Target };
                case Getitem getitem:
                    return new Node[] { getitem.Target, getitem.Key };
                case SliceExpr slice:
                    return new Node?[] { slice.Start, slice.Stop, slice.Step }.Where(n => n != null).Cast<Node>();
                case Binary binary:
                    return new Node[] { binary.Left, binary.Right };
                case Unary unary:
                    return new Node[] { unary.Operand };
                case Not not:
                    return new Node[] { not.Operand };
                case Logical logical:
                    return new Node[] { logical.Left, logical.Right };
                case Concat concat:
                    return concat.Operands;
                case Compare compare:
                    return new Node[] { compare.First }.Concat(compare.Operands.Select(o => o.Value));
                case CondExpr cond:
                    return new Node?[] { cond.Then, cond.Test, cond.Otherwise }.Where(n => n != null).Cast<Node>();
                case Call call:
                    return new Node[] { call.Callee }.Concat(ArgNodes(call.Args));
                case FilterExpr filter:
                    return (filter.Target != null ? new Node[] { filter.Target } : new Node[0]).Concat(ArgNodes(filter.Args));
                case TestExpr test:
                    return new Node[] { test.Target! }.Concat(ArgNodes(test.Args));
                default:
                    return new Node[0];
            }
        }

        private static IEnumerable<Node> ArgNodes(ArgList args) =>
            args.Positional.Cast<Node>()
                .Concat(args.Keywords.Select(k => k.Value))
                .Concat(new[] { args.DynArgs, args.DynKwargs }.Where(n => n != null).Cast<Node>());

        /// <summary>Walks the tree as Jinja2's code generator does, tracking soft (if) frames and top level.</summary>
        private sealed class Checker
        {
            private readonly TemplateSource source;
            private readonly Dictionary<string, BlockStmt> blocks;

            public Checker(TemplateSource source, Dictionary<string, BlockStmt> blocks)
            {
                this.source = source;
                this.blocks = blocks;
            }

            public void Statements(IEnumerable<Stmt> body, bool soft, bool toplevel, int depth)
            {
                foreach (var statement in body)
                {
                    Statement(statement, soft, toplevel, depth + FrameCosts.CompileStatement);
                }
            }

            private void Statement(Stmt node, bool soft, bool toplevel, int depth)
            {
                switch (node)
                {
                    case OutputStmt output:
                        foreach (var item in output.Items.OfType<Expr>())
                        {
                            Expression(item, soft, depth);
                        }

                        break;
                    case IfStmt ifStmt:
                        foreach (var branch in ifStmt.Branches)
                        {
                            Expression(branch.Test, true, depth);
                            Statements(branch.Body, true, toplevel, depth);
                        }

                        Statements(ifStmt.Otherwise, true, toplevel, depth);
                        break;
                    case ForStmt forStmt:
                        foreach (var name in Walk(new Node[] { forStmt.Target }).OfType<Name>())
                        {
                            if (name.Identifier == "loop")
                            {
                                throw Fail(Raise.Assertion("Can't assign to special loop variable in for-loop target"), name.Line, name.Column);
                            }
                        }

                        Expression(forStmt.Iterable, soft, depth);
                        if (forStmt.Test != null)
                        {
                            Expression(forStmt.Test, false, depth);
                        }

                        Statements(forStmt.Body, false, false, depth);
                        Statements(forStmt.Otherwise, false, false, depth);
                        break;
                    case SetStmt set:
                        Expression(set.Value, soft, depth);
                        break;
                    case SetBlockStmt setBlock:
                        Statements(setBlock.Body, false, false, depth);
                        if (setBlock.Filter != null)
                        {
                            Expression(setBlock.Filter, false, depth);
                        }

                        break;
                    case WithStmt with:
                        foreach (var value in with.Values)
                        {
                            Expression(value, soft, depth);
                        }

                        Statements(with.Body, false, false, depth);
                        break;
                    case FilterBlockStmt filterBlock:
                        Statements(filterBlock.Body, false, false, depth);
                        Expression(filterBlock.Filter, false, depth);
                        break;
                    case AutoescapeStmt autoescape:
                        Expression(autoescape.Enabled, false, depth);
                        Statements(autoescape.Body, false, false, depth);
                        break;
                    case MacroStmt macro:
                        Signature(macro.Signature, depth);
                        break;
                    case CallBlockStmt callBlock:
                        Signature(callBlock.Caller, depth);
                        Expression(callBlock.CallExpr, soft, depth);
                        break;
                    case IncludeStmt include:
                        Expression(include.TemplateExpr, soft, depth);
                        break;
                    case ImportStmt import:
                        Expression(import.TemplateExpr, soft, depth);
                        break;
                    case FromImportStmt from:
                        Expression(from.TemplateExpr, soft, depth);
                        break;
                    case ExtendsStmt extends:
                        if (!toplevel)
                        {
                            throw Fail(Raise.Assertion("cannot use extend from a non top-level scope"), extends.Line, extends.Column);
                        }

                        Expression(extends.TemplateExpr, soft, depth);
                        break;
                    case BlockStmt block:
                        if (blocks.ContainsKey(block.BlockName))
                        {
                            throw Fail(Raise.Assertion($"block {PyRepr.Repr(block.BlockName)} defined twice"), block.Line, block.Column);
                        }

                        blocks[block.BlockName] = block;
                        Statements(block.Body, false, false, FrameCosts.CompileBase);
                        break;
                }
            }

            private void Signature(MacroSignature signature, int depth)
            {
                foreach (var value in signature.Defaults)
                {
                    Expression(value, false, depth);
                }

                Statements(signature.Body, false, false, depth);
            }

            private void Expression(Expr expr, bool soft, int depth)
            {
                if (depth + expr.CompileDepth > FrameCosts.PythonLimit)
                {
                    throw Fail(Raise.Recursion("maximum recursion depth exceeded while compiling"), expr.Line, expr.Column);
                }

                Check(expr, soft);
            }

            private void Check(Node node, bool soft)
            {
                switch (node)
                {
                    case FilterExpr filter when !soft && FilterRegistryHas(filter.FilterName) == false:
                        throw Fail(Raise.Assertion($"No filter named {PyRepr.Repr(filter.FilterName)}.{Hint(filter.FilterName, Filters.FilterRegistry.Default.Names)}"), filter.Line, filter.Column);
                    case TestExpr test when !soft && !Tests.TestRegistry.Default.Has(test.TestName):
                        throw Fail(Raise.Assertion($"No test named {PyRepr.Repr(test.TestName)}.{Hint(test.TestName, Tests.TestRegistry.Default.Names)}"), test.Line, test.Column);
                    case CondExpr _:
                        soft = true;
                        break;
                }

                foreach (var child in Children(node))
                {
                    Check(child, soft);
                }
            }

            private static bool FilterRegistryHas(string name) => Filters.FilterRegistry.Default.Has(name);


            private JinjaException Fail(JinjaException error, int line, int column)
            {
                error.Location = source.Location(line, column);
                error.Positioned = true;
                return error;
            }
        }
    }
}
