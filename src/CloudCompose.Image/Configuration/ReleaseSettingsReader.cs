using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using CloudCompose.Image.Errors;
using CloudCompose.Image.Text;
using YamlDotNet.RepresentationModel;

namespace CloudCompose.Image.Configuration
{
    /// <summary>
    /// Reads <c>image.test:</c> and <c>image.publish:</c>. Names are checked against the rules Parameter Store and EC2
    /// apply, so a typo fails here, naming the line, rather than after an hour of baking.
    /// </summary>
    internal static class ReleaseSettingsReader
    {
        private static readonly string[] TestKeys = { "script", "instance_type" };
        private static readonly string[] PublishKeys = { "ssm_parameter", "launch_templates" };

        private static readonly Regex ParameterName = new(@"^[a-zA-Z0-9_.\-/]+$", RegexOptions.CultureInvariant);
        private static readonly Regex TemplateName = new(@"^[a-zA-Z0-9().\-/_]{3,128}$", RegexOptions.CultureInvariant);

        /// <summary>Characters Parameter Store accepts in tag values (the parameter is tagged ImageName/ImageVersion).</summary>
        private static readonly Regex SsmTagValue = new(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$", RegexOptions.CultureInvariant);

        public static TestSettings ReadTest(YamlNode node, YamlValues values, IDictionary<string, SourceLocation> locations)
        {
            const string Path = "image.test";
            if (node is YamlScalarNode)
            {
                return new TestSettings(ScriptName(node, Path, values), null);
            }

            var map = Map(node, Path, values, "the test script's name (test: test.sh) or a map with script and instance_type");
            string? script = null;
            string? instanceType = null;
            foreach (var pair in map.Children)
            {
                var key = Key(pair.Key, Path, TestKeys, values, locations);
                if (key == "script")
                {
                    script = ScriptName(pair.Value, Path + ".script", values);
                }
                else
                {
                    instanceType = values.RequireText(pair.Value, Path + ".instance_type");
                }
            }

            return script != null
                ? new TestSettings(script, instanceType)
                : throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(node), Path + ".script", "this key is required: the test script's name, e.g. test.sh.");
        }

        public static PublishSettings ReadPublish(YamlNode node, YamlValues values, IDictionary<string, SourceLocation> locations, string name, string version)
        {
            const string Path = "image.publish";
            if (node is YamlScalarNode empty && YamlValues.IsNull(empty))
            {
                return new PublishSettings(new string[0], new string[0]);
            }

            var map = Map(node, Path, values, "a map with ssm_parameter and/or launch_templates");
            IReadOnlyList<string> parameters = new string[0];
            IReadOnlyList<string> templates = new string[0];
            foreach (var pair in map.Children)
            {
                var key = Key(pair.Key, Path, PublishKeys, values, locations);
                var path = Path + "." + key;
                if (key == "ssm_parameter")
                {
                    parameters = values.RequireList(pair.Value, path);
                    foreach (var parameter in parameters)
                    {
                        CheckParameterName(parameter, pair.Value, path, values);
                    }

                    foreach (var (label, text) in new[] { ("image.name", name), ("image.version", version) })
                    {
                        if (parameters.Count > 0 && !SsmTagValue.IsMatch(text))
                        {
                            throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(pair.Value), path,
                                $"the parameter is tagged with {label} '{text}', and Parameter Store tag values may not contain ( ) [ ] or '.",
                                $"Rename {label} or publish through launch_templates only.");
                        }
                    }
                }
                else
                {
                    templates = values.RequireList(pair.Value, path);
                    foreach (var template in templates.Where(t => !TemplateName.IsMatch(t)))
                    {
                        throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(pair.Value), path,
                            $"'{template}' is not a launch template name: 3 to 128 letters, digits and ( ) . - / _.");
                    }
                }
            }

            return new PublishSettings(parameters.Distinct().ToList(), templates.Distinct().ToList());
        }

        private static void CheckParameterName(string parameter, YamlNode node, string path, YamlValues values)
        {
            var bare = parameter.TrimStart('/');
            string? problem = null;
            if (!ParameterName.IsMatch(parameter))
            {
                problem = "may contain only letters, digits and _ . - /";
            }
            else if (bare.StartsWith("aws", System.StringComparison.OrdinalIgnoreCase) || bare.StartsWith("ssm", System.StringComparison.OrdinalIgnoreCase))
            {
                problem = "may not begin with 'aws' or 'ssm' (Parameter Store reserves them)";
            }
            else if (parameter.Contains('/') && !parameter.StartsWith("/", System.StringComparison.Ordinal))
            {
                problem = "is a path, so it must begin with /";
            }
            else if (parameter.Split(new[] { '/' }, System.StringSplitOptions.RemoveEmptyEntries).Length > 15)
            {
                problem = "has more than 15 levels";
            }

            if (problem != null)
            {
                throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(node), path, $"'{parameter}' {problem}; e.g. /images/docker/latest.");
            }
        }

        private static string ScriptName(YamlNode node, string path, YamlValues values)
        {
            var text = values.RequireText(node, path).Trim();
            return text.Length > 0 ? text : throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(node), path, "expected the test script's name, e.g. test.sh.");
        }

        private static YamlMappingNode Map(YamlNode node, string path, YamlValues values, string expected) =>
            node as YamlMappingNode ?? throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(node), path, $"expected {expected}, found {YamlValues.Describe(node)}.");

        private static string Key(YamlNode keyNode, string path, string[] known, YamlValues values, IDictionary<string, SourceLocation> locations)
        {
            var key = values.RequireText(keyNode, path);
            locations[path + "." + key] = values.Where(keyNode);
            if (known.Contains(key))
            {
                return key;
            }

            var suggestion = Suggestions.Closest(key, known);
            throw ConfigError.At(ErrorIds.ConfigKeyUnknown, values.Where(keyNode), path + "." + key,
                suggestion != null ? $"unknown key; did you mean '{suggestion}'?" : "unknown key.", $"Known keys under {path}: {string.Join(", ", known)}.");
        }
    }
}
