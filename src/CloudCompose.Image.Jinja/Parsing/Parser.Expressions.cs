using System.Collections.Generic;
using CloudCompose.Image.Jinja.Lexing;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Syntax;

namespace CloudCompose.Image.Jinja.Parsing
{
    /// <summary>Expressions, by Jinja2's precedence. Every parse function counts as one Python frame, as in Jinja2.</summary>
    internal sealed partial class Parser
    {
        private int frames = Runtime.FrameCosts.ParseBase;

        private void Enter()
        {
            if (++frames > Runtime.FrameCosts.PythonLimit)
            {
                var error = Raise.Recursion("maximum recursion depth exceeded while parsing");
                error.Location = source.Location(stream.Current.Line, stream.Current.Column);
                throw error;
            }

            try
            {
                System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            }
            catch (System.InsufficientExecutionStackException)
            {
                throw Raise.Recursion("maximum recursion depth exceeded while parsing");
            }
        }

        private void Leave() => frames--;

        private Expr ParseExpression(bool withCondExpr = true)
        {
            Enter();
            try
            {
                return withCondExpr ? ParseCondExpr() : ParseOr();
            }
            finally
            {
                Leave();
            }
        }

        private Expr ParseCondExpr()
        {
            Enter();
            try
            {
                var line = stream.Current.Line;
                var column = stream.Current.Column;
                var expr1 = ParseOr();
                while (stream.SkipIfName("if"))
                {
                    var expr2 = ParseOr();
                    Expr? expr3 = null;
                    if (stream.SkipIfName("else"))
                    {
                        expr3 = ParseCondExpr();
                    }

                    expr1 = new CondExpr(expr2, expr1, expr3, source.Name, line, column);
                    line = stream.Current.Line;
                }

                return expr1;
            }
            finally
            {
                Leave();
            }
        }

        private Expr ParseOr() => ParseLogical(false);

        private Expr ParseAnd() => ParseLogical(true);

        private Expr ParseLogical(bool isAnd)
        {
            Enter();
            try
            {
                var line = stream.Current.Line;
                var column = stream.Current.Column;
                var left = isAnd ? ParseNot() : ParseAnd();
                while (stream.SkipIfName(isAnd ? "and" : "or"))
                {
                    var right = isAnd ? ParseNot() : ParseAnd();
                    left = new Logical(isAnd, left, right, line, column);
                    line = stream.Current.Line;
                }

                return left;
            }
            finally
            {
                Leave();
            }
        }

        private Expr ParseNot()
        {
            Enter();
            try
            {
                if (stream.Current.IsName("not"))
                {
                    var token = stream.Next();
                    return new Not(ParseNot(), token.Line, token.Column);
                }

                return ParseCompare();
            }
            finally
            {
                Leave();
            }
        }

        private Expr ParseCompare()
        {
            Enter();
            try
            {
                var column = stream.Current.Column;
                var expr = ParseMath1();
                var operands = new List<CompareOperand>();
                while (true)
                {
                    var token = stream.Current;
                    string? op = token.Type switch
                    {
                        TokenType.Eq => "==",
                        TokenType.Ne => "!=",
                        TokenType.Lt => "<",
                        TokenType.LtEq => "<=",
                        TokenType.Gt => ">",
                        TokenType.GtEq => ">=",
                        _ => null,
                    };
                    if (op != null)
                    {
                        stream.Next();
                        operands.Add(new CompareOperand(op, ParseMath1(), token.Column));
                    }
                    else if (stream.SkipIfName("in"))
                    {
                        operands.Add(new CompareOperand("in", ParseMath1(), token.Column));
                    }
                    else if (token.IsName("not") && stream.Look().IsName("in"))
                    {
                        stream.Skip(2);
                        operands.Add(new CompareOperand("notin", ParseMath1(), token.Column));
                    }
                    else
                    {
                        break;
                    }
                }

                // Jinja2 gives a comparison the line of the token after it.
                return operands.Count == 0 ? expr : new Compare(expr, operands, stream.Current.Line, column);
            }
            finally
            {
                Leave();
            }
        }

