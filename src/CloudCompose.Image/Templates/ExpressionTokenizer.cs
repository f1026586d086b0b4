using System.Collections.Generic;
using System.Text;

namespace CloudCompose.Image.Templates
{
    internal enum ExprTokenKind
    {
        Name,
        String,
        Number,
        Operator,
        End,
    }

    /// <summary>A token inside a tag; <see cref="Offset"/> is in the normalized template source.</summary>
    internal readonly struct ExprToken
    {
        public ExprToken(ExprTokenKind kind, string text, int offset)
        {
            Kind = kind;
            Text = text;
            Offset = offset;
        }

        public ExprTokenKind Kind { get; }

        /// <summary>The name, operator or number as written; a string's decoded value.</summary>
        public string Text { get; }

        public int Offset { get; }

        public bool Is(ExprTokenKind kind, string text) => Kind == kind && Text == text;

        public override string ToString() => Kind == ExprTokenKind.End ? "end of tag" : $"'{Text}'";
    }

    /// <summary>Splits the inside of a Jinja tag into names, literals and operators, as Jinja2's lexer does.</summary>
    internal static class ExpressionTokenizer
    {
        private static readonly string[] Operators =
        {
            "//", "**", "==", "!=", "<=", ">=", "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}",
            "<", ">", "=", ".", ":", "|", ",", ";",
        };

        public static List<ExprToken> Tokenize(TemplateSource source, int start, int end)
        {
            var text = source.Text;
            var tokens = new List<ExprToken>();
            var i = start;
            while (i < end)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (char.IsLetter(c) || c == '_')
                {
                    var j = i + 1;
                    while (j < end && (char.IsLetterOrDigit(text[j]) || text[j] == '_'))
                    {
                        j++;
                    }

                    tokens.Add(new ExprToken(ExprTokenKind.Name, text.Substring(i, j - i), i));
                    i = j;
                }
                else if (char.IsDigit(c))
                {
                    i = ReadNumber(text, i, end, tokens);
                }
                else if (c == '\'' || c == '"')
                {
                    i = ReadString(source, i, end, tokens);
                }
                else
                {
                    var op = MatchOperator(text, i, end);
                    if (op == null)
                    {
                        throw TemplateErrors.Syntax($"Unexpected character '{c}'", source.LocationOf(i));
                    }

                    tokens.Add(new ExprToken(ExprTokenKind.Operator, op, i));
                    i += op.Length;
                }
            }

            tokens.Add(new ExprToken(ExprTokenKind.End, string.Empty, end));
            return tokens;
        }

        private static int ReadNumber(string text, int i, int end, List<ExprToken> tokens)
        {
            var j = i;
            while (j < end && (char.IsDigit(text[j]) || text[j] == '_'))
            {
                j++;
            }

            if (j + 1 < end && text[j] == '.' && char.IsDigit(text[j + 1]))
            {
                j++;
                while (j < end && (char.IsDigit(text[j]) || text[j] == '_'))
                {
                    j++;
                }
            }

            if (j < end && (text[j] == 'e' || text[j] == 'E'))
            {
                var k = j + 1;
                if (k < end && (text[k] == '+' || text[k] == '-'))
                {
                    k++;
                }

                if (k < end && char.IsDigit(text[k]))
                {
                    j = k;
                    while (j < end && char.IsDigit(text[j]))
                    {
                        j++;
                    }
                }
            }

            tokens.Add(new ExprToken(ExprTokenKind.Number, text.Substring(i, j - i), i));
            return j;
        }

        private static int ReadString(TemplateSource source, int i, int end, List<ExprToken> tokens)
        {
            var text = source.Text;
            var quote = text[i];
            var value = new StringBuilder();
            var j = i + 1;
            while (j < end && text[j] != quote)
            {
                if (text[j] == '\\' && j + 1 < end)
                {
                    value.Append(Unescape(text[j + 1]));
                    j += 2;
                }
                else
                {
                    value.Append(text[j]);
                    j++;
                }
            }

            if (j >= end)
            {
                throw TemplateErrors.Syntax("Unterminated string literal", source.LocationOf(i));
            }

            tokens.Add(new ExprToken(ExprTokenKind.String, value.ToString(), i));
            return j + 1;
        }

        private static string Unescape(char c)
        {
            switch (c)
            {
                case 'n': return "\n";
                case 't': return "\t";
                case 'r': return "\r";
                case '\\': return "\\";
                case '\'': return "'";
                case '"': return "\"";
                case '0': return "\0";
                default: return "\\" + c;
            }
        }

        private static string? MatchOperator(string text, int i, int end)
        {
            foreach (var op in Operators)
            {
                if (i + op.Length <= end && string.CompareOrdinal(text, i, op, 0, op.Length) == 0)
                {
                    return op;
                }
            }

            return null;
        }
    }
}
