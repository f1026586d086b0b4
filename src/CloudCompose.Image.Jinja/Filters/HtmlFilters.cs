using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Unicode;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Filters
{
    /// <summary>HTML and URL filters: escape, forceescape, safe, striptags, xmlattr, urlencode, urlize.</summary>
    internal static class HtmlFilters
    {
        private static readonly Regex CharRef = new Regex(@"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)", RegexOptions.CultureInvariant);
        private static readonly Regex UriScheme = new Regex(@"^([\p{L}\p{N}_.+-]{2,}:(/){0,2})$", RegexOptions.CultureInvariant);

        private static Dictionary<string, string>? entities;

        public static void Register(FilterRegistry r)
        {
            r.Add("escape", new ArgBinder("escape", new[] { "s" }), (f, a) => Html.EscapeToMarkup(a[0]));
            r.Add("e", new ArgBinder("escape", new[] { "s" }), (f, a) => Html.EscapeToMarkup(a[0]));
            r.Add("forceescape", new ArgBinder("do_forceescape", new[] { "value" }), (f, a) => new Markup(Html.EscapeText(a[0] is Markup m ? m.Text : PyRepr.Str(a[0]))));
            r.Add("safe", new ArgBinder("do_mark_safe", new[] { "value" }), (f, a) => a[0] is Markup ? a[0] : new Markup(PyRepr.Str(a[0])));
            r.Add("striptags", new ArgBinder("do_striptags", new[] { "value" }), (f, a) => StripTags(a[0] is Markup m ? m.Text : PyRepr.Str(a[0])));
            r.Add("xmlattr", new ArgBinder("do_xmlattr", new[] { "d", "autospace" }, true), XmlAttr);
            r.Add("urlencode", new ArgBinder("do_urlencode", new[] { "value" }), (f, a) => UrlEncode(a[0]));
            r.Add("urlize", new ArgBinder("do_urlize", new[] { "value", "trim_url_limit", "nofollow", "target", "rel", "extra_schemes" }, null, false, null, null, null), Urlize);
        }

        /// <summary>Markup.striptags(): comments and tags removed, whitespace collapsed, entities decoded.</summary>
        public static string StripTags(string value)
        {
            int start;
            while ((start = value.IndexOf("<!--", System.StringComparison.Ordinal)) >= 0)
            {
                var end = value.IndexOf("-->", start, System.StringComparison.Ordinal);
                if (end < 0)
                {
                    break;
                }

                value = value.Substring(0, start) + value.Substring(end + 3);
            }

            while ((start = value.IndexOf('<')) >= 0)
            {
                var end = value.IndexOf('>', start);
                if (end < 0)
                {
                    break;
                }

                value = value.Substring(0, start) + value.Substring(end + 1);
            }

            return Unescape(string.Join(" ", PyStr.Split(value, null, -1)));
        }

        /// <summary>Python's html.unescape: named (HTML5) and numeric character references.</summary>
        public static string Unescape(string s)
        {
            if (s.IndexOf('&') < 0)
            {
                return s;
            }

            return CharRef.Replace(s, match => ReplaceCharRef(match.Groups[1].Value));
        }

        /// <summary>urllib.parse.quote of the UTF-8 bytes: letters, digits and _.-~ stay, plus <paramref name="safe"/>.</summary>
        public static string UrlQuote(object? value, bool forQuery)
        {
            var text = PyTypes.AsString(value) ?? PyRepr.Str(value);
            var builder = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(text))
            {
                var c = (char)b;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-' || c == '~' || (!forQuery && c == '/'))
                {
                    builder.Append(c);
                }
                else if (forQuery && c == ' ')
                {
                    builder.Append('+');
                }
                else
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            return builder.ToString();
        }

        private static string ReplaceCharRef(string s)
        {
            if (s[0] == '#')
            {
                var hex = s.Length > 1 && (s[1] == 'x' || s[1] == 'X');
                var digits = s.Substring(hex ? 2 : 1).TrimEnd(';');
                var number = System.Numerics.BigInteger.Parse((hex ? "0" : string.Empty) + digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture);
                var index = number <= int.MaxValue ? System.Array.IndexOf(HtmlEntities.InvalidCharrefKeys, (int)number) : -1;
                if (index >= 0)
                {
                    return HtmlEntities.InvalidCharrefValues[index];
                }

                if ((number >= 0xD800 && number <= 0xDFFF) || number > 0x10FFFF)
                {
                    return "\uFFFD";
                }

                if (System.Array.IndexOf(HtmlEntities.InvalidCodepoints, (int)number) >= 0)
                {
                    return string.Empty;
                }

                return PyStr.FromCodePoint((int)number);
            }

            var table = Entities();
            if (table.TryGetValue(s, out var value))
            {
                return value;
            }

            for (var x = s.Length - 1; x > 1; x--)
            {
                if (table.TryGetValue(s.Substring(0, x), out value))
                {
                    return value + s.Substring(x);
                }
            }

            return "&" + s;
        }

        private static Dictionary<string, string> Entities()
        {
            if (entities == null)
            {
                var table = new Dictionary<string, string>(System.StringComparer.Ordinal);
                for (var i = 0; i < HtmlEntities.Names.Length; i++)
                {
                    table[HtmlEntities.Names[i]] = HtmlEntities.Values[i];
                }

                entities = table;
            }

            return entities;
        }

        private static object? XmlAttr(Frame frame, object?[] a)
        {
            if (!(a[0] is PyDict dict))
            {
                if (a[0] is Undefined u)
                {
                    throw u.Fail();
                }

                throw Raise.AttributeError($"'{PyTypes.TypeName(a[0])}' object has no attribute 'items'");
            }

            var items = new List<string>();
            foreach (var pair in dict.Items)
            {
                if (pair.Value == null || pair.Value is Undefined)
                {
                    continue;
                }

                var key = PyTypes.AsString(pair.Key) ?? throw Raise.TypeError("expected string or bytes-like object, got '" + PyTypes.TypeName(pair.Key) + "'");
                if (AttributeKeyInvalid(key))
                {
                    throw Raise.ValueError($"Invalid character in attribute name: {PyRepr.Repr(key)}");
                }

                items.Add($"{Html.Escape(pair.Key)}=\"{Html.Escape(pair.Value)}\"");
            }

            var result = string.Join(" ", items);
            if (PyOps.Truthy(a[1]) && result.Length > 0)
            {
                result = " " + result;
            }

            return frame.Autoescape ? new Markup(result) : (object)result;
        }

        private static bool AttributeKeyInvalid(string key) => key.Any(c => c == '/' || c == '>' || c == '=' || c == ' ' || (c >= '\t' && c <= '\r'));

        private static object UrlEncode(object? value)
        {
            if (PyTypes.IsString(value) || !PyIter.IsIterable(value))
            {
                return UrlQuote(value, false);
            }

            IEnumerable<object?> pairs = value is PyDict dict ? PyIter.Iterate(new DictView(dict, DictViewKind.Items)) : PyIter.Iterate(value);
            var parts = new List<string>();
            foreach (var pair in pairs)
            {
                var kv = PyIter.ToList(pair);
                if (kv.Count != 2)
                {
                    throw Raise.ValueError($"too many values to unpack (expected 2)");
                }

                parts.Add(UrlQuote(kv[0], true) + "=" + UrlQuote(kv[1], true));
            }

            return string.Join("&", parts);
        }

        private static object? Urlize(Frame frame, object?[] a)
        {
            var rel = new SortedSet<string>(System.StringComparer.Ordinal);
            foreach (var part in PyStr.Split(a[4] == null ? string.Empty : PyRepr.Str(a[4]), null, -1))
            {
                rel.Add(part);
            }

            if (PyOps.Truthy(a[2]))
            {
                rel.Add("nofollow");
            }

            rel.Add("noopener");
            var schemes = new List<string>();
            if (a[5] != null)
            {
                foreach (var scheme in PyIter.Iterate(a[5]))
                {
                    var text = PyRepr.Str(scheme);
                    if (!UriScheme.IsMatch(text))
                    {
                        throw Raise.FilterArgument($"{PyRepr.Repr(scheme)} is not a valid URI scheme prefix.");
                    }

                    schemes.Add(text);
                }
            }

            var limit = a[1] == null ? (long?)null : PyOps.ToIndex(a[1]);
            var target = a[3] == null ? null : PyRepr.Str(a[3]);
            var result = Urls.Urlize(a[0] is Markup m ? m.Text : PyRepr.Str(a[0]), a[0] is Markup, limit, string.Join(" ", rel), target, schemes);
            return frame.Autoescape ? new Markup(result) : (object)result;
        }
    }
}