        private Expr ParseMath1()
        {
            Enter();
            try
            {
                var line = stream.Current.Line;
                var left = ParseConcat();
                while (stream.Current.Type == TokenType.Add || stream.Current.Type == TokenType.Sub)
                {
                    var op = stream.Next();
                    var right = ParseConcat();
                    left = new Binary(op.Type == TokenType.Add ? BinaryOp.Add : BinaryOp.Sub, left, right, line, op.Column);
                    line = stream.Current.Line;
                }

                return left;
            }
            finally
            {
                Leave();
            }
        }

        private Expr ParseConcat()
        {
            Enter();
            try
            {
                var line = stream.Current.Line;
                var column = stream.Current.Column;
                var operands = new List<Expr> { ParseMath2() };
                while (stream.Current.Type == TokenType.Tilde)
                {
                    stream.Next();
                    operands.Add(ParseMath2());
                }

                return operands.Count == 1 ? operands[0] : new Concat(operands, line, column);
            }
            finally
            {
                Leave();
            }
        }

        private Expr ParseMath2()
        {
            Enter();
            try
            {
                var line = stream.Current.Line;
                var left = ParsePow();
                while (true)
                {
                    var type = stream.Current.Type;
                    BinaryOp op;
                    switch (type)
                    {
                        case TokenType.Mul:
                            op = BinaryOp.Mul;
                            break;
                        case TokenType.Div:
                            op = BinaryOp.Div;
                            break;
                        case TokenType.FloorDiv:
                            op = BinaryOp.FloorDiv;
                            break;
                        case TokenType.Mod:
                            op = BinaryOp.Mod;
                            break;
                        default:
                            return left;
                    }

                    var token = stream.Next();
                    var right = ParsePow();
                    left = new Binary(op, left, right, line, token.Column);
                    line = stream.Current.Line;
                }
            }
            finally
            {
                Leave();
            }
        }

        private Expr ParsePow()
        {
            Enter();
            try
            {
                var line = stream.Current.Line;
                var left = ParseUnary();
                while (stream.Current.Type == TokenType.Pow)
                {
                    var token = stream.Next();
                    var right = ParseUnary();
                    left = new Binary(BinaryOp.Pow, left, right, line, token.Column);
                    line = stream.Current.Line;
                }

                return left;
            }
            finally
            {
                Leave();
            }
        }

        private Expr ParseUnary(bool withFilter = true)
        {
            Enter();
            try
            {
                var token = stream.Current;
                Expr node;
                if (token.Type == TokenType.Sub || token.Type == TokenType.Add)
                {
                    stream.Next();
                    node = new Unary(token.Type == TokenType.Sub, ParseUnary(false), token.Line, token.Column);
                }
                else
                {
                    node = ParsePrimary();
                }

                node = ParsePostfix(node);
                if (withFilter)
                {
                    node = ParseFilterExpr(node);
                }

                return node;
            }
            finally
            {
                Leave();
            }
        }

        private Expr ParsePrimary(bool withNamespace = false)
        {
            Enter();
            try
            {
                var token = stream.Current;
                switch (token.Type)
                {
                    case TokenType.Name:
                        stream.Next();
                        var name = token.Name!;
                        if (name == "true" || name == "True" || name == "false" || name == "False")
                        {
                            return new Const(name == "true" || name == "True", token.Line, token.Column);
                        }

                        if (name == "none" || name == "None")
                        {
                            return new Const(null, token.Line, token.Column);
                        }

                        if (withNamespace && stream.Current.Type == TokenType.Dot)
                        {
                            stream.Next();
                            var attribute = stream.Expect(TokenType.Name);
                            return new NsRef(name, attribute.Name!, token.Line, token.Column);
                        }

                        return new Name(name, token.Line, token.Column);
                    case TokenType.String:
                        stream.Next();
                        var text = (string)token.Value!;
                        while (stream.Current.Type == TokenType.String)
                        {
                            text += (string)stream.Next().Value!;
                        }

                        return new Const(text, token.Line, token.Column);
                    case TokenType.Integer:
                    case TokenType.Float:
                        stream.Next();
                        return new Const(token.Value, token.Line, token.Column);
                    case TokenType.LParen:
                        stream.Next();
                        var inner = ParseTuple(explicitParentheses: true);
                        stream.Expect(TokenType.RParen);
                        return inner;
                    case TokenType.LBracket:
                        return ParseList();
                    case TokenType.LBrace:
                        return ParseDict();
                    default:
                        throw stream.Fail($"unexpected {PyRepr.Repr(token.Describe())}", token);
                }
            }
            finally
            {
                Leave();
            }
        }

