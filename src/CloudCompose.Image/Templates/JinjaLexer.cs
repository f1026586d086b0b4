using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace CloudCompose.Image.Templates
{
    /// <summary>
    /// Splits a template into text and tags the way Jinja2's lexer does with default delimiters,
    /// then applies '-' whitespace control, so the Liquid we emit never needs Fluid's own trimming.
    /// </summary>
    internal static class JinjaLexer
    {
        private static readonly Regex RawTag = new Regex(@"^\s*raw\s*$", RegexOptions.Compiled);
        private static readonly Regex EndRaw = new Regex(@"\{%([-+]?)\s*endraw\s*(-?)%\}", RegexOptions.Compiled);

        public static List<JinjaToken> Tokenize(TemplateSource source)
        {
            var text = source.Text;
            var tokens = new List<JinjaToken>();
            var i = 0;
            while (i < text.Length)
            {
                var open = FindOpen(text, i);
                if (open < 0)
                {
                    tokens.Add(TextToken(text, i, text.Length));
                    break;
                }

                if (open > i)
                {
                    tokens.Add(TextToken(text, i, open));
                }

                i = ReadTag(source, open, tokens);
            }

            ApplyWhitespaceControl(tokens);
            tokens.RemoveAll(t => t.Kind == JinjaTokenKind.Text && t.Text.Length == 0);
            return tokens;
        }

        private static int FindOpen(string text, int from)
        {
            for (var j = text.IndexOf('{', from); j >= 0 && j + 1 < text.Length; j = text.IndexOf('{', j + 1))
            {
                var c = text[j + 1];
                if (c == '{' || c == '%' || c == '#')
                {
                    return j;
                }
            }

            return -1;
        }

        private static JinjaToken TextToken(string text, int start, int end) =>
            new JinjaToken(JinjaTokenKind.Text, start, start, end, text.Substring(start, end - start));

        /// <summary>Reads the tag opening at <paramref name="open"/>; returns the offset after it.</summary>
        private static int ReadTag(TemplateSource source, int open, List<JinjaToken> tokens)
        {
            var text = source.Text;
            var kindChar = text[open + 1];
            var contentStart = open + 2;
            var trimBefore = false;
            if (contentStart < text.Length && (text[contentStart] == '-' || text[contentStart] == '+'))
            {
                trimBefore = text[contentStart] == '-';
                contentStart++;
            }

            if (kindChar == '#')
            {
                var close = text.IndexOf("#}", contentStart, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw TemplateErrors.Syntax("Missing end of comment tag '#}'", source.LocationOf(open));
                }

                tokens.Add(new JinjaToken(JinjaTokenKind.Comment, open, contentStart, close, string.Empty)
                {
                    TrimBefore = trimBefore,
                    TrimAfter = close > contentStart && text[close - 1] == '-',
                });
                return close + 2;
            }

            var endDelimiter = kindChar == '{' ? "}}" : "%}";
            var end = FindClose(text, contentStart, endDelimiter);
            if (end < 0)
            {
                var what = kindChar == '{' ? "'{{' has no matching '}}'" : "'{%' has no matching '%}'";
                throw TemplateErrors.Syntax($"Unexpected end of template: {what}", source.LocationOf(open));
            }

            var trimAfter = end > contentStart && text[end - 1] == '-';
            var contentEnd = trimAfter ? end - 1 : end;
            var inner = text.Substring(contentStart, contentEnd - contentStart);
            var after = end + 2;

            if (kindChar == '%' && RawTag.IsMatch(inner))
            {
                return ReadRaw(source, open, after, trimBefore, trimAfter, tokens);
            }

            var kind = kindChar == '{' ? JinjaTokenKind.Output : JinjaTokenKind.Block;
            tokens.Add(new JinjaToken(kind, open, contentStart, contentEnd, inner) { TrimBefore = trimBefore, TrimAfter = trimAfter });
            return after;
        }

        private static int ReadRaw(TemplateSource source, int open, int bodyStart, bool trimBefore, bool trimBodyStart, List<JinjaToken> tokens)
        {
            var text = source.Text;
            var match = EndRaw.Match(text, bodyStart);
            if (!match.Success)
            {
                throw TemplateErrors.Syntax("Missing '{% endraw %}' for this '{% raw %}'", source.LocationOf(open));
            }

            var body = text.Substring(bodyStart, match.Index - bodyStart);
            var start = bodyStart;
            if (trimBodyStart)
            {
                var trimmed = body.TrimStart();
                start += body.Length - trimmed.Length;
                body = trimmed;
            }

            if (match.Groups[1].Value == "-")
            {
                body = body.TrimEnd();
            }

            tokens.Add(new JinjaToken(JinjaTokenKind.RawText, open, start, match.Index, body)
            {
                TrimBefore = trimBefore,
                TrimAfter = match.Groups[2].Value == "-",
            });
            return match.Index + match.Length;
        }

        /// <summary>Finds the closing delimiter, skipping string literals that may contain it.</summary>
        private static int FindClose(string text, int from, string delimiter)
        {
            for (var j = from; j < text.Length; j++)
            {
                var c = text[j];
                if (c == '\'' || c == '"')
                {
                    var k = j + 1;
                    while (k < text.Length && text[k] != c)
                    {
                        k += text[k] == '\\' ? 2 : 1;
                    }

                    if (k >= text.Length)
                    {
                        // An unterminated string: let the expression reader report it.
                        return text.IndexOf(delimiter, from, StringComparison.Ordinal);
                    }

                    j = k;
                    continue;
                }

                if (c == delimiter[0] && j + 1 < text.Length && text[j + 1] == delimiter[1])
                {
                    return j;
                }
            }

            return -1;
        }

        private static void ApplyWhitespaceControl(List<JinjaToken> tokens)
        {
            for (var k = 0; k < tokens.Count; k++)
            {
                var token = tokens[k];
                if (token.TrimBefore && k > 0 && tokens[k - 1].Kind == JinjaTokenKind.Text)
                {
                    tokens[k - 1].Text = tokens[k - 1].Text.TrimEnd();
                }

                if (token.TrimAfter && k + 1 < tokens.Count && tokens[k + 1].Kind == JinjaTokenKind.Text)
                {
                    var next = tokens[k + 1];
                    var trimmed = next.Text.TrimStart();
                    next.ContentStart += next.Text.Length - trimmed.Length;
                    next.Start = next.ContentStart;
                    next.Text = trimmed;
                }
            }
        }
    }
}
