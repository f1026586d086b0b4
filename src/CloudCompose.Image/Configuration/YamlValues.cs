using CloudCompose.Image.Text;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CloudCompose.Image.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CloudCompose.Image.Configuration
{
    /// <summary>
    /// Reads scalar values out of the YAML tree: placeholders filled, text kept as written, booleans
    /// and numbers recognised the way PyYAML (YAML 1.1) did for the original tool.
    /// </summary>
    internal sealed class YamlValues
    {
        private static readonly HashSet<string> TrueWords = new(StringComparer.Ordinal) { "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON" };
        private static readonly HashSet<string> FalseWords = new(StringComparer.Ordinal) { "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF" };
        private static readonly HashSet<string> NullWords = new(StringComparer.Ordinal) { string.Empty, "~", "null", "Null", "NULL" };

        private readonly Func<string, string?> environment;

        public YamlValues(string file, Func<string, string?> environment)
        {
            File = file;
            this.environment = environment;
        }

        public string File { get; }

        public SourceLocation Where(YamlNode node) => new SourceLocation(File, (int)node.Start.Line, (int)node.Start.Column);

        /// <summary>The scalar's text with placeholders filled.</summary>
        public string Text(YamlScalarNode node, string key)
        {
            var raw = node.Value ?? string.Empty;
            try
            {
                return EnvironmentPlaceholders.Expand(raw, environment);
            }
            catch (EnvironmentPlaceholders.PlaceholderException e)
            {
                var id = e.Variable != null && e.Message.Contains("is not set") ? ErrorIds.ConfigVariableUndefined : ErrorIds.ConfigInvalid;
                throw ConfigError.At(id, PlaceholderLocation(node, e.Offset), key, e.Message,
                    e.Variable != null ? $"Set the environment variable {e.Variable} before running the command." : null);
            }
        }

        public string RequireText(YamlNode node, string key)
        {
            if (node is YamlScalarNode scalar && !IsNull(scalar))
            {
                return Text(scalar, key);
            }

            throw ConfigError.At(ErrorIds.ConfigInvalid, File, node, key, "expected a single value (text), found " + Describe(node) + ".");
        }

        /// <summary>A plain scalar YAML 1.1 reads as a boolean (true/false, yes/no, on/off).</summary>
        public static bool IsBool(YamlNode node) =>
            node is YamlScalarNode { Style: ScalarStyle.Plain } scalar && scalar.Value != null && (TrueWords.Contains(scalar.Value) || FalseWords.Contains(scalar.Value));

        public bool RequireBool(YamlNode node, string key)
        {
            if (node is YamlScalarNode scalar)
            {
                var text = Text(scalar, key);
                if (TrueWords.Contains(text))
                {
                    return true;
                }

                if (FalseWords.Contains(text))
                {
                    return false;
                }
            }

            throw ConfigError.At(ErrorIds.ConfigInvalid, File, node, key, "expected true or false, found " + Describe(node) + ".");
        }

        public int RequireInt(YamlNode node, string key, int min, int max)
        {
            if (node is YamlScalarNode scalar
                && int.TryParse(Text(scalar, key), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                && value >= min && value <= max)
            {
                return value;
            }

            throw ConfigError.At(ErrorIds.ConfigInvalid, File, node, key, $"expected a whole number from {min} to {max}, found {Describe(node)}.");
        }

        /// <summary>A list, or a comma-separated string (as the original accepted for security_groups).</summary>
        public IReadOnlyList<string> RequireList(YamlNode node, string key)
        {
            switch (node)
            {
                case YamlSequenceNode sequence:
                    return sequence.Children.Select((item, i) => RequireText(item, $"{key}[{i}]").Trim()).ToList();
                case YamlScalarNode scalar when IsNull(scalar):
                    return new string[0];
                case YamlScalarNode scalar:
                    return Text(scalar, key).Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
                default:
                    throw ConfigError.At(ErrorIds.ConfigInvalid, File, node, key, "expected a list or a comma-separated value, found " + Describe(node) + ".");
            }
        }

        /// <summary>
        /// Converts any node into a template variable value as PyYAML's yaml.load would see it (booleans, nulls,
        /// numbers, merge keys, typed map keys), except that a number keeps its text for printing.
        /// </summary>
        public object? ToVariable(YamlNode node, string key)
        {
            switch (node)
            {
                case YamlScalarNode scalar:
                    if (scalar.Style != ScalarStyle.Plain)
                    {
                        return Text(scalar, key);
                    }

                    var text = Text(scalar, key);
                    return YamlScalars.Resolve(text) switch
                    {
                        YamlScalarKind.Null => null,
                        YamlScalarKind.True => true,
                        YamlScalarKind.False => false,
                        YamlScalarKind.Integer => TemplateValueFactory.Number(text),
                        YamlScalarKind.Float => TemplateValueFactory.Number(text),
                        _ => text,
                    };
                case YamlSequenceNode sequence:
                    return sequence.Children.Select((item, i) => ToVariable(item, $"{key}[{i}]")).ToList();
                case YamlMappingNode mapping:
                    return ToMap(mapping, key);
                default:
                    return null;
            }
        }

        /// <summary>A mapping with merge keys applied; string keys give a dictionary, other keys (1:, true:) pairs.</summary>
        private object ToMap(YamlMappingNode mapping, string key)
        {
            var pairs = new List<KeyValuePair<object?, object?>>();
            var positions = new Dictionary<object, int>(TemplateValueFactory.KeyComparer);
            var allStrings = true;
            foreach (var pair in YamlMerge.Flatten(mapping, this, key))
            {
                var name = ToVariable(pair.Key, key);
                allStrings &= name is string;
                var value = ToVariable(pair.Value, key + "." + (pair.Key as YamlScalarNode)?.Value);
                var slot = name ?? NullKey;
                if (positions.TryGetValue(slot, out var at))
                {
                    pairs[at] = new KeyValuePair<object?, object?>(pairs[at].Key, value);
                }
                else
                {
                    positions[slot] = pairs.Count;
                    pairs.Add(new KeyValuePair<object?, object?>(name, value));
                }
            }

            if (!allStrings)
            {
                return pairs;
            }

            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var pair in pairs)
            {
                map[(string)pair.Key!] = pair.Value;
            }

            return map;
        }

        private static readonly object NullKey = new object();

        public static bool IsNull(YamlScalarNode scalar) => scalar.Style == ScalarStyle.Plain && NullWords.Contains(scalar.Value ?? string.Empty);

        public static string Describe(YamlNode node) => node switch
        {
            YamlScalarNode s when IsNull(s) => "nothing",
            YamlScalarNode s => $"'{s.Value}'",
            YamlSequenceNode _ => "a list",
            YamlMappingNode _ => "a map",
            _ => "an alias",
        };

        private SourceLocation PlaceholderLocation(YamlScalarNode node, int offset)
        {
            var quote = node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
            var singleLine = node.Start.Line == node.End.Line;
            var column = (int)node.Start.Column + (singleLine ? quote + offset : 0);
            return new SourceLocation(File, (int)node.Start.Line, column);
        }
    }
}
