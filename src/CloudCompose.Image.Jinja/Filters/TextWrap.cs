using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using CloudCompose.Image.Jinja.Python;

namespace CloudCompose.Image.Jinja.Filters
{
    /// <summary>
    /// Python's textwrap.wrap as the wordwrap filter calls it (expand_tabs and replace_whitespace off): text split
    /// into words, whitespace and hyphenated pieces, then greedily packed into lines of at most the width.
    /// </summary>
    internal static class TextWrap
    {
        private const string Whitespace = @"[\t\n\x0b\x0c\r ]";
        private const string NoWhitespace = @"[^\t\n\x0b\x0c\r ]";
        private const string WordChar = @"[\p{L}\p{N}_]";
        private const string WordPunct = @"[\p{L}\p{N}_!""'&.,?]";
        private const string Letter = @"[\p{L}\p{Nl}\p{No}_]";

        private static readonly Regex WordSeparator = new Regex(
            "(" + Whitespace + "+"
            + "|(?<=" + WordPunct + ")-{2,}(?=" + WordChar + ")"
            + "|" + NoWhitespace + "+?(?:"
            + "-(?:(?<=" + Letter + "{2}-)|(?<=" + Letter + "-" + Letter + "-))(?=" + Letter + "-?" + Letter + ")"
            + "|(?=" + Whitespace + @"|\z)"
            + "|(?<=" + WordPunct + ")(?=-{2,}" + WordChar + ")"
            + "))",
            RegexOptions.CultureInvariant);

        private static readonly Regex SimpleSeparator = new Regex("(" + Whitespace + "+)", RegexOptions.CultureInvariant);

        public static List<string> Wrap(string text, long width, bool breakLongWords, bool breakOnHyphens)
        {
            if (width <= 0)
            {
                throw Raise.ValueError($"invalid width {width} (must be > 0)");
            }

            var chunks = (breakOnHyphens ? WordSeparator : SimpleSeparator).Split(text).Where(c => c.Length > 0).ToList();
            chunks.Reverse();
            var lines = new List<string>();
            while (chunks.Count > 0)
            {
                var line = new List<string>();
                long length = 0;
                if (IsBlank(chunks[chunks.Count - 1]) && lines.Count > 0)
                {
                    chunks.RemoveAt(chunks.Count - 1);
                }

                while (chunks.Count > 0)
                {
                    var size = PyStr.Length(chunks[chunks.Count - 1]);
                    if (length + size > width)
                    {
                        break;
                    }

                    line.Add(Pop(chunks));
                    length += size;
                }

                if (chunks.Count > 0 && PyStr.Length(chunks[chunks.Count - 1]) > width)
                {
                    HandleLongWord(chunks, line, length, width, breakLongWords, breakOnHyphens);
                    length = line.Sum(c => (long)PyStr.Length(c));
                }

                if (line.Count > 0 && IsBlank(line[line.Count - 1]))
                {
                    line.RemoveAt(line.Count - 1);
                }

                if (line.Count > 0)
                {
                    lines.Add(string.Concat(line));
                }
            }

            return lines;
        }

        private static void HandleLongWord(List<string> chunks, List<string> line, long length, long width, bool breakLongWords, bool breakOnHyphens)
        {
            var spaceLeft = width < 1 ? 1 : width - length;
            if (breakLongWords)
            {
                var end = spaceLeft;
                var chunk = chunks[chunks.Count - 1];
                if (breakOnHyphens && PyStr.Length(chunk) > spaceLeft)
                {
                    var hyphen = PyStr.Find(chunk, "-", 0L, spaceLeft, true);
                    if (hyphen > 0 && PyStr.Slice(chunk, null, hyphen, null).Any(c => c != '-'))
                    {
                        end = hyphen + 1;
                    }
                }

                line.Add(PyStr.Slice(chunk, null, end, null));
                chunks[chunks.Count - 1] = PyStr.Slice(chunk, end, null, null);
            }
            else if (line.Count == 0)
            {
                line.Add(Pop(chunks));
            }
        }

        private static bool IsBlank(string chunk) => PyStr.Strip(chunk).Length == 0;

        private static string Pop(List<string> chunks)
        {
            var last = chunks[chunks.Count - 1];
            chunks.RemoveAt(chunks.Count - 1);
            return last;
        }
    }
}
