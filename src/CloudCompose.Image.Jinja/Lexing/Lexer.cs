using System.Collections.Generic;
using System.Globalization;
using CloudCompose.Image.Jinja.Loading;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Unicode;

namespace CloudCompose.Image.Jinja.Lexing
{
    /// <summary>
    /// Splits a template into tokens the way Jinja2's lexer does with the default delimiters: text, <c>{{ }}</c>,
    /// <c>{% %}</c>, <c>{# #}</c>, <c>{% raw %}</c>, the <c>-</c> whitespace control (and <c>+</c>, a no-op
    /// while lstrip_blocks is off), brace balancing inside tags, and Python literals.
    /// </summary>
    internal sealed class Lexer
    {
        private readonly TemplateSource source;
        private readonly string text;
        private readonly List<Token> tokens = new List<Token>();
        private int pos;

        private Lexer(TemplateSource source)
        {
            this.source = source;
            text = source.Text;
        }

        public static List<Token> Tokenize(TemplateSource source)
        {
            var lexer = new Lexer(source);
            lexer.Run();
            return lexer.tokens;
        }

        private void Run()
        {
            while (pos < text.Length)
            {
                var start = FindTagStart(pos);
                if (start < 0)
                {
                    Add(TokenType.Data, text.Substring(pos), pos);
                    break;
                }

                var kind = text[start + 1];
                var sign = start + 2 < text.Length && (text[start + 2] == '-' || text[start + 2] == '+') ? text[start + 2] : '\0';
                var data = text.Substring(pos, start - pos);
                if (sign == '-')
                {
                    data = PyStr.StripWhitespace(data, false, true);
                }

                if (data.Length > 0)
                {
                    Add(TokenType.Data, data, pos);
                }

                var afterBegin = start + 2 + (sign == '\0' ? 0 : 1);
                if (kind == '%' && TryRaw(start, afterBegin))
                {
                    continue;
                }

                pos = afterBegin;
                switch (kind)
                {
                    case '#':
                        SkipComment(start);
                        break;
                    case '%':
                        Add(TokenType.BlockBegin, null, start);
                        InsideTag(TokenType.BlockEnd);
                        break;
                    default:
                        Add(TokenType.VariableBegin, null, start);
                        InsideTag(TokenType.VariableEnd);
                        break;
                }
            }

            // Jinja2's end-of-template token carries the line where the last token started.
            var last = tokens.Count > 0 ? tokens[tokens.Count - 1] : null;
            tokens.Add(new Token(TokenType.Eof, null, last?.Line ?? 1, last?.Column ?? 1));
        }

