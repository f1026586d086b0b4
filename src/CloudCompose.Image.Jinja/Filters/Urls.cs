using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using CloudCompose.Image.Jinja.Python;

namespace CloudCompose.Image.Jinja.Filters
{
    /// <summary>Jinja2's urlize: words that look like URLs or e-mail addresses become links; punctuation around them stays outside.</summary>
    internal static class Urls
    {
        private const string W = @"[\p{L}\p{N}_]";

        private static readonly Regex Http = new Regex(
            @"^("
            + @"(https?://|www\.)((" + @"[\p{L}\p{N}_%-]+\.)+)?([a-z]{2,63}|xn--[\p{L}\p{N}_%]{2,59})"
            + @"|([\p{L}\p{N}_%-]{2,63}\.)+(com|net|int|edu|gov|org|info|mil)"
            + @"|(https?://)((([\d]{1,3})(\.[\d]{1,3}){3})|(\[([\da-f]{0,4}:){2}([\da-f]{0,4}:?){1,6}]))"
            + @")(?::[\d]{1,5})?(?:[/?#]\S*)?$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex Email = new Regex(@"^\S+@" + W + @"[\p{L}\p{N}_.-]*\." + W + "+$", RegexOptions.CultureInvariant);
        private static readonly Regex Lead = new Regex(@"^([(<]|&lt;)+", RegexOptions.CultureInvariant);
        private static readonly Regex Trail = new Regex(@"([)>.,\n]|&gt;)+$", RegexOptions.CultureInvariant);
        private static readonly Regex Spaces = new Regex(@"(\s+)", RegexOptions.CultureInvariant);

        public static string Urlize(string text, bool isMarkup, long? trimLimit, string rel, string? target, List<string> extraSchemes)
        {
            var escaped = isMarkup ? text : Html.EscapeText(text);
            var words = Spaces.Split(escaped);
            var relAttr = rel.Length > 0 ? $" rel=\"{Html.EscapeText(rel)}\"" : string.Empty;
            var targetAttr = target != null && target.Length > 0 ? $" target=\"{Html.EscapeText(target)}\"" : string.Empty;
            var builder = new StringBuilder();
            foreach (var word in words)
            {
                var head = string.Empty;
                var middle = word;
                var tail = string.Empty;
                var lead = Lead.Match(middle);
                if (lead.Success)
                {
                    head = lead.Value;
                    middle = middle.Substring(lead.Length);
                }

                if (middle.EndsWith(")", System.StringComparison.Ordinal) || middle.EndsWith(">", System.StringComparison.Ordinal) || middle.EndsWith(".", System.StringComparison.Ordinal) || middle.EndsWith(",", System.StringComparison.Ordinal) || middle.EndsWith("\n", System.StringComparison.Ordinal) || middle.EndsWith("&gt;", System.StringComparison.Ordinal))
                {
                    var trail = Trail.Match(middle);
                    if (trail.Success)
                    {
                        tail = trail.Value;
                        middle = middle.Substring(0, trail.Index);
                    }
                }

                foreach (var (open, close) in new[] { ("(", ")"), ("<", ">"), ("&lt;", "&gt;") })
                {
                    var opens = (int)PyStr.Count(middle, open, null, null);
                    if (opens <= PyStr.Count(middle, close, null, null))
                    {
                        continue;
                    }

                    var moves = System.Math.Min(opens, (int)PyStr.Count(tail, close, null, null));
                    for (var i = 0; i < moves; i++)
                    {
                        var end = tail.IndexOf(close, System.StringComparison.Ordinal) + close.Length;
                        middle += tail.Substring(0, end);
                        tail = tail.Substring(end);
                    }
                }

                if (Http.IsMatch(middle))
                {
                    var href = middle.StartsWith("https://", System.StringComparison.Ordinal) || middle.StartsWith("http://", System.StringComparison.Ordinal) ? middle : "https://" + middle;
                    middle = $"<a href=\"{href}\"{relAttr}{targetAttr}>{Trim(middle, trimLimit)}</a>";
                }
                else if (middle.StartsWith("mailto:", System.StringComparison.Ordinal) && Email.IsMatch(middle.Substring(7)))
                {
                    middle = $"<a href=\"{middle}\">{middle.Substring(7)}</a>";
                }
                else if (middle.Contains("@") && !middle.StartsWith("www.", System.StringComparison.Ordinal) && !middle.StartsWith("@", System.StringComparison.Ordinal) && !middle.Contains(":") && Email.IsMatch(middle))
                {
                    middle = $"<a href=\"mailto:{middle}\">{middle}</a>";
                }
                else
                {
                    foreach (var scheme in extraSchemes)
                    {
                        if (middle != scheme && middle.StartsWith(scheme, System.StringComparison.Ordinal))
                        {
                            middle = $"<a href=\"{middle}\"{relAttr}{targetAttr}>{middle}</a>";
                        }
                    }
                }

                builder.Append(head).Append(middle).Append(tail);
            }

            return builder.ToString();
        }

        private static string Trim(string url, long? limit) =>
            limit != null && PyStr.Length(url) > limit ? PyStr.Slice(url, null, limit.Value, null) + "..." : url;
    }
}
