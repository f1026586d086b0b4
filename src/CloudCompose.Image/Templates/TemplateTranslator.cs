using CloudCompose.Image.Text;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace CloudCompose.Image.Templates
{
    /// <summary>
    /// Translates one Jinja template into Liquid for Fluid: text stays as is, tags and expressions are
    /// rewritten, and block nesting is checked here so errors name the Jinja tag and its position.
    /// </summary>
    internal static class TemplateTranslator
    {
        private static readonly HashSet<string> UnsupportedTags = new HashSet<string>
        {
            "macro", "endmacro", "call", "endcall", "filter", "endfilter", "extends", "block", "endblock",
            "import", "from", "with", "endwith", "autoescape", "endautoescape", "do", "break", "continue",
            "print", "trans", "endtrans", "pluralize", "endset",
        };

        private static readonly HashSet<string> Constants = new HashSet<string> { "true", "false", "none", "True", "False", "None" };
        private static readonly Regex AsciiName = new Regex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.Compiled);
        private static readonly Regex LiquidDelimiter = new Regex(@"\{[{%]|\{$", RegexOptions.Compiled);

        public static TranslatedTemplate Translate(TemplateSource source, TemplateRefs refs)
        {
            var result = new TranslatedTemplate(source);
            var blocks = new Stack<OpenBlock>();
            foreach (var token in JinjaLexer.Tokenize(source))
            {
                switch (token.Kind)
                {
                    case JinjaTokenKind.Text:
                    case JinjaTokenKind.RawText:
                        AppendText(result, token);
                        break;
                    case JinjaTokenKind.Output:
                        var reader = Reader(source, refs, token);
                        var code = reader.Translate();
                        reader.ExpectEnd("'{{ ... }}'");
                        result.Append("{{ " + code + " }}", token.Start, exact: false);
                        break;
                    case JinjaTokenKind.Block:
                        result.Append(TranslateTag(source, refs, token, blocks), token.Start, exact: false);
                        break;
                }
            }

            if (blocks.Count > 0)
            {
                var open = blocks.Peek();
                throw TemplateErrors.Syntax(
                    $"Unexpected end of template: '{{% {open.Kind} %}}' is never closed (expected '{{% end{open.Kind} %}}')",
                    source.LocationOf(open.Offset));
            }

            return result;
        }

        private static void AppendText(TranslatedTemplate result, JinjaToken token)
        {
            // Jinja text can look like Liquid only in {% raw %} or next to a trimmed tag ("{" + "{%").
            if (LiquidDelimiter.IsMatch(token.Text))
            {
                result.Append("{% raw %}", token.ContentStart, exact: false);
                result.Append(token.Text, token.ContentStart, exact: true);
                result.Append("{% endraw %}", token.ContentStart + token.Text.Length, exact: false);
            }
            else
            {
                result.Append(token.Text, token.ContentStart, exact: true);
            }
        }

        private static ExpressionTranslator Reader(TemplateSource source, TemplateRefs refs, JinjaToken token) =>
            new ExpressionTranslator(source, refs, ExpressionTokenizer.Tokenize(source, token.ContentStart, token.ContentEnd), 0);

        private static string TranslateTag(TemplateSource source, TemplateRefs refs, JinjaToken token, Stack<OpenBlock> blocks)
        {
            var reader = Reader(source, refs, token);
            var at = source.LocationOf(token.Start);
            var name = reader.Current;
            if (name.Kind != ExprTokenKind.Name)
            {
                throw TemplateErrors.Syntax(name.Kind == ExprTokenKind.End ? "Empty tag '{% %}'" : $"Expected a tag name, got {name}", at);
            }

            var tag = name.Text;
            reader.Advance();
            string liquid;
            switch (tag)
            {
                case "if":
                    liquid = $"{{% if {reader.Translate()} %}}";
                    blocks.Push(new OpenBlock("if", token.Start));
                    break;
                case "elif":
                    Expect(blocks, "if", tag, at, allowAfterElse: false);
                    liquid = $"{{% elsif {reader.Translate()} %}}";
                    break;
                case "else":
                    var inFor = blocks.Count > 0 && blocks.Peek().Kind == "for";
                    Expect(blocks, inFor ? "for" : "if", tag, at, allowAfterElse: false);
                    blocks.Peek().ElseSeen = true;
                    liquid = inFor ? "{% __leave %}{% else %}" : "{% else %}";
                    break;
                case "endif":
                    Expect(blocks, "if", tag, at, allowAfterElse: true);
                    blocks.Pop();
                    liquid = "{% endif %}";
                    break;
                case "endfor":
                    Expect(blocks, "for", tag, at, allowAfterElse: true);
                    liquid = blocks.Pop().ElseSeen ? "{% endfor %}" : "{% __leave %}{% endfor %}";
                    break;
                case "for":
                    liquid = TranslateFor(source, refs, reader, at);
                    blocks.Push(new OpenBlock("for", token.Start));
                    break;
                case "set":
                    liquid = TranslateSet(reader, at);
                    break;
                case "include":
                    liquid = TranslateInclude(refs, reader, at);
                    break;
                default:
                    if (UnsupportedTags.Contains(tag))
                    {
                        throw TemplateErrors.Unsupported($"The tag '{{% {tag} %}}'", at);
                    }

                    throw TemplateErrors.Syntax($"Encountered unknown tag '{tag}'", at);
            }

            reader.ExpectEnd($"'{{% {tag} %}}'");
            return liquid;
        }

        private static void Expect(Stack<OpenBlock> blocks, string kind, string tag, SourceLocation at, bool allowAfterElse)
        {
            if (blocks.Count == 0 || blocks.Peek().Kind != kind)
            {
                var open = blocks.Count == 0 ? "no block is open" : $"the open block is '{{% {blocks.Peek().Kind} %}}'";
                throw TemplateErrors.Syntax($"Unexpected '{{% {tag} %}}': {open}", at);
            }

            if (!allowAfterElse && blocks.Peek().ElseSeen)
            {
                throw TemplateErrors.Syntax($"Unexpected '{{% {tag} %}}' after '{{% else %}}'", at);
            }
        }

        private static string TranslateFor(TemplateSource source, TemplateRefs refs, ExpressionTranslator reader, SourceLocation at)
        {
            var target = reader.Current;
            if (target.Kind != ExprTokenKind.Name)
            {
                throw TemplateErrors.Syntax($"Expected a loop variable name, got {target}", source.LocationOf(target.Offset));
            }

            CheckAssignable(target, source.LocationOf(target.Offset));

            reader.Advance();
            if (reader.Current.Is(ExprTokenKind.Operator, ","))
            {
                throw TemplateErrors.Unsupported("Unpacking several loop variables ('for a, b in ...')", source.LocationOf(reader.Current.Offset));
            }

            if (!reader.Current.Is(ExprTokenKind.Name, "in"))
            {
                throw TemplateErrors.Syntax($"Expected 'in' after the loop variable, got {reader.Current}", source.LocationOf(reader.Current.Offset));
            }

            reader.Advance();
            var iterable = reader.Translate(stopAtIf: true);
            if (reader.Current.Is(ExprTokenKind.Name, "if"))
            {
                throw TemplateErrors.Unsupported("Filtering a loop with 'for ... if ...'", source.LocationOf(reader.Current.Offset));
            }

            if (reader.Current.Is(ExprTokenKind.Name, "recursive"))
            {
                throw TemplateErrors.Unsupported("A recursive loop", source.LocationOf(reader.Current.Offset));
            }

            var id = refs.Add(RefKind.Iterate, target.Text, target.Text, null, at);
            return $"{{% for {target.Text} in __iter({iterable}, {id}) %}}{{% __enter %}}";
        }

        private static string TranslateSet(ExpressionTranslator reader, SourceLocation at)
        {
            var target = reader.Current;
            if (target.Kind != ExprTokenKind.Name)
            {
                throw TemplateErrors.Syntax($"Expected a variable name after 'set', got {target}", at);
            }

            CheckAssignable(target, at);

            reader.Advance();
            if (!reader.Current.Is(ExprTokenKind.Operator, "="))
            {
                var form = reader.Current.Kind == ExprTokenKind.End ? "A block assignment '{% set x %}...{% endset %}'" : $"The assignment form 'set {target.Text}{reader.Current.Text}...'";
                throw TemplateErrors.Unsupported(form, at);
            }

            reader.Advance();
            return $"{{% assign {target.Text} = __force({reader.Translate()}) %}}";
        }

        private static string TranslateInclude(TemplateRefs refs, ExpressionTranslator reader, SourceLocation at)
        {
            var target = reader.Current;
            if (target.Kind != ExprTokenKind.String)
            {
                throw TemplateErrors.Unsupported("An include of a computed template name (only a quoted name)", at);
            }

            reader.Advance();
            if (reader.Current.Kind != ExprTokenKind.End)
            {
                throw TemplateErrors.Unsupported($"'include ... {reader.Current.Text}'", at);
            }

            var id = refs.Add(RefKind.Include, target.Text, target.Text, null, at);
            return $"{{% __include {id} %}}";
        }

        /// <summary>Liquid identifiers are ASCII, and Jinja2 refuses to assign to its constants.</summary>
        private static void CheckAssignable(ExprToken name, SourceLocation at)
        {
            if (Constants.Contains(name.Text))
            {
                throw TemplateErrors.Syntax($"Can't assign to the constant '{name.Text}'", at);
            }

            if (!AsciiName.IsMatch(name.Text))
            {
                throw TemplateErrors.Unsupported($"Assigning to the non-ASCII name '{name.Text}'", at);
            }
        }

        private sealed class OpenBlock
        {
            public OpenBlock(string kind, int offset)
            {
                Kind = kind;
                Offset = offset;
            }

            public string Kind { get; }

            public int Offset { get; }

            public bool ElseSeen { get; set; }
        }
    }
}
