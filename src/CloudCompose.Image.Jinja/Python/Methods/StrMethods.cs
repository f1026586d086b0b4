using System.Collections.Generic;
using System.Linq;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Unicode;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Python.Methods
{
    /// <summary>
    /// str's methods. On a Markup value they behave as MarkupSafe's: string arguments are escaped and string
    /// results stay Markup.
    /// </summary>
    internal static class StrMethods
    {
        public static readonly MethodTable Table = Build();

        private static MethodTable Build()
        {
            var t = new MethodTable("str");
            t.Add("upper", self => Wrap(self, PyStr.Upper(Text(self))));
            t.Add("lower", self => Wrap(self, PyStr.Lower(Text(self))));
            t.Add("title", self => Wrap(self, PyStr.Title(Text(self))));
            t.Add("capitalize", self => Wrap(self, PyStr.Capitalize(Text(self))));
            t.Add("swapcase", self => Wrap(self, PyStr.SwapCase(Text(self))));
            t.Add("casefold", self => Wrap(self, PyStr.CaseFold(Text(self))));
            t.Add("strip", new ArgBinder("strip", new[] { "chars" }, new object?[] { null }), (self, a) => Wrap(self, PyStr.StripChars(Text(self), OptText(self, a[0]), true, true)));
            t.Add("lstrip", new ArgBinder("lstrip", new[] { "chars" }, new object?[] { null }), (self, a) => Wrap(self, PyStr.StripChars(Text(self), OptText(self, a[0]), true, false)));
            t.Add("rstrip", new ArgBinder("rstrip", new[] { "chars" }, new object?[] { null }), (self, a) => Wrap(self, PyStr.StripChars(Text(self), OptText(self, a[0]), false, true)));
            t.Add("split", new ArgBinder("split", new[] { "sep", "maxsplit" }, null, -1L), (self, a) => WrapList(self, PyStr.Split(Text(self), OptText(self, a[0]), PyOps.ToIndex(a[1]))));
            t.Add("rsplit", new ArgBinder("rsplit", new[] { "sep", "maxsplit" }, null, -1L), (self, a) => WrapList(self, PyStr.RSplit(Text(self), OptText(self, a[0]), PyOps.ToIndex(a[1]))));
            t.Add("splitlines", new ArgBinder("splitlines", new[] { "keepends" }, false), (self, a) => WrapList(self, PyStr.SplitLines(Text(self), a[0] is bool keep ? keep : PyOps.ToIndex(a[0]) != 0)));
            t.Add("replace", new ArgBinder("replace", new[] { "old", "new", "count" }, -1L), (self, a) => Wrap(self, PyStr.Replace(Text(self), Arg(self, a[0]), Arg(self, a[1]), PyOps.ToIndex(a[2]))));
            t.Add("startswith", new ArgBinder("startswith", new[] { "prefix", "start", "end" }, null, null), (self, a) => Affix(Text(self), a, true));
            t.Add("endswith", new ArgBinder("endswith", new[] { "suffix", "start", "end" }, null, null), (self, a) => Affix(Text(self), a, false));
            t.Add("find", new ArgBinder("find", new[] { "sub", "start", "end" }, null, null), (self, a) => PyStr.Find(Text(self), Arg(self, a[0]), a[1], a[2], false));
            t.Add("rfind", new ArgBinder("rfind", new[] { "sub", "start", "end" }, null, null), (self, a) => PyStr.Find(Text(self), Arg(self, a[0]), a[1], a[2], true));
            t.Add("index", new ArgBinder("index", new[] { "sub", "start", "end" }, null, null), (self, a) => Found(PyStr.Find(Text(self), Arg(self, a[0]), a[1], a[2], false)));
            t.Add("rindex", new ArgBinder("rindex", new[] { "sub", "start", "end" }, null, null), (self, a) => Found(PyStr.Find(Text(self), Arg(self, a[0]), a[1], a[2], true)));
            t.Add("count", new ArgBinder("count", new[] { "sub", "start", "end" }, null, null), (self, a) => PyStr.Count(Text(self), Arg(self, a[0]), a[1], a[2]));
            t.Add("center", new ArgBinder("center", new[] { "width", "fillchar" }, " "), (self, a) => Wrap(self, PyStr.Center(Text(self), PyOps.ToIndex(a[0]), Fill(a[1], "center"))));
            t.Add("ljust", new ArgBinder("ljust", new[] { "width", "fillchar" }, " "), (self, a) => Wrap(self, PyStr.LJust(Text(self), PyOps.ToIndex(a[0]), Fill(a[1], "ljust"))));
            t.Add("rjust", new ArgBinder("rjust", new[] { "width", "fillchar" }, " "), (self, a) => Wrap(self, PyStr.RJust(Text(self), PyOps.ToIndex(a[0]), Fill(a[1], "rjust"))));
            t.Add("zfill", new ArgBinder("zfill", new[] { "width" }), (self, a) => Wrap(self, PyStr.ZFill(Text(self), PyOps.ToIndex(a[0]))));
            t.Add("expandtabs", new ArgBinder("expandtabs", new[] { "tabsize" }, 8L), (self, a) => Wrap(self, PyStr.ExpandTabs(Text(self), PyOps.ToIndex(a[0]))));
            t.Add("join", new ArgBinder("join", new[] { "iterable" }), (self, a) => Join(self, a[0]));
            t.Add("partition", new ArgBinder("partition", new[] { "sep" }), (self, a) => Partition(self, Arg(self, a[0]), false));
            t.Add("rpartition", new ArgBinder("rpartition", new[] { "sep" }), (self, a) => Partition(self, Arg(self, a[0]), true));
            t.Add("removeprefix", new ArgBinder("removeprefix", new[] { "prefix" }), (self, a) =>
            {
                var s = Text(self);
                var p = Arg(self, a[0]);
                return Wrap(self, s.StartsWith(p, System.StringComparison.Ordinal) ? s.Substring(p.Length) : s);
            });
            t.Add("removesuffix", new ArgBinder("removesuffix", new[] { "suffix" }), (self, a) =>
            {
                var s = Text(self);
                var p = Arg(self, a[0]);
                return Wrap(self, p.Length > 0 && s.EndsWith(p, System.StringComparison.Ordinal) ? s.Substring(0, s.Length - p.Length) : s);
            });
            t.Add("isalpha", self => PyStr.All(Text(self), UnicodeTables.Alpha));
            t.Add("isdigit", self => PyStr.All(Text(self), UnicodeTables.Digit));
            t.Add("isdecimal", self => PyStr.All(Text(self), UnicodeTables.Decimal));
            t.Add("isnumeric", self => PyStr.All(Text(self), UnicodeTables.Numeric));
            t.Add("isalnum", self => PyStr.All(Text(self), UnicodeTables.Alpha | UnicodeTables.Decimal | UnicodeTables.Digit | UnicodeTables.Numeric));
            t.Add("isspace", self => PyStr.All(Text(self), UnicodeTables.Space));
            t.Add("isupper", self => PyStr.IsUpperString(Text(self)));
            t.Add("islower", self => PyStr.IsLowerString(Text(self)));
            t.Add("istitle", self => PyStr.IsTitleString(Text(self)));
            t.Add("isascii", self => PyStr.IsAscii(Text(self)));
            t.Add("isidentifier", self => PyStr.IsIdentifier(Text(self)));
            t.Add("isprintable", self => PyStr.IsPrintable(Text(self)));
            t.Add("format", (frame, self, args) => Format(self, args));
            t.Add("format_map", new ArgBinder("format_map", new[] { "mapping" }), (self, a) =>
                a[0] is PyDict d ? Wrap(self, StrFormat.FormatMap(Text(self), d)) : throw Raise.TypeError($"'{PyTypes.TypeName(a[0])}' object is not subscriptable"));
            t.Add("encode", new ArgBinder("encode", new[] { "encoding", "errors" }, "utf-8", "strict"), (self, a) =>
                throw Raise.TypeError("bytes values are not supported by this engine"));
            t.Add("translate", new ArgBinder("translate", new[] { "table" }), (self, a) => Wrap(self, Translate(Text(self), a[0])));
            t.Add("striptags", self => Filters.HtmlFilters.StripTags(Text(self)));
            t.Add("unescape", self => Filters.HtmlFilters.Unescape(Text(self)));
            return t;
        }

        private static string Text(object? self) => PyTypes.AsString(self)!;

        private static object Wrap(object? self, string result) => self is Markup ? new Markup(result) : (object)result;

        private static object WrapList(object? self, List<string> parts) =>
            new PyList(parts.Select(p => self is Markup ? new Markup(p) : (object?)p));

        /// <summary>A str argument; Markup escapes it when called on Markup.</summary>
        private static string Arg(object? self, object? value)
        {
            if (value is Undefined u)
            {
                throw u.Fail();
            }

            if (self is Markup)
            {
                return Html.Escape(value);
            }

            return PyTypes.AsString(value) ?? throw Raise.TypeError($"must be str, not {PyTypes.TypeName(value)}");
        }

        private static string? OptText(object? self, object? value) => value == null ? null : Arg(self, value);

        private static string Fill(object? value, string method)
        {
            var s = PyTypes.AsString(value);
            if (s == null || PyStr.Length(s) != 1)
            {
                throw Raise.TypeError($"The fill character must be exactly one character long");
            }

            return s;
        }

        private static long Found(long index) => index >= 0 ? index : throw Raise.ValueError("substring not found");

        private static object Affix(string s, object?[] a, bool prefix)
        {
            var candidates = a[0] is PyTuple tuple ? tuple.Items : new[] { a[0] };
            foreach (var candidate in candidates)
            {
                if (!PyTypes.IsString(candidate))
                {
                    throw Raise.TypeError($"{(prefix ? "startswith" : "endswith")} first arg must be str or a tuple of str, not {PyTypes.TypeName(candidate)}");
                }
            }

            var length = PyStr.Length(s);
            PySlice.Bounds(length, a[1], a[2], out var from, out var to);
            if (from > length)
            {
                return false;
            }

            var window = PyStr.HasSurrogates(s) ? PyStr.Slice(s, from, to, null) : s.Substring((int)from, (int)System.Math.Max(to - from, 0));
            foreach (var candidate in candidates)
            {
                var text = PyTypes.AsString(candidate) ?? throw Raise.TypeError($"{(prefix ? "startswith" : "endswith")} first arg must be str or a tuple of str, not {PyTypes.TypeName(candidate)}");
                if (to - from < 0)
                {
                    continue;
                }

                if (prefix ? window.StartsWith(text, System.StringComparison.Ordinal) : window.EndsWith(text, System.StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static object Join(object? self, object? iterable)
        {
            var parts = new List<string>();
            var i = 0;
            foreach (var item in PyIter.Iterate(iterable))
            {
                if (self is Markup)
                {
                    parts.Add(Html.Escape(item));
                }
                else
                {
                    parts.Add(PyTypes.AsString(item) ?? throw Raise.TypeError($"sequence item {i}: expected str instance, {PyTypes.TypeName(item)} found"));
                }

                i++;
            }

            return Wrap(self, string.Join(Text(self), parts));
        }

        private static object Partition(object? self, string sep, bool fromRight)
        {
            if (sep.Length == 0)
            {
                throw Raise.ValueError("empty separator");
            }

            var s = Text(self);
            var at = fromRight ? s.LastIndexOf(sep, System.StringComparison.Ordinal) : s.IndexOf(sep, System.StringComparison.Ordinal);
            if (at < 0)
            {
                return fromRight
                    ? PyTuple.Of(Wrap(self, string.Empty), Wrap(self, string.Empty), Wrap(self, s))
                    : PyTuple.Of(Wrap(self, s), Wrap(self, string.Empty), Wrap(self, string.Empty));
            }

            return PyTuple.Of(Wrap(self, s.Substring(0, at)), Wrap(self, sep), Wrap(self, s.Substring(at + sep.Length)));
        }

        private static object Format(object? self, CallArgs args)
        {
            if (self is Markup m)
            {
                return new Markup(StrFormat.Format(m.Text, args, escapeArgs: true));
            }

            return StrFormat.Format(Text(self), args);
        }

        private static string Translate(string s, object? table)
        {
            var builder = new System.Text.StringBuilder();
            foreach (var cp in PyStr.CodePoints(s))
            {
                object? mapped;
                bool found;
                if (table is PyDict dict)
                {
                    found = dict.TryGetValue((long)cp, out mapped);
                }
                else
                {
                    mapped = Attributes.GetItemOrMissing(table, (long)cp);
                    found = !(mapped is Missing);
                }

                if (!found)
                {
                    UnicodeData.AppendCodePoint(builder, cp);
                }
                else if (mapped is string text)
                {
                    builder.Append(text);
                }
                else if (PyOps.Unwrap(mapped) is long code)
                {
                    UnicodeData.AppendCodePoint(builder, (int)code);
                }
                else if (mapped != null)
                {
                    throw Raise.TypeError("character mapping must return integer, None or str");
                }
            }

            return builder.ToString();
        }
    }
}
