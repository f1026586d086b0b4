using System;
using System.Globalization;

namespace CloudCompose.Image.Templates
{
    /// <summary>
    /// A number from YAML that keeps its source text: Jinja2 received the YAML scalar as written
    /// (via the Python plugin), so <c>1.10</c> must print as <c>1.10</c>, yet compare as a number.
    /// </summary>
    internal sealed class TemplateNumber : IEquatable<TemplateNumber>
    {
        public TemplateNumber(string text)
        {
            Text = text ?? throw new ArgumentNullException(nameof(text));
            if (!TryParse(text, out var value))
            {
                throw new ArgumentException($"'{text}' is not a number.", nameof(text));
            }

            Value = value;
        }

        private TemplateNumber(string text, double value)
        {
            Text = text;
            Value = value;
        }

        /// <summary>The text as written in the source; this is what a template prints.</summary>
        public string Text { get; }

        /// <summary>The numeric value, used for comparisons.</summary>
        public double Value { get; }

        public static TemplateNumber FromInteger(long value) =>
            new TemplateNumber(value.ToString(CultureInfo.InvariantCulture), value);

        public static bool TryParse(string text, out double value)
        {
            var t = text.Trim().Replace("_", string.Empty);
            var sign = 1.0;
            if (t.StartsWith("-", StringComparison.Ordinal) || t.StartsWith("+", StringComparison.Ordinal))
            {
                sign = t[0] == '-' ? -1.0 : 1.0;
                t = t.Substring(1);
            }

            value = 0;
            if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(t.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
                {
                    return false;
                }

                value = sign * hex;
                return true;
            }

            if (t.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    value = sign * Convert.ToInt64(t.Substring(2), 8);
                    return true;
                }
                catch (Exception e) when (e is FormatException || e is OverflowException || e is ArgumentException)
                {
                    return false;
                }
            }

            switch (t.ToLowerInvariant())
            {
                case ".inf":
                    value = sign * double.PositiveInfinity;
                    return true;
                case ".nan":
                    value = double.NaN;
                    return true;
            }

            if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                return false;
            }

            value = sign * parsed;
            return true;
        }

        public bool Equals(TemplateNumber? other) => other != null && Value.Equals(other.Value);

        public override bool Equals(object? obj) => obj is TemplateNumber n && Equals(n);

        public override int GetHashCode() => Value.GetHashCode();

        public override string ToString() => Text;
    }
}