        private Expr ParseTuple(bool simplified = false, bool withCondExpr = true, string[]? extraEndRules = null, bool explicitParentheses = false, bool withNamespace = false)
        {
            Enter();
            try
            {
                var line = stream.Current.Line;
                var column = stream.Current.Column;
                var items = new List<Expr>();
                var isTuple = false;
                while (true)
                {
                    if (items.Count > 0)
                    {
                        stream.Expect(TokenType.Comma);
                    }

                    if (IsTupleEnd(extraEndRules))
                    {
                        break;
                    }

                    // Jinja2 parses each item through a local function: one frame more than a list's items.
                    Enter();
                    try
                    {
                        items.Add(simplified ? ParsePrimary(withNamespace) : ParseExpression(withCondExpr));
                    }
                    finally
                    {
                        Leave();
                    }
                    if (stream.Current.Type == TokenType.Comma)
                    {
                        isTuple = true;
                    }
                    else
                    {
                        break;
                    }

                    line = stream.Current.Line;
                }

                if (!isTuple)
                {
                    if (items.Count > 0)
                    {
                        return items[0];
                    }

                    if (!explicitParentheses)
                    {
                        throw stream.Fail($"Expected an expression, got {PyRepr.Repr(stream.Current.Describe())}", stream.Current);
                    }
                }

                return new TupleExpr(items, line, column);
            }
            finally
            {
                Leave();
            }
        }