        private int FindTagStart(int from)
        {
            for (var i = from; i < text.Length - 1; i++)
            {
                if (text[i] == '{' && (text[i + 1] == '{' || text[i + 1] == '%' || text[i + 1] == '#'))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>{% raw %}…{% endraw %}: everything between is one text token.</summary>
        private bool TryRaw(int tagStart, int afterBegin)
        {
            var i = SkipSpace(afterBegin);
            if (!At(i, "raw"))
            {
                return false;
            }

            i = SkipSpace(i + 3);
            int bodyStart;
            if (At(i, "-%}"))
            {
                bodyStart = SkipSpace(i + 3);
            }
            else if (At(i, "%}"))
            {
                bodyStart = i + 2;
            }
            else
            {
                return false;
            }

            for (var j = bodyStart; j < text.Length - 1; j++)
            {
                if (text[j] != '{' || text[j + 1] != '%')
                {
                    continue;
                }

                var sign = j + 2 < text.Length && (text[j + 2] == '-' || text[j + 2] == '+') ? text[j + 2] : '\0';
                var k = SkipSpace(j + 2 + (sign == '\0' ? 0 : 1));
                if (!At(k, "endraw"))
                {
                    continue;
                }

                k = SkipSpace(k + 6);
                int end;
                if (At(k, "+%}") )
                {
                    end = k + 3;
                }
                else if (At(k, "-%}"))
                {
                    end = SkipSpace(k + 3);
                }
                else if (At(k, "%}"))
                {
                    end = k + 2;
                }
                else
                {
                    continue;
                }

                var body = text.Substring(bodyStart, j - bodyStart);
                if (sign == '-')
                {
                    body = PyStr.StripWhitespace(body, false, true);
                }

                if (body.Length > 0)
                {
                    Add(TokenType.Data, body, bodyStart);
                }

                pos = end;
                return true;
            }

            throw Error("Missing end of raw directive", tagStart);
        }

        private void SkipComment(int tagStart)
        {
            var close = text.IndexOf("#}", pos, System.StringComparison.Ordinal);
            if (close < 0)
            {
                throw Error("Missing end of comment tag", tagStart);
            }

            pos = close > pos && text[close - 1] == '-' ? SkipSpace(close + 2) : close + 2;
        }

        private void InsideTag(TokenType end)
        {
            var balance = new Stack<char>();
            while (pos < text.Length)
            {
                if (balance.Count == 0 && TryEnd(end))
                {
                    return;
                }

                var c = text[pos];
                if (PyStr.IsSpaceChar(c))
                {
                    pos++;
                    continue;
                }

                if (TryNumber() || TryName() || TryString())
                {
                    continue;
                }

                var op = Operator();
                if (op == null)
                {
                    throw Error($"unexpected char {PyRepr.Repr(c.ToString())} at {pos}", pos);
                }

                var (type, length) = op.Value;
                if (type == TokenType.LBrace || type == TokenType.LParen || type == TokenType.LBracket)
                {
                    balance.Push(type == TokenType.LBrace ? '}' : type == TokenType.LParen ? ')' : ']');
                }
                else if (type == TokenType.RBrace || type == TokenType.RParen || type == TokenType.RBracket)
                {
                    var closer = text[pos];
                    if (balance.Count == 0)
                    {
                        throw Error($"unexpected '{closer}'", pos);
                    }

                    var expected = balance.Pop();
                    if (expected != closer)
                    {
                        throw Error($"unexpected '{closer}', expected '{expected}'", pos);
                    }
                }

                Add(type, null, pos);
                pos += length;
            }
        }

        private bool TryEnd(TokenType end)
        {
            if (end == TokenType.BlockEnd)
            {
                if (At(pos, "+%}"))
                {
                    Add(end, null, pos);
                    pos += 3;
                    return true;
                }

                if (At(pos, "-%}"))
                {
                    Add(end, null, pos);
                    pos = SkipSpace(pos + 3);
                    return true;
                }

                if (At(pos, "%}"))
                {
                    Add(end, null, pos);
                    pos += 2;
                    return true;
                }

                return false;
            }

            if (At(pos, "-}}"))
            {
                Add(end, null, pos);
                pos = SkipSpace(pos + 3);
                return true;
            }

            if (At(pos, "}}"))
            {
                Add(end, null, pos);
                pos += 2;
                return true;
            }

            return false;
        }

        private bool TryNumber()
        {
            if (!IsDigit(pos))
            {
                return false;
            }

            // float_re first: digits with an exponent or a fraction, never right after a '.'.
            if (pos == 0 || text[pos - 1] != '.')
            {
                var i = Digits(pos);
                var isFloat = false;
                if (i < text.Length && text[i] == '.' && IsDigit(i + 1))
                {
                    i = Digits(i + 1);
                    isFloat = true;
                }

                var exponentEnd = Exponent(i);
                if (exponentEnd > 0)
                {
                    i = exponentEnd;
                    isFloat = true;
                }

                if (isFloat)
                {
                    var literal = text.Substring(pos, i - pos).Replace("_", string.Empty);
                    Add(TokenType.Float, PyFloat.ParseInvariant(literal), pos);
                    pos = i;
                    return true;
                }
            }

            var end = IntegerEnd(pos, out var radix);
            var digits = text.Substring(pos, end - pos).Replace("_", string.Empty);
            if (radix != 10)
            {
                digits = digits.Substring(2);
            }

            PyInt.TryParse(digits, radix, out var value);
            Add(TokenType.Integer, value, pos);
            pos = end;
            return true;
        }

        /// <summary>(\d+_)*\d+ from <paramref name="i"/>; returns the end.</summary>
        private int Digits(int i)
        {
            while (true)
            {
                while (IsDigit(i))
                {
                    i++;
                }

                if (i < text.Length && text[i] == '_' && IsDigit(i + 1))
                {
                    i++;
                    continue;
                }

                return i;
            }
        }

        private int Exponent(int i)
        {
            if (i >= text.Length || (text[i] != 'e' && text[i] != 'E'))
            {
                return -1;
            }

            var j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
            {
                j++;
            }

            return IsDigit(j) ? Digits(j) : -1;
        }

        private int IntegerEnd(int i, out int radix)
        {
            radix = 10;
            if (text[i] == '0' && i + 1 < text.Length)
            {
                var p = char.ToLowerInvariant(text[i + 1]);
                var prefixed = p == 'b' ? 2 : p == 'o' ? 8 : p == 'x' ? 16 : 0;
                if (prefixed != 0)
                {
                    var j = i + 2;
                    var end = -1;
                    while (true)
                    {
                        var k = j < text.Length && text[j] == '_' ? j + 1 : j;
                        if (k < text.Length && DigitIn(text[k], prefixed))
                        {
                            j = k + 1;
                            end = j;
                            continue;
                        }

                        break;
                    }

                    if (end > 0)
                    {
                        radix = prefixed;
                        return end;
                    }
                }

                // 0(_?0)*: a decimal zero; "007" lexes as 00 and 7, as in Jinja2.
                var z = i + 1;
                while (true)
                {
                    var k = z < text.Length && text[z] == '_' ? z + 1 : z;
                    if (k < text.Length && text[k] == '0')
                    {
                        z = k + 1;
                        continue;
                    }

                    return z;
                }
            }

            var e = i + 1;
            while (true)
            {
                var k = e < text.Length && text[e] == '_' ? e + 1 : e;
                if (IsDigit(k))
                {
                    e = k + 1;
                    continue;
                }

                return e;
            }
        }

        private static bool DigitIn(char c, int radix) => radix switch
        {
            2 => c == '0' || c == '1',
            8 => c >= '0' && c <= '7',
            _ => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'),
        };

        private bool TryName()
        {
            var i = pos;
            while (i < text.Length)
            {
                var cp = (int)text[i];
                var width = 1;
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    cp = char.ConvertToUtf32(text[i], text[i + 1]);
                    width = 2;
                }

                if (!UnicodeData.IsWord(cp) && !UnicodeData.Has(cp, UnicodeTables.IdentifierContinue))
                {
                    break;
                }

                i += width;
            }

            if (i == pos)
            {
                return false;
            }

            var name = text.Substring(pos, i - pos);
            if (!PyStr.IsIdentifier(name))
            {
                throw Error("Invalid character in identifier", pos);
            }

            Add(TokenType.Name, name, pos);
            pos = i;
            return true;
        }

        private bool TryString()
        {
            var quote = text[pos];
            if (quote != '\'' && quote != '"')
            {
                return false;
            }

            var i = pos + 1;
            while (i < text.Length && text[i] != quote)
            {
                i += text[i] == '\\' && i + 1 < text.Length ? 2 : 1;
            }

            if (i >= text.Length)
            {
                return false;
            }

            var line = source.LineOf(pos);
            string value;
            try
            {
                value = StringLiteral.Decode(text.Substring(pos + 1, i - pos - 1));
            }
            catch (StringLiteral.EscapeException e)
            {
                throw Error(e.Message, pos);
            }

            tokens.Add(new Token(TokenType.String, value, line, source.ColumnOf(pos)));
            pos = i + 1;
            return true;
        }

        private (TokenType, int)? Operator()
        {
            var c = text[pos];
            var next = pos + 1 < text.Length ? text[pos + 1] : '\0';
            switch (c)
            {
                case '/':
                    return next == '/' ? (TokenType.FloorDiv, 2) : (TokenType.Div, 1);
                case '*':
                    return next == '*' ? (TokenType.Pow, 2) : (TokenType.Mul, 1);
                case '=':
                    return next == '=' ? (TokenType.Eq, 2) : (TokenType.Assign, 1);
                case '!':
                    return next == '=' ? (TokenType.Ne, 2) : ((TokenType, int)?)null;
                case '>':
                    return next == '=' ? (TokenType.GtEq, 2) : (TokenType.Gt, 1);
                case '<':
                    return next == '=' ? (TokenType.LtEq, 2) : (TokenType.Lt, 1);
                case '+':
                    return (TokenType.Add, 1);
                case '-':
                    return (TokenType.Sub, 1);
                case '%':
                    return (TokenType.Mod, 1);
                case '~':
                    return (TokenType.Tilde, 1);
                case '[':
                    return (TokenType.LBracket, 1);
                case ']':
                    return (TokenType.RBracket, 1);
                case '(':
                    return (TokenType.LParen, 1);
                case ')':
                    return (TokenType.RParen, 1);
                case '{':
                    return (TokenType.LBrace, 1);
                case '}':
                    return (TokenType.RBrace, 1);
                case '.':
                    return (TokenType.Dot, 1);
                case ':':
                    return (TokenType.Colon, 1);
                case '|':
                    return (TokenType.Pipe, 1);
                case ',':
                    return (TokenType.Comma, 1);
                case ';':
                    return (TokenType.Semicolon, 1);
                default:
                    return null;
            }
        }

        private bool IsDigit(int i) => i < text.Length && text[i] >= '0' && text[i] <= '9';

        private bool At(int i, string s) => i + s.Length <= text.Length && string.CompareOrdinal(text, i, s, 0, s.Length) == 0;

        private int SkipSpace(int i)
        {
            while (i < text.Length && PyStr.IsSpaceChar(text[i]))
            {
                i++;
            }

            return i;
        }

        private void Add(TokenType type, object? value, int offset) =>
            tokens.Add(new Token(type, value, source.LineOf(offset), source.ColumnOf(offset)));

        private JinjaException Error(string message, int offset)
        {
            var error = Raise.Syntax(message);
            error.Location = source.Location(source.LineOf(offset), source.ColumnOf(offset));
            error.Positioned = true;
            return error;
        }
    }
}
