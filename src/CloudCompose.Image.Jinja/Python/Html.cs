using System.Text;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Python
{
    /// <summary>MarkupSafe's escape(): the five HTML characters, with Markup passed through unchanged.</summary>
    internal static class Html
    {
        public static string Escape(object? value) => value is Markup m ? m.Text : EscapeText(PyRepr.Str(value));

        public static Markup EscapeToMarkup(object? value) => value as Markup ?? new Markup(EscapeText(PyRepr.Str(value)));

        public static string EscapeText(string s)
        {
            var builder = default(StringBuilder);
            for (var i = 0; i < s.Length; i++)
            {
                var entity = s[i] switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '\'' => "&#39;",
                    '"' => "&#34;",
                    _ => null,
                };
                if (entity == null)
                {
                    builder?.Append(s[i]);
                    continue;
                }

                builder ??= new StringBuilder(s, 0, i, s.Length + 16);
                builder.Append(entity);
            }

            return builder?.ToString() ?? s;
        }
    }
}