        private bool IsTupleEnd(string[]? extraEndRules)
        {
            var current = stream.Current;
            if (current.Type == TokenType.VariableEnd || current.Type == TokenType.BlockEnd || current.Type == TokenType.RParen)
            {
                return true;
            }

            if (extraEndRules != null)
            {
                foreach (var rule in extraEndRules)
                {
                    if (current.IsName(rule))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private Expr ParseList()
        {
            Enter();
            try
            {
                var token = stream.Expect(TokenType.LBracket);
                var items = new List<Expr>();
                while (stream.Current.Type != TokenType.RBracket)
                {
                    if (items.Count > 0)
                    {
                        stream.Expect(TokenType.Comma);
                    }

                    if (stream.Current.Type == TokenType.RBracket)
                    {
                        break;
                    }

                    items.Add(ParseExpression());
                }

                stream.Expect(TokenType.RBracket);
                return new ListExpr(items, token.Line, token.Column);
            }
            finally
            {
                Leave();
            }
        }

        private Expr ParseDict()
        {
            Enter();
            try
            {
                var token = stream.Expect(TokenType.LBrace);
                var pairs = new List<KeyValuePair<Expr, Expr>>();
                while (stream.Current.Type != TokenType.RBrace)
                {
                    if (pairs.Count > 0)
                    {
                        stream.Expect(TokenType.Comma);
                    }

                    if (stream.Current.Type == TokenType.RBrace)
                    {
                        break;
                    }

                    var key = ParseExpression();
                    stream.Expect(TokenType.Colon);
                    var value = ParseExpression();
                    pairs.Add(new KeyValuePair<Expr, Expr>(key, value));
                }

                stream.Expect(TokenType.RBrace);
                return new DictExpr(pairs, token.Line, token.Column);
            }
            finally
            {
                Leave();
            }
        }

        private Expr ParsePostfix(Expr node)
        {
            Enter();
            try
            {
                while (true)
                {
                    var type = stream.Current.Type;
                    if (type == TokenType.Dot || type == TokenType.LBracket)
                    {
                        node = ParseSubscript(node);
                    }
                    else if (type == TokenType.LParen)
                    {
                        node = ParseCall(node);
                    }
                    else
                    {
                        return node;
                    }
                }
            }
            finally
            {
                Leave();
            }
        }

        private Expr ParseFilterExpr(Expr node)
        {
            Enter();
            try
            {
                while (true)
                {
                    var token = stream.Current;
                    if (token.Type == TokenType.Pipe)
                    {
                        node = ParseFilter(node)!;
                    }
                    else if (token.IsName("is"))
                    {
                        node = ParseTest(node);
                    }
                    else if (token.Type == TokenType.LParen)
                    {
                        node = ParseCall(node);
                    }
                    else
                    {
                        return node;
                    }
                }
            }
            finally
            {
                Leave();
            }
        }

        /// <summary>The column an expression starts at, for errors that point at the whole operand.</summary>
        private static int StartColumn(Expr node, int line, int fallback) => node.Line == line ? StartOf(node) : fallback;

        private static int StartOf(Expr node) => node switch
        {
            Getattr g => StartOf(g.Target),
            Getitem g => StartOf(g.Target),
            Call c => StartOf(c.Callee),
            FilterExpr f when f.Target != null => StartOf(f.Target),
            _ => node.Column,
        };

        private Expr ParseSubscript(Expr node)
        {
            Enter();
            try
            {
                var token = stream.Next();
                var column = StartColumn(node, token.Line, token.Column);
                if (token.Type == TokenType.Dot)
                {
                    var attribute = stream.Current;
                    stream.Next();
                    if (attribute.Type == TokenType.Name)
                    {
                        return new Getattr(node, attribute.Name!, token.Line, column);
                    }

                    if (attribute.Type != TokenType.Integer)
                    {
                        throw stream.Fail("expected name or number", attribute);
                    }

                    return new Getitem(node, new Const(attribute.Value, attribute.Line, attribute.Column), token.Line, column);
                }

                if (token.Type == TokenType.LBracket)
                {
                    var args = new List<Expr>();
                    while (stream.Current.Type != TokenType.RBracket)
                    {
                        if (args.Count > 0)
                        {
                            stream.Expect(TokenType.Comma);
                        }

                        args.Add(ParseSubscribed());
                    }

                    stream.Expect(TokenType.RBracket);
                    var key = args.Count == 1 ? args[0] : new TupleExpr(args, token.Line, token.Column);
                    return new Getitem(node, key, token.Line, column);
                }

                throw stream.Fail("expected subscript expression", token);
            }
            finally
            {
                Leave();
            }
        }

        private Expr ParseSubscribed()
        {
            Enter();
            try
            {
                var token = stream.Current;
                Expr? start = null;
                if (token.Type == TokenType.Colon)
                {
                    stream.Next();
                }
                else
                {
                    var node = ParseExpression();
                    if (stream.Current.Type != TokenType.Colon)
                    {
                        return node;
                    }

                    stream.Next();
                    start = node;
                }

                Expr? stop = null;
                if (stream.Current.Type != TokenType.Colon && stream.Current.Type != TokenType.RBracket && stream.Current.Type != TokenType.Comma)
                {
                    stop = ParseExpression();
                }

                Expr? step = null;
                if (stream.Current.Type == TokenType.Colon)
                {
                    stream.Next();
                    if (stream.Current.Type != TokenType.RBracket && stream.Current.Type != TokenType.Comma)
                    {
                        step = ParseExpression();
                    }
                }

                return new SliceExpr(start, stop, step, token.Line, token.Column);
            }
            finally
            {
                Leave();
            }
        }

        private ArgList ParseCallArgs()
        {
            Enter();
            try
            {
                var token = stream.Expect(TokenType.LParen);
                var positional = new List<Expr>();
                var keywords = new List<KeyValuePair<string, Expr>>();
                Expr? dynArgs = null;
                Expr? dynKwargs = null;
                var requireComma = false;

                void Ensure(bool condition)
                {
                    if (!condition)
                    {
                        throw stream.Fail("invalid syntax for function call expression", token);
                    }
                }

                while (stream.Current.Type != TokenType.RParen)
                {
                    if (requireComma)
                    {
                        stream.Expect(TokenType.Comma);
                        if (stream.Current.Type == TokenType.RParen)
                        {
                            break;
                        }
                    }

                    if (stream.Current.Type == TokenType.Mul)
                    {
                        Ensure(dynArgs == null && dynKwargs == null);
                        stream.Next();
                        dynArgs = ParseExpression();
                    }
                    else if (stream.Current.Type == TokenType.Pow)
                    {
                        Ensure(dynKwargs == null);
                        stream.Next();
                        dynKwargs = ParseExpression();
                    }
                    else if (stream.Current.Type == TokenType.Name && stream.Look().Type == TokenType.Assign)
                    {
                        Ensure(dynKwargs == null);
                        var key = stream.Current.Name!;
                        stream.Skip(2);
                        keywords.Add(new KeyValuePair<string, Expr>(key, ParseExpression()));
                    }
                    else
                    {
                        Ensure(dynArgs == null && dynKwargs == null && keywords.Count == 0);
                        positional.Add(ParseExpression());
                    }

                    requireComma = true;
                }

                stream.Expect(TokenType.RParen);
                return new ArgList(positional, keywords, dynArgs, dynKwargs);
            }
            finally
            {
                Leave();
            }
        }

        private Expr ParseCall(Expr node)
        {
            var token = stream.Current;
            var args = ParseCallArgs();
            return new Call(node, args, token.Line, token.Column);
        }

        private Expr? ParseFilter(Expr? node, bool startInline = false)
        {
            while (stream.Current.Type == TokenType.Pipe || startInline)
            {
                if (!startInline)
                {
                    stream.Next();
                }

                var token = stream.Expect(TokenType.Name);
                var name = token.Name!;
                while (stream.Current.Type == TokenType.Dot)
                {
                    stream.Next();
                    name += "." + stream.Expect(TokenType.Name).Name;
                }

                var args = stream.Current.Type == TokenType.LParen ? ParseCallArgs() : ArgList.Empty;
                node = new FilterExpr(node, name, args, token.Line, token.Column);
                startInline = false;
            }

            return node;
        }

        private Expr ParseTest(Expr node)
        {
            var token = stream.Next();
            var negated = stream.SkipIfName("not");
            var nameToken = stream.Expect(TokenType.Name);
            var name = nameToken.Name!;
            while (stream.Current.Type == TokenType.Dot)
            {
                stream.Next();
                name += "." + stream.Expect(TokenType.Name).Name;
            }

            ArgList args;
            var current = stream.Current;
            if (current.Type == TokenType.LParen)
            {
                args = ParseCallArgs();
            }
            else if ((current.Type == TokenType.Name || current.Type == TokenType.String || current.Type == TokenType.Integer || current.Type == TokenType.Float
                      || current.Type == TokenType.LParen || current.Type == TokenType.LBracket || current.Type == TokenType.LBrace)
                     && !current.IsName("else") && !current.IsName("or") && !current.IsName("and"))
            {
                if (current.IsName("is"))
                {
                    throw stream.Fail("You cannot chain multiple tests with is", current);
                }

                var argument = ParsePostfix(ParsePrimary());
                args = new ArgList(new List<Expr> { argument }, new List<KeyValuePair<string, Expr>>(), null, null);
            }
            else
            {
                args = ArgList.Empty;
            }

            Expr result = new TestExpr(node, name, args, token.Line, nameToken.Column);
            if (negated)
            {
                result = new Not(result, token.Line, nameToken.Column);
            }

            return result;
        }
    }
}
