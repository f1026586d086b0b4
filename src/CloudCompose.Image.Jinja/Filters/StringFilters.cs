using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Unicode;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Filters
{
    /// <summary>Text filters: upper, lower, capitalize, title, trim, replace, center, indent, truncate, wordwrap, wordcount, string, format.</summary>
    internal static class StringFilters
    {
        public static void Register(FilterRegistry r)
        {
            r.Add("upper", new ArgBinder("do_upper", new[] { "s" }), (f, a) => Map(a[0], PyStr.Upper));
            r.Add("lower", new ArgBinder("do_lower", new[] { "s" }), (f, a) => Map(a[0], PyStr.Lower));
            r.Add("capitalize", new ArgBinder("do_capitalize", new[] { "s" }), (f, a) => Map(a[0], PyStr.Capitalize));
            r.Add("title", new ArgBinder("do_title", new[] { "s" }), (f, a) => Map(a[0], Title));
            r.Add("trim", new ArgBinder("do_trim", new[] { "value", "chars" }, new object?[] { null }), (f, a) =>
                Map(a[0], s => PyStr.StripChars(s, a[1] == null ? null : Text(a[1], "strip arg must be None or str"), true, true)));
            r.Add("center", new ArgBinder("do_center", new[] { "value", "width" }, 80L), (f, a) =>
                Map(a[0], s => PyStr.Center(s, PyOps.ToIndex(a[1]), " ")));
            r.Add("replace", new ArgBinder("do_replace", new[] { "s", "old", "new", "count" }, new object?[] { null }), Replace);
            r.Add("string", new ArgBinder("soft_str", new[] { "s" }), (f, a) => a[0] is Markup ? a[0] : PyRepr.Str(a[0]));
            r.Add("wordcount", new ArgBinder("do_wordcount", new[] { "s" }), (f, a) => (long)WordCount(SoftStr(a[0])));
            r.Add("indent", new ArgBinder("do_indent", new[] { "s", "width", "first", "blank" }, 4L, false, false), Indent);
            r.Add("truncate", new ArgBinder("do_truncate", new[] { "s", "length", "killwords", "end", "leeway" }, 255L, false, "...", null), Truncate);
            r.Add("wordwrap", new ArgBinder("do_wordwrap", new[] { "s", "width", "break_long_words", "wrapstring", "break_on_hyphens" }, 79L, true, null, true), WordWrap);
            r.Add("format", Format);
        }

        /// <summary>MarkupSafe's soft_str: Markup stays Markup, anything else becomes str().</summary>
        public static string SoftStr(object? value) => value is Markup m ? m.Text : PyRepr.Str(value);

        private static object Map(object? value, System.Func<string, string> body) =>
            value is Markup m ? new Markup(body(m.Text)) : (object)body(PyRepr.Str(value));

        private static string Text(object? value, string error) => PyTypes.AsString(value) ?? throw Raise.TypeError(error);

        /// <summary>Jinja2's title: every word (split on whitespace, -, (, {, [, &lt;) gets an upper first letter.</summary>
        private static string Title(string s)
        {
            var builder = new StringBuilder(s.Length);
            var i = 0;
            while (i < s.Length)
            {
                var start = i;
                var separator = IsTitleSeparator(s, i, out var width);
                while (i < s.Length && IsTitleSeparator(s, i, out width) == separator)
                {
                    i += width;
                }

                var piece = s.Substring(start, i - start);
                if (separator)
                {
                    builder.Append(piece);
                    continue;
                }

                var first = PyStr.Slice(piece, null, 1L, null);
                builder.Append(PyStr.Upper(first)).Append(PyStr.Lower(piece.Substring(first.Length)));
            }

            return builder.ToString();
        }

        private static bool IsTitleSeparator(string s, int i, out int width)
        {
            var c = s[i];
            if (c == '-' || c == '(' || c == '{' || c == '[' || c == '<')
            {
                width = 1;
                return true;
            }

            return PyStr.IsSpace(s, i, out width);
        }

        private static object? Replace(Frame frame, object?[] a)
        {
            var count = a[3] == null ? -1 : PyOps.ToIndex(a[3]);
            if (!frame.Autoescape)
            {
                return PyStr.Replace(PyRepr.Str(a[0]), PyRepr.Str(a[1]), PyRepr.Str(a[2]), count);
            }

            var escapeSource = (a[1] is Markup || a[2] is Markup) && !(a[0] is Markup);
            var source = escapeSource ? Html.EscapeToMarkup(a[0]).Text : SoftStr(a[0]);
            var markup = a[0] is Markup || escapeSource;
            var replaced = PyStr.Replace(source, markup ? Html.Escape(a[1]) : SoftStr(a[1]), markup ? Html.Escape(a[2]) : SoftStr(a[2]), count);
            return markup ? new Markup(replaced) : (object)replaced;
        }

        private static readonly Regex Word = new Regex(@"[\p{L}\p{N}_]+", RegexOptions.CultureInvariant);

        private static int WordCount(string s) => Word.Matches(s).Count;

        private static object? Indent(Frame frame, object?[] a)
        {
            var markup = a[0] is Markup;
            var s = a[0] is Markup m ? m.Text : PyTypes.AsString(a[0]) ?? throw Raise.TypeError($"unsupported operand type(s) for +=: '{PyTypes.TypeName(a[0])}' and 'str'");
            var indention = PyTypes.AsString(a[1]) ?? PyStr.Repeat(" ", PyOps.ToIndex(a[1]));
            if (markup && !(a[1] is Markup))
            {
                indention = Html.EscapeText(indention);
            }

            var lines = PyStr.SplitLines(s + "\n", false);
            var builder = new StringBuilder();
            if (PyOps.Truthy(a[3]))
            {
                builder.Append(string.Join("\n" + indention, lines));
            }
            else
            {
                builder.Append(lines[0]);
                for (var i = 1; i < lines.Count; i++)
                {
                    builder.Append('\n');
                    if (lines[i].Length > 0)
                    {
                        builder.Append(indention);
                    }

                    builder.Append(lines[i]);
                }
            }

            var result = PyOps.Truthy(a[2]) ? indention + builder : builder.ToString();
            return markup ? new Markup(result) : (object)result;
        }

        private static object? Truncate(Frame frame, object?[] a)
        {
            var s = a[0];
            var length = PyOps.ToIndex(a[1]);
            var end = a[3];
            var endLength = PyOps.Len(end);
            var leeway = a[4] == null ? 5 : PyOps.ToIndex(a[4]);
            if (length < endLength)
            {
                throw Raise.Runtime("AssertionError", $"expected length >= {endLength}, got {length}");
            }

            if (leeway < 0)
            {
                throw Raise.Runtime("AssertionError", $"expected leeway >= 0, got {leeway}");
            }

            if (PyOps.Len(s) <= length + leeway)
            {
                return s;
            }

            var head = Attributes.GetItemStrict(s, new PySliceObject(null, length - endLength, null));
            if (PyOps.Truthy(a[2]))
            {
                return PyArith.Add(head, end);
            }

            var text = PyTypes.AsString(head) ?? throw Raise.AttributeError($"'{PyTypes.TypeName(head)}' object has no attribute 'rsplit'");
            var kept = PyStr.RSplit(text, " ", 1)[0];
            return PyArith.Add(head is Markup ? new Markup(kept) : (object)kept, end);
        }

        private static object? WordWrap(Frame frame, object?[] a)
        {
            var s = PyTypes.AsString(a[0]) ?? throw Raise.AttributeError($"'{PyTypes.TypeName(a[0])}' object has no attribute 'splitlines'");
            var wrapstring = a[3] == null ? "\n" : PyTypes.AsString(a[3]) ?? throw Raise.AttributeError($"'{PyTypes.TypeName(a[3])}' object has no attribute 'join'");
            var width = PyOps.ToIndex(a[1]);
            var paragraphs = new List<string>();
            foreach (var line in PyStr.SplitLines(s, false))
            {
                paragraphs.Add(string.Join(wrapstring, TextWrap.Wrap(line, width, PyOps.Truthy(a[2]), PyOps.Truthy(a[4]))));
            }

            return string.Join(wrapstring, paragraphs);
        }

        private static object? Format(Frame frame, object? value, CallArgs args)
        {
            if (args.Positional.Count > 0 && args.Keywords.Count > 0)
            {
                throw Raise.FilterArgument("can't handle positional and keyword arguments at the same time");
            }

            object? arguments;
            if (args.Keywords.Count > 0)
            {
                var dict = new PyDict();
                foreach (var pair in args.Keywords)
                {
                    dict.Set(pair.Key, pair.Value);
                }

                arguments = dict;
            }
            else
            {
                arguments = new PyTuple(args.Positional);
            }

            var format = value is Markup ? value : PyRepr.Str(value);
            return PercentFormat.Format(format!, arguments);
        }
    }
}
