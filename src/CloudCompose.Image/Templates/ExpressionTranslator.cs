using CloudCompose.Image.Text;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;

namespace CloudCompose.Image.Templates
{
    /// <summary>
    /// Rewrites a Jinja expression into a Fluid expression made of function calls (see JinjaRuntime).
    /// Liquid has no 'not', no filters inside conditions, no short-circuit and Liquid truthiness, so each
    /// Jinja operator becomes a call that Fluid parses and evaluates, keeping Jinja2's precedence.
    /// </summary>
    internal sealed class ExpressionTranslator
    {
        private static readonly Dictionary<string, (int Min, int Max)> FilterArity = new Dictionary<string, (int, int)>
        {
            ["default"] = (0, 2),
            ["d"] = (0, 2),
            ["upper"] = (0, 0),
            ["lower"] = (0, 0),
            ["trim"] = (0, 1),
            ["replace"] = (2, 3),
            ["join"] = (0, 1),
            ["length"] = (0, 0),
            ["count"] = (0, 0),
        };

        private static readonly HashSet<string> Tests = new HashSet<string> { "defined", "undefined", "none" };
        private static readonly HashSet<string> Comparisons = new HashSet<string> { "==", "!=", "<", ">", "<=", ">=" };
        private static readonly HashSet<string> MathOperators = new HashSet<string> { "+", "-", "*", "/", "//", "%", "**" };

        private readonly TemplateSource source;
        private readonly TemplateRefs refs;
        private readonly List<ExprToken> tokens;
        private int position;

        public ExpressionTranslator(TemplateSource source, TemplateRefs refs, List<ExprToken> tokens, int position)
        {
            this.source = source;
            this.refs = refs;
            this.tokens = tokens;
            this.position = position;
        }

        public ExprToken Current => tokens[position];

        public void Advance()
        {
            if (Current.Kind != ExprTokenKind.End)
            {
                position++;
            }
        }

        /// <summary>Translates one full expression starting at the current token.</summary>
        /// <param name="stopAtIf">Leave a following 'if' to the caller (a loop filter in '{% for %}').</param>
        public string Translate(bool stopAtIf = false)
        {
            var result = ParseOr().Code;
            if (!stopAtIf && Current.Is(ExprTokenKind.Name, "if"))
            {
                throw Unsupported("the conditional expression 'x if y else z'", Current);
            }

            return result;
        }

        public void ExpectEnd(string what)
        {
            if (Current.Kind != ExprTokenKind.End)
            {
                throw TemplateErrors.Syntax($"Unexpected {Current} in {what}", Location(Current));
            }
        }

        private Expr ParseOr()
        {
            var left = ParseAnd();
            while (Current.Is(ExprTokenKind.Name, "or"))
            {
                position++;
                var right = ParseAnd();
                left = new Expr($"__or({left.Code}, {right.Code})", left.Display, left.Offset);
            }

            return left;
        }

        private Expr ParseAnd()
        {
            var left = ParseNot();
            while (Current.Is(ExprTokenKind.Name, "and"))
            {
                position++;
                var right = ParseNot();
                left = new Expr($"__and({left.Code}, {right.Code})", left.Display, left.Offset);
            }

            return left;
        }

        private Expr ParseNot()
        {
            if (Current.Is(ExprTokenKind.Name, "not"))
            {
                var token = Current;
                position++;
                var operand = ParseNot();
                return new Expr($"__not({operand.Code})", operand.Display, token.Offset);
            }

            return ParseCompare();
        }

        private Expr ParseCompare()
        {
            var left = ParseOperand();
            var op = ReadComparison(out var opToken);
            if (op == null)
            {
                return left;
            }

            var right = ParseOperand();
            if (ReadComparison(out var chained) != null)
            {
                throw Unsupported("a chained comparison", chained);
            }

            var id = refs.Add(RefKind.Operator, op, op, null, Location(opToken));
            return new Expr($"__cmp({left.Code}, {right.Code}, {id})", left.Display, left.Offset);
        }

        private string? ReadComparison(out ExprToken token)
        {
            token = Current;
            if (token.Kind == ExprTokenKind.Operator && Comparisons.Contains(token.Text))
            {
                position++;
                return token.Text;
            }

            if (token.Is(ExprTokenKind.Name, "in"))
            {
                position++;
                return "in";
            }

            if (token.Is(ExprTokenKind.Name, "not") && tokens[position + 1].Is(ExprTokenKind.Name, "in"))
            {
                position += 2;
                return "not in";
            }

            return null;
        }

