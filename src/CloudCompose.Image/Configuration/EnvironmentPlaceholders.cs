using System;
using System.Text;

namespace CloudCompose.Image.Configuration
{
    /// <summary>
    /// Fills <c>${VAR}</c> and <c>${VAR:-default}</c> in a configuration value from the environment;
    /// <c>$${</c> stands for a literal <c>${</c>. Applied to parsed scalars (not raw text) so a
    /// placeholder in a comment is ignored and an expanded value can never change the YAML structure.
    /// </summary>
    internal static class EnvironmentPlaceholders
    {
        /// <summary>Thrown for a placeholder that cannot be filled; Offset is its index in the value.</summary>
        public sealed class PlaceholderException : Exception
        {
            public PlaceholderException(string message, string? variable, int offset)
                : base(message)
            {
                Variable = variable;
                Offset = offset;
            }

            public string? Variable { get; }

            public int Offset { get; }
        }

        public static bool ContainsPlaceholder(string value) => value.IndexOf("${", StringComparison.Ordinal) >= 0;

        public static string Expand(string value, Func<string, string?> lookup)
        {
            if (!ContainsPlaceholder(value))
            {
                return value;
            }

            var result = new StringBuilder(value.Length);
            var i = 0;
            while (i < value.Length)
            {
                if (string.CompareOrdinal(value, i, "$${", 0, 3) == 0)
                {
                    result.Append("${");
                    i += 3;
                    continue;
                }

                if (string.CompareOrdinal(value, i, "${", 0, 2) != 0)
                {
                    result.Append(value[i]);
                    i++;
                    continue;
                }

                var close = value.IndexOf('}', i + 2);
                if (close < 0)
                {
                    throw new PlaceholderException("'${' has no closing '}' (write '$${' for a literal '${').", null, i);
                }

                var body = value.Substring(i + 2, close - i - 2);
                var separator = body.IndexOf(":-", StringComparison.Ordinal);
                var name = separator >= 0 ? body.Substring(0, separator) : body;
                if (!IsValidName(name))
                {
                    throw new PlaceholderException($"'${{{body}}}' is not a valid placeholder; use ${{NAME}} or ${{NAME:-default}}.", name, i);
                }

                var found = lookup(name);
                if (separator >= 0)
                {
                    // As in the shell, ':-' also replaces a variable that is set but empty.
                    result.Append(string.IsNullOrEmpty(found) ? body.Substring(separator + 2) : found);
                }
                else if (found == null)
                {
                    throw new PlaceholderException($"environment variable '{name}' is not set (use ${{{name}:-default}} for a default).", name, i);
                }
                else
                {
                    result.Append(found);
                }

                i = close + 1;
            }

            return result.ToString();
        }

        private static bool IsValidName(string name)
        {
            if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
            {
                return false;
            }

            foreach (var c in name)
            {
                if (!(char.IsLetterOrDigit(c) || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
