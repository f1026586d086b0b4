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
    /// Jinja2's parser (parser.py): statements, then expressions by precedence (condexpr, or, and, not, compare,
    /// + -, ~, * / // %, **, unary, postfix, filters and tests). Each node records Jinja2's line for it.
    /// </summary>
    internal sealed partial class Parser
    {
        private static readonly HashSet<string> StatementKeywords = new HashSet<string>
        {
            "for", "if", "block", "extends", "print", "macro", "include", "from", "import", "set", "with", "autoescape",
        };

        private readonly TemplateSource source;
        private readonly TokenStream stream;
        private readonly List<string> tagStack = new List<string>();
        private readonly List<int> tagLines = new List<int>();
        private readonly List<string[]> endTokenStack = new List<string[]>();
        private Token? blockBegin;

        /// <summary>The line Jinja2's generated code last marked (a statement or a {{ }} expression).</summary>
        private int lastMarkedLine = 1;

        private Parser(TemplateSource source)
        {
            this.source = source;
            stream = new TokenStream(Lexer.Tokenize(source), source);
        }

        public static Template Parse(TemplateSource source)
        {
            var parser = new Parser(source);
            var body = parser.Subparse(null);
            return Compiler.Compile(source, body);
        }

        private List<Stmt> Subparse(string[]? endTokens)
        {
            var body = new List<Stmt>();
            var data = new List<object>();
            var dataLine = 0;
            var dataColumn = 0;
            if (endTokens != null)
            {
                endTokenStack.Add(endTokens);
            }

            void Flush()
            {
                if (data.Count > 0)
                {
                    body.Add(new OutputStmt(new List<object>(data), dataLine, dataColumn));
                    data.Clear();
                }
            }

            void AddData(object item, int line, int column)
            {
                if (data.Count == 0)
                {
                    dataLine = line;
                    dataColumn = column;
                }

                data.Add(item);
            }

            try
            {
                while (!stream.AtEnd)
                {
                    var token = stream.Current;
                    switch (token.Type)
                    {
                        case TokenType.Data:
                            AddData((string)token.Value!, token.Line, token.Column);
                            stream.Next();
                            break;
                        case TokenType.VariableBegin:
                            stream.Next();
                            var expr = ParseTuple(withCondExpr: true);
                            AddData(expr, expr.Line, expr.Column);
                            lastMarkedLine = expr.Line;
                            stream.Expect(TokenType.VariableEnd);
                            break;
                        case TokenType.BlockBegin:
                            Flush();
                            blockBegin = stream.Next();
                            if (endTokens != null && endTokens.Any(t => stream.Current.IsName(t)))
                            {
                                return body;
                            }

                            body.AddRange(ParseStatement());
                            stream.Expect(TokenType.BlockEnd);
                            break;
                        default:
                            throw stream.Fail("internal parsing error", token);
                    }
                }

                Flush();
            }
            finally
            {
                if (endTokens != null)
                {
                    endTokenStack.RemoveAt(endTokenStack.Count - 1);
                }
            }

            return body;
        }

        /// <summary>The column a statement reports: its {% when on the keyword's line.</summary>
        private int StatementColumn(Token keyword) =>
            blockBegin != null && blockBegin.Line == keyword.Line ? blockBegin.Column : keyword.Column;

        private IEnumerable<Stmt> ParseStatement()
        {
            var token = stream.Current;
            if (token.Type != TokenType.Name)
            {
                throw stream.Fail("tag name expected", token);
            }

            var name = token.Name!;
            if (!StatementKeywords.Contains(name) && name != "call" && name != "filter")
            {
                throw FailUnknownTag(name, token);
            }

            tagStack.Add(name);
            tagLines.Add(token.Line);
            var column = StatementColumn(token);
            if (name != "with" && name != "set")
            {
                lastMarkedLine = token.Line;
            }

            try
            {
                switch (name)
                {
                    case "for":
                        return new[] { ParseFor(column) };
                    case "if":
                        return new[] { ParseIf(column) };
                    case "block":
                        return new[] { ParseBlock(column) };
                    case "extends":
                        return new[] { ParseExtends(column) };
                    case "print":
                        return new[] { ParsePrint(column) };
                    case "macro":
                        return new[] { ParseMacro(column) };
                    case "include":
                        return new[] { ParseInclude(column) };
                    case "from":
                        return new[] { ParseFrom(column) };
                    case "import":
                        return new[] { ParseImport(column) };
                    case "set":
                        return new[] { ParseSet(column) };
                    case "with":
                        return new[] { ParseWith(column) };
                    case "autoescape":
                        return new[] { ParseAutoescape(column) };
                    case "call":
                        return new[] { ParseCallBlock(column) };
                    default:
                        return new[] { ParseFilterBlock(column) };
                }
            }
            finally
            {
                tagStack.RemoveAt(tagStack.Count - 1);
                tagLines.RemoveAt(tagLines.Count - 1);
            }
        }

        private List<Stmt> ParseStatements(string[] endTokens, bool dropNeedle = false)
        {
            stream.SkipIf(TokenType.Colon);
            stream.Expect(TokenType.BlockEnd);
            var result = Subparse(endTokens);
            if (stream.AtEnd)
            {
                throw FailEof(endTokens);
            }

            if (dropNeedle)
            {
                stream.Next();
            }

            return result;
        }

        private Stmt ParseSet(int column)
        {
            var keyword = stream.Next();
            var target = ParseAssignTarget(withNamespace: true);
            if (stream.SkipIf(TokenType.Assign))
            {
                var value = ParseTuple();
                var checkLine = lastMarkedLine;
                lastMarkedLine = keyword.Line;
                return new SetStmt(target, value, checkLine, keyword.Line, column);
            }

            var filter = ParseFilter(null) as FilterExpr;
            var body = ParseStatements(new[] { "endset" }, dropNeedle: true);
            return new SetBlockStmt(target, filter, body, keyword.Line, column);
        }

        private Stmt ParseFor(int column)
        {
            var keyword = stream.ExpectName("for");
            var target = ParseAssignTarget(extraEndRules: new[] { "in" });
            stream.ExpectName("in");
            var iterable = ParseTuple(withCondExpr: false, extraEndRules: new[] { "recursive" });
            Expr? test = null;
            if (stream.SkipIfName("if"))
            {
                test = ParseExpression();
            }

            var recursive = stream.SkipIfName("recursive");
            var body = ParseStatements(new[] { "endfor", "else" });
            List<Stmt> otherwise;
            if (stream.Next().Name == "endfor")
            {
                otherwise = new List<Stmt>();
            }
            else
            {
                otherwise = ParseStatements(new[] { "endfor" }, dropNeedle: true);
            }

            return new ForStmt(target, iterable, body, otherwise, test, recursive, Compiler.ForUsesLoop(body), keyword.Line, column);
        }

        private Stmt ParseIf(int column)
        {
            var keyword = stream.ExpectName("if");
            var branches = new List<(Expr, List<Stmt>, int, int)>();
            var branchLine = keyword.Line;
            var branchColumn = column;
            var otherwise = new List<Stmt>();
            while (true)
            {
                var test = ParseTuple(withCondExpr: false);
                var body = ParseStatements(new[] { "elif", "else", "endif" });
                branches.Add((test, body, branchLine, branchColumn));
                var token = stream.Next();
                if (token.IsName("elif"))
                {
                    branchLine = stream.Current.Line;
                    branchColumn = StatementColumn(token);
                    continue;
                }

                if (token.IsName("else"))
                {
                    otherwise = ParseStatements(new[] { "endif" }, dropNeedle: true);
                }

                break;
            }

            return new IfStmt(branches, otherwise, keyword.Line, column);
        }

        private Stmt ParseWith(int column)
        {
            var keyword = stream.Next();
            var targets = new List<Expr>();
            var values = new List<Expr>();
            while (stream.Current.Type != TokenType.BlockEnd)
            {
                if (targets.Count > 0)
                {
                    stream.Expect(TokenType.Comma);
                }

                targets.Add(ParseAssignTarget());
                stream.Expect(TokenType.Assign);
                values.Add(ParseExpression());
            }

            var body = ParseStatements(new[] { "endwith" }, dropNeedle: true);
            return new WithStmt(targets, values, body, keyword.Line, column);
        }

        private Stmt ParseAutoescape(int column)
        {
            var keyword = stream.Next();
            var enabled = ParseExpression();
            var body = ParseStatements(new[] { "endautoescape" }, dropNeedle: true);
            return new AutoescapeStmt(enabled, body, keyword.Line, column);
        }

        private Stmt ParseBlock(int column)
        {
            var keyword = stream.Next();
            var name = stream.Expect(TokenType.Name).Name!;
            var scoped = stream.SkipIfName("scoped");
            var required = stream.SkipIfName("required");
            if (stream.Current.Type == TokenType.Sub)
            {
                throw stream.Fail("Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an underscore instead.", stream.Current);
            }

            var body = ParseStatements(new[] { "endblock" }, dropNeedle: true);
            if (required)
            {
                foreach (var statement in body)
                {
                    if (!(statement is OutputStmt output) || output.Items.Any(item => !(item is string text) || !PyStr.All(text, Unicode.UnicodeTables.Space)))
                    {
                        throw stream.Fail("Required blocks can only contain comments or whitespace", stream.Current);
                    }
                }
            }

            stream.SkipIfName(name);
            return new BlockStmt(name, scoped, required, body, Compiler.Uses(body, "super"), Compiler.Uses(body, "self"), keyword.Line, column);
        }

        private Stmt ParseExtends(int column)
        {
            var keyword = stream.Next();
            return new ExtendsStmt(ParseExpression(), keyword.Line, column);
        }

        private bool ParseContext(bool defaultValue, out bool explicitly)
        {
            explicitly = false;
            if ((stream.Current.IsName("with") || stream.Current.IsName("without")) && stream.Look().IsName("context"))
            {
                var with = stream.Next().Name == "with";
                stream.Skip(1);
                explicitly = true;
                return with;
            }

            return defaultValue;
        }

        private Stmt ParseInclude(int column)
        {
            var keyword = stream.Next();
            var template = ParseExpression();
            var ignoreMissing = false;
            if (stream.Current.IsName("ignore") && stream.Look().IsName("missing"))
            {
                ignoreMissing = true;
                stream.Skip(2);
            }

            var withContext = ParseContext(true, out _);
            return new IncludeStmt(template, ignoreMissing, withContext, keyword.Line, column);
        }

        private Stmt ParseImport(int column)
        {
            var keyword = stream.Next();
            var template = ParseExpression();
            stream.ExpectName("as");
            var target = ParseNameTarget();
            var withContext = ParseContext(false, out _);
            return new ImportStmt(template, target, withContext, keyword.Line, column);
        }

        private Stmt ParseFrom(int column)
        {
            var keyword = stream.Next();
            var template = ParseExpression();
            stream.ExpectName("import");
            var names = new List<(string, string)>();
            var withContext = false;
            while (true)
            {
                if (names.Count > 0)
                {
                    stream.Expect(TokenType.Comma);
                }

                if (stream.Current.Type == TokenType.Name)
                {
                    withContext = ParseContext(false, out var explicitly);
                    if (explicitly)
                    {
                        break;
                    }

                    var targetToken = stream.Current;
                    var target = ParseNameTarget();
                    if (target.StartsWith("_", System.StringComparison.Ordinal))
                    {
                        throw Assertion("names starting with an underline can not be imported", targetToken);
                    }

                    if (stream.SkipIfName("as"))
                    {
                        names.Add((target, ParseNameTarget()));
                    }
                    else
                    {
                        names.Add((target, target));
                    }

                    withContext = ParseContext(false, out explicitly);
                    if (explicitly || stream.Current.Type != TokenType.Comma)
                    {
                        break;
                    }
                }
                else
                {
                    stream.Expect(TokenType.Name);
                }
            }

            return new FromImportStmt(template, names, withContext, keyword.Line, column);
        }

        private (List<string> Names, List<Expr> Defaults) ParseSignature()
        {
            var names = new List<string>();
            var defaults = new List<Expr>();
            stream.Expect(TokenType.LParen);
            while (stream.Current.Type != TokenType.RParen)
            {
                if (names.Count > 0)
                {
                    stream.Expect(TokenType.Comma);
                }

                var name = ParseNameTarget();
                if (stream.SkipIf(TokenType.Assign))
                {
                    defaults.Add(ParseExpression());
                }
                else if (defaults.Count > 0)
                {
                    throw stream.Fail("non-default argument follows default argument", stream.Current);
                }

                names.Add(name);
            }

            stream.Expect(TokenType.RParen);
            return (names, defaults);
        }

        private Stmt ParseCallBlock(int column)
        {
            var keyword = stream.Next();
            var signature = stream.Current.Type == TokenType.LParen ? ParseSignature() : (new List<string>(), new List<Expr>());
            var call = ParseExpression() as Call ?? throw stream.Fail("expected call", keyword.Line, keyword.Column);
            var body = ParseStatements(new[] { "endcall" }, dropNeedle: true);
            var caller = Compiler.Signature(null, signature.Item1, signature.Item2, body, keyword, source);
            return new CallBlockStmt(call, caller, keyword.Line, column);
        }

        private Stmt ParseFilterBlock(int column)
        {
            var keyword = stream.Next();
            var filter = (FilterExpr)ParseFilter(null, startInline: true)!;
            var body = ParseStatements(new[] { "endfilter" }, dropNeedle: true);
            return new FilterBlockStmt(filter, body, keyword.Line, column);
        }

        private Stmt ParseMacro(int column)
        {
            var keyword = stream.Next();
            var name = ParseNameTarget();
            var signature = ParseSignature();
            var body = ParseStatements(new[] { "endmacro" }, dropNeedle: true);
            return new MacroStmt(Compiler.Signature(name, signature.Item1, signature.Item2, body, keyword, source), keyword.Line, column);
        }

        private Stmt ParsePrint(int column)
        {
            var keyword = stream.Next();
            var items = new List<object>();
            while (stream.Current.Type != TokenType.BlockEnd)
            {
                if (items.Count > 0)
                {
                    stream.Expect(TokenType.Comma);
                }

                items.Add(ParseExpression());
            }

            return new OutputStmt(items, keyword.Line, column);
        }

        /// <summary>A plain name where one is required (macro names, parameters, import targets).</summary>
        private string ParseNameTarget()
        {
            var token = stream.Expect(TokenType.Name);
            var name = token.Name!;
            if (name == "true" || name == "false" || name == "none" || name == "True" || name == "False" || name == "None")
            {
                throw stream.Fail("can't assign to 'name'", token);
            }

            return name;
        }

        private Expr ParseAssignTarget(bool withTuple = true, string[]? extraEndRules = null, bool withNamespace = false)
        {
            var target = withTuple
                ? ParseTuple(simplified: true, extraEndRules: extraEndRules, withNamespace: withNamespace)
                : ParsePrimary(withNamespace);
            if (!CanAssign(target))
            {
                throw stream.Fail($"can't assign to {PyRepr.Repr(NodeName(target))}", target.Line, target.Column);
            }

            return target;
        }

        private static bool CanAssign(Expr target) => target switch
        {
            Name name => !(name.Identifier is "true" or "false" or "none" or "True" or "False" or "None"),
            NsRef _ => true,
            TupleExpr tuple => tuple.Items.All(CanAssign),
            _ => false,
        };

        private static string NodeName(Expr node) => node switch
        {
            Const _ => "const",
            TupleExpr _ => "tuple",
            ListExpr _ => "list",
            DictExpr _ => "dict",
            Call _ => "call",
            Getattr _ => "getattr",
            Getitem _ => "getitem",
            FilterExpr _ => "filter",
            TestExpr _ => "test",
            _ => node.GetType().Name.ToLowerInvariant(),
        };

        private JinjaException FailUnknownTag(string name, Token at) => FailUnknown(name, endTokenStack, at.Line, StatementColumn(at));

        private JinjaException FailEof(string[]? endTokens)
        {
            var stack = new List<string[]>(endTokenStack);
            if (endTokens != null)
            {
                stack.Add(endTokens);
            }

            return FailUnknown(null, stack, stream.Current.Line, stream.Current.Column);
        }

        private JinjaException FailUnknown(string? name, List<string[]> stack, int line, int column)
        {
            var expected = new HashSet<string>(stack.SelectMany(t => t));
            var looking = stack.Count > 0 ? string.Join(" or ", stack[stack.Count - 1].Select(PyRepr.Repr)) : null;
            var message = new List<string> { name == null ? "Unexpected end of template." : $"Encountered unknown tag {PyRepr.Repr(name)}." };
            if (looking != null)
            {
                if (name != null && expected.Contains(name))
                {
                    message.Add($"You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for {looking}.");
                }
                else
                {
                    message.Add($"Jinja was looking for the following tags: {looking}.");
                }
            }

            if (tagStack.Count > 0)
            {
                // Jinja2's message, plus where that block was opened.
                message.Add($"The innermost block that needs to be closed is {PyRepr.Repr(tagStack[tagStack.Count - 1])} (opened on line {tagLines[tagLines.Count - 1]}).");
            }

            return stream.Fail(string.Join(" ", message), line, column);
        }

        private JinjaException Assertion(string message, Token at)
        {
            var error = Raise.Assertion(message);
            error.Location = source.Location(at.Line, at.Column);
            error.Positioned = true;
            return error;
        }
    }
}
