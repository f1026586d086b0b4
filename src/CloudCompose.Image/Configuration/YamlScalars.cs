using System.Text.RegularExpressions;

namespace CloudCompose.Image.Configuration
{
    /// <summary>What a plain YAML scalar is, by PyYAML's implicit resolvers (YAML 1.1), as the original tool read it.</summary>
    internal enum YamlScalarKind
    {
        String,
        Null,
        True,
        False,
        Integer,
        Float,
        Timestamp,
    }

    /// <summary>
    /// PyYAML's resolver patterns. They differ from YAML 1.2 on purpose: <c>yes</c>/<c>on</c> are booleans,
    /// <c>0644</c> is octal, <c>1:30</c> is base 60, <c>1e3</c> (no point) is a string, <c>08</c> is a string.
    /// </summary>
    internal static class YamlScalars
    {
        private static readonly Regex Bool = new Regex("^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$", RegexOptions.CultureInvariant);

        private static readonly Regex Float = new Regex(
            @"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
            RegexOptions.CultureInvariant);

        private static readonly Regex Integer = new Regex(
            @"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$",
            RegexOptions.CultureInvariant);

        private static readonly Regex Null = new Regex("^(?:~|null|Null|NULL|)$", RegexOptions.CultureInvariant);

        private static readonly Regex Timestamp = new Regex(
            @"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$",
            RegexOptions.CultureInvariant);

        /// <summary>Resolves a plain scalar in PyYAML's order: bool, float, int, null, timestamp.</summary>
        public static YamlScalarKind Resolve(string text)
        {
            if (Bool.IsMatch(text))
            {
                return text[0] == 'y' || text[0] == 'Y' || text[0] == 't' || text[0] == 'T' || text == "on" || text == "On" || text == "ON"
                    ? YamlScalarKind.True
                    : YamlScalarKind.False;
            }

            if (Float.IsMatch(text))
            {
                return YamlScalarKind.Float;
            }

            if (Integer.IsMatch(text))
            {
                return YamlScalarKind.Integer;
            }

            if (Null.IsMatch(text))
            {
                return YamlScalarKind.Null;
            }

            return Timestamp.IsMatch(text) ? YamlScalarKind.Timestamp : YamlScalarKind.String;
        }
    }
}