        /// <summary>A comparison operand: unary expressions joined by '~'; arithmetic is not supported.</summary>
        private Expr ParseOperand()
        {
            var operand = ParseUnary();
            while (Current.Is(ExprTokenKind.Operator, "~"))
            {
                position++;
                var right = ParseUnary();
                operand = new Expr($"__concat({operand.Code}, {right.Code})", operand.Display, operand.Offset);
            }

            if (Current.Kind == ExprTokenKind.Operator && MathOperators.Contains(Current.Text))
            {
                throw Unsupported($"the operator '{Current.Text}'", Current);
            }

            return operand;
        }

        private Expr ParseUnary()
        {
            Expr value;
            var token = Current;
            if (token.Is(ExprTokenKind.Operator, "-") && tokens[position + 1].Kind == ExprTokenKind.Number)
            {
                position += 2;
                value = Literal(PythonNumber("-" + tokens[position - 1].Text), token);
            }
            else if (token.Kind == ExprTokenKind.Operator && MathOperators.Contains(token.Text))
            {
                throw Unsupported($"the operator '{token.Text}'", token);
            }
            else
            {
                value = ParsePostfix(ParsePrimary());
            }

            while (Current.Is(ExprTokenKind.Operator, "|"))
            {
                position++;
                value = ParseFilter(value);
            }

            if (Current.Is(ExprTokenKind.Name, "is"))
            {
                value = ParseTest(value);
            }

            return value;
        }

        private Expr ParsePrimary()
        {
            var token = Current;
            switch (token.Kind)
            {
                case ExprTokenKind.Name:
                    position++;
                    switch (token.Text)
                    {
                        case "true":
                        case "True":
                            return Literal(true, token);
                        case "false":
                        case "False":
                            return Literal(false, token);
                        case "none":
                        case "None":
                            return Literal(null, token);
                    }

                    var id = refs.Add(RefKind.Variable, token.Text, token.Text, null, Location(token));
                    return new Expr($"__var({id})", token.Text, token.Offset);

                case ExprTokenKind.String:
                    var text = token.Text;
                    position++;
                    while (Current.Kind == ExprTokenKind.String)
                    {
                        text += Current.Text;
                        position++;
                    }

                    return Literal(text, token);

                case ExprTokenKind.Number:
                    position++;
                    return Literal(PythonNumber(token.Text), token);

                case ExprTokenKind.Operator when token.Text == "(":
                    position++;
                    var inner = ParseOr();
                    if (Current.Is(ExprTokenKind.Operator, ","))
                    {
                        throw Unsupported("a tuple", Current);
                    }

                    Expect(")");
                    return new Expr($"({inner.Code})", inner.Display, token.Offset);

                case ExprTokenKind.Operator when token.Text == "[":
                    position++;
                    var items = new List<string>();
                    while (!Current.Is(ExprTokenKind.Operator, "]"))
                    {
                        items.Add(ParseOr().Code);
                        if (!Current.Is(ExprTokenKind.Operator, ","))
                        {
                            break;
                        }

                        position++;
                    }

                    Expect("]");
                    return new Expr($"__list({string.Join(", ", items)})", "list", token.Offset);

                case ExprTokenKind.Operator when token.Text == "{":
                    throw Unsupported("a dict literal", token);

                case ExprTokenKind.End:
                    throw TemplateErrors.Syntax("Expected an expression, got end of tag", Location(token));

                default:
                    throw TemplateErrors.Syntax($"Unexpected {token}", Location(token));
            }
        }

        private Expr ParsePostfix(Expr value)
        {
            while (true)
            {
                var token = Current;
                if (token.Is(ExprTokenKind.Operator, "."))
                {
                    position++;
                    var name = Current;
                    if (name.Kind != ExprTokenKind.Name && name.Kind != ExprTokenKind.Number)
                    {
                        throw TemplateErrors.Syntax($"Expected an attribute name after '.', got {name}", Location(name));
                    }

                    position++;
                    var display = value.Display + "." + name.Text;
                    var id = refs.Add(RefKind.Attribute, name.Text, display, null, source.LocationOf(value.Offset));
                    value = new Expr($"__attr({value.Code}, {id})", display, value.Offset);
                }
                else if (token.Is(ExprTokenKind.Operator, "["))
                {
                    position++;
                    var key = ParseOr();
                    Expect("]");
                    var display = value.Display + "[" + key.Display + "]";
                    var id = refs.Add(RefKind.Item, key.Display, display, null, source.LocationOf(value.Offset));
                    value = new Expr($"__item({value.Code}, {key.Code}, {id})", display, value.Offset);
                }
                else if (token.Is(ExprTokenKind.Operator, "("))
                {
                    throw Unsupported($"calling '{value.Display}(...)'", token);
                }
                else
                {
                    return value;
                }
            }
        }

