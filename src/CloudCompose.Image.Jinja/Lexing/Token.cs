using System.Collections.Generic;

namespace CloudCompose.Image.Jinja.Lexing
{
    /// <summary>One token: its type, its value (text, name, decoded string, int or float) and where it starts.</summary>
    internal sealed class Token
    {
        private static readonly Dictionary<TokenType, string> Descriptions = new Dictionary<TokenType, string>
        {
            [TokenType.Add] = "+",
            [TokenType.Sub] = "-",
            [TokenType.Div] = "/",
            [TokenType.FloorDiv] = "//",
            [TokenType.Mul] = "*",
            [TokenType.Mod] = "%",
            [TokenType.Pow] = "**",
            [TokenType.Tilde] = "~",
            [TokenType.LBracket] = "[",
            [TokenType.RBracket] = "]",
            [TokenType.LParen] = "(",
            [TokenType.RParen] = ")",
            [TokenType.LBrace] = "{",
            [TokenType.RBrace] = "}",
            [TokenType.Eq] = "==",
            [TokenType.Ne] = "!=",
            [TokenType.Gt] = ">",
            [TokenType.GtEq] = ">=",
            [TokenType.Lt] = "<",
            [TokenType.LtEq] = "<=",
            [TokenType.Assign] = "=",
            [TokenType.Dot] = ".",
            [TokenType.Colon] = ":",
            [TokenType.Pipe] = "|",
            [TokenType.Comma] = ",",
            [TokenType.Semicolon] = ";",
            [TokenType.BlockBegin] = "begin of statement block",
            [TokenType.BlockEnd] = "end of statement block",
            [TokenType.VariableBegin] = "begin of print statement",
            [TokenType.VariableEnd] = "end of print statement",
            [TokenType.Data] = "template data / text",
            [TokenType.Eof] = "end of template",
            [TokenType.Name] = "name",
            [TokenType.String] = "string",
            [TokenType.Integer] = "integer",
            [TokenType.Float] = "float",
        };

        public Token(TokenType type, object? value, int line, int column)
        {
            Type = type;
            Value = value;
            Line = line;
            Column = column;
        }

        public TokenType Type { get; }

        public object? Value { get; }

        public int Line { get; }

        public int Column { get; }

        /// <summary>The name's text when this is a name token.</summary>
        public string? Name => Type == TokenType.Name ? (string?)Value : null;

        public bool IsName(string name) => Type == TokenType.Name && (string?)Value == name;

        /// <summary>Jinja2's describe_token: a name is itself, an operator its symbol.</summary>
        public string Describe() => Type == TokenType.Name ? (string)Value! : Describe(Type);

        public static string Describe(TokenType type) => Descriptions[type];
    }
}
