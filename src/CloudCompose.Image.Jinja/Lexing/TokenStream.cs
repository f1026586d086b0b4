using System.Collections.Generic;
using CloudCompose.Image.Jinja.Loading;
using CloudCompose.Image.Jinja.Python;

namespace CloudCompose.Image.Jinja.Lexing
{
    /// <summary>The parser's view of the tokens: the current one, one of look-ahead, and Jinja2's expect() errors.</summary>
    internal sealed class TokenStream
    {
        private readonly List<Token> tokens;
        private readonly TemplateSource source;
        private int index;

        public TokenStream(List<Token> tokens, TemplateSource source)
        {
            this.tokens = tokens;
            this.source = source;
        }

        public Token Current => tokens[index];

        public bool AtEnd => Current.Type == TokenType.Eof;

        public Token Look() => tokens[System.Math.Min(index + 1, tokens.Count - 1)];

        public Token Next()
        {
            var token = tokens[index];
            if (index < tokens.Count - 1)
            {
                index++;
            }

            return token;
        }

        public void Skip(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Next();
            }
        }

        public bool SkipIf(TokenType type)
        {
            if (Current.Type != type)
            {
                return false;
            }

            Next();
            return true;
        }

        public bool SkipIfName(string name)
        {
            if (!Current.IsName(name))
            {
                return false;
            }

            Next();
            return true;
        }

        public Token Expect(TokenType type) => Current.Type == type ? Next() : throw Unexpected(Token.Describe(type));

        public Token ExpectName(string name) => Current.IsName(name) ? Next() : throw Unexpected(name);

        public JinjaException Unexpected(string expected) =>
            AtEnd
                ? Fail($"unexpected end of template, expected {PyRepr.Repr(expected)}.", Current)
                : Fail($"expected token {PyRepr.Repr(expected)}, got {PyRepr.Repr(Current.Describe())}", Current);

        public JinjaException Fail(string message, Token at) => Fail(message, at.Line, at.Column);

        public JinjaException Fail(string message, int line, int column)
        {
            var error = Raise.Syntax(message);
            error.Location = source.Location(line, column);
            error.Positioned = true;
            return error;
        }
    }
}