        private Expr ParseFilter(Expr value)
        {
            var name = Current;
            if (name.Kind != ExprTokenKind.Name)
            {
                throw TemplateErrors.Syntax($"Expected a filter name after '|', got {name}", Location(name));
            }

            position++;
            if (!FilterArity.TryGetValue(name.Text, out var arity))
            {
                throw Unsupported($"the filter '{name.Text}'", name);
            }

            var args = ParseCallArguments();
            if (args.Count < arity.Min || args.Count > arity.Max)
            {
                throw TemplateErrors.Syntax(
                    $"The filter '{name.Text}' takes {Describe(arity)} argument(s), got {args.Count}", Location(name));
            }

            var canonical = name.Text == "d" ? "default" : name.Text == "count" ? "length" : name.Text;
            var id = refs.Add(RefKind.Filter, canonical, value.Display, null, Location(name));
            var call = string.Concat(args.Select(a => ", " + a));
            return new Expr($"__filter({value.Code}, {id}{call})", value.Display, value.Offset);
        }

        private List<string> ParseCallArguments()
        {
            var args = new List<string>();
            if (!Current.Is(ExprTokenKind.Operator, "("))
            {
                return args;
            }

            position++;
            while (!Current.Is(ExprTokenKind.Operator, ")"))
            {
                if (Current.Kind == ExprTokenKind.Name && tokens[position + 1].Is(ExprTokenKind.Operator, "="))
                {
                    throw Unsupported($"the keyword argument '{Current.Text}='", Current);
                }

                args.Add(ParseOr().Code);
                if (!Current.Is(ExprTokenKind.Operator, ","))
                {
                    break;
                }

                position++;
            }

            Expect(")");
            return args;
        }

        private Expr ParseTest(Expr value)
        {
            position++;
            var negate = false;
            if (Current.Is(ExprTokenKind.Name, "not"))
            {
                negate = true;
                position++;
            }

            var name = Current;
            if (name.Kind != ExprTokenKind.Name)
            {
                throw TemplateErrors.Syntax($"Expected a test name after 'is', got {name}", Location(name));
            }

            position++;
            if (!Tests.Contains(name.Text))
            {
                throw Unsupported($"the test 'is {name.Text}'", name);
            }

            var id = refs.Add(RefKind.Test, name.Text, value.Display, null, Location(name));
            var code = $"__test({value.Code}, {id})";
            return new Expr(negate ? $"__not({code})" : code, value.Display, value.Offset);
        }

        private Expr Literal(object? literal, ExprToken token)
        {
            var display = literal is string s ? "'" + s + "'" : PythonSemantics.Str(literal);
            var id = refs.Add(RefKind.Literal, display, display, literal, Location(token));
            return new Expr($"__lit({id})", display, token.Offset);
        }

        /// <summary>A number literal as Python holds it: 1_000 is 1000, 2.50 is the float 2.5, 1e3 is 1000.0.</summary>
        private static TemplateNumber PythonNumber(string text)
        {
            text = text.Replace("_", string.Empty);
            if (text.IndexOfAny(new[] { '.', 'e', 'E' }) < 0)
            {
                return new TemplateNumber(BigInteger.Parse(text, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
            }

            var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            var repr = value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e");
            if (repr.IndexOfAny(new[] { '.', 'e', 'n', 'I' }) < 0)
            {
                repr += ".0";
            }

            return new TemplateNumber(repr);
        }

        private void Expect(string op)
        {
            if (!Current.Is(ExprTokenKind.Operator, op))
            {
                throw TemplateErrors.Syntax($"Expected '{op}', got {Current}", Location(Current));
            }

            position++;
        }

        private SourceLocation Location(ExprToken token) => source.LocationOf(token.Offset);

        private Errors.CloudComposeException Unsupported(string form, ExprToken token) =>
            TemplateErrors.Unsupported(form, Location(token));

        private static string Describe((int Min, int Max) arity) =>
            arity.Min == arity.Max
                ? arity.Min.ToString(CultureInfo.InvariantCulture)
                : $"{arity.Min} to {arity.Max}";

        private readonly struct Expr
        {
            public Expr(string code, string display, int offset)
            {
                Code = code;
                Display = display;
                Offset = offset;
            }

            public string Code { get; }

            public string Display { get; }

            public int Offset { get; }
        }
    }
}
