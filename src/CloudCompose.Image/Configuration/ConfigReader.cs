using CloudCompose.Image.Text;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CloudCompose.Image.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CloudCompose.Image.Configuration
{
    /// <summary>
    /// Loads the <c>image:</c> section of cloud-compose.yml. Other top-level keys belong to other
    /// cloud-compose plugins and are ignored.
    /// </summary>
    internal static class ConfigReader
    {
        public const string SectionName = "image";

        private static readonly string[] TypedKeys = { "name", "version", "search_path", "aws", "test", "publish", "hygiene" };

        /// <summary>Reads with the process environment filling <c>${VAR}</c>.</summary>
        public static ImageConfig Read(string path) => Read(path, Environment.GetEnvironmentVariable);

        public static ImageConfig Read(string path, Func<string, string?> environment)
        {
            var file = Path.GetFullPath(path);
            return Parse(ReadText(file), file, environment);
        }

        public static ImageConfig Parse(string text, string file, Func<string, string?> environment)
        {
            var root = Load(text, file);
            var values = new YamlValues(file, environment);
            var section = FindSection(root, file, values);
            var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
            var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
            var nodes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);

            foreach (var pair in YamlMerge.Flatten(section, values, SectionName))
            {
                var key = values.RequireText(pair.Key, SectionName);
                locations[SectionName + "." + key] = values.Where(pair.Key);
                nodes[key] = pair.Value;
            }

            foreach (var required in new[] { "name", "version", "aws" })
            {
                if (!nodes.ContainsKey(required))
                {
                    throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(section), SectionName + "." + required, "this key is required.");
                }
            }

            var name = values.RequireText(nodes["name"], "image.name");
            var version = values.RequireText(nodes["version"], "image.version");
            CheckNameAndVersion(name, version, nodes, values);

            if (nodes["aws"] is not YamlMappingNode awsNode)
            {
                throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(nodes["aws"]), "image.aws", "expected a map of AWS settings, found " + YamlValues.Describe(nodes["aws"]) + ".");
            }

            var aws = AwsSettingsReader.Read(awsNode, values, locations);
            var folder = Path.GetDirectoryName(file)!;
            var searchPath = new List<string> { folder };
            if (nodes.TryGetValue("search_path", out var searchNode))
            {
                searchPath.AddRange(values.RequireList(searchNode, "image.search_path").Select(p => Path.GetFullPath(Path.Combine(folder, p))));
            }

            var test = nodes.TryGetValue("test", out var testNode) && !(testNode is YamlScalarNode t && YamlValues.IsNull(t))
                ? ReleaseSettingsReader.ReadTest(testNode, values, locations)
                : null;
            var publish = nodes.TryGetValue("publish", out var publishNode)
                ? ReleaseSettingsReader.ReadPublish(publishNode, values, locations, name, version)
                : new PublishSettings(new string[0], new string[0]);
            var hygiene = nodes.TryGetValue("hygiene", out var hygieneNode) && !(hygieneNode is YamlScalarNode h && YamlValues.IsNull(h))
                ? BuildHygiene.Read(hygieneNode, values, locations)
                : BuildHygiene.AllSteps;

            foreach (var pair in nodes)
            {
                variables[pair.Key] = pair.Key switch
                {
                    "name" => name,
                    "version" => version,
                    _ => values.ToVariable(pair.Value, SectionName + "." + pair.Key),
                };
            }

            return new ImageConfig(file, name, version, searchPath, aws, variables, locations) { Test = test, Publish = publish, Hygiene = hygiene };
        }

        /// <summary>
        /// Reads only what names the images of a config (name, version, aws.region). Commands that list or retire
        /// images need nothing else, so they work where the build's ${AMI_ID} and friends are not set.
        /// </summary>
        public static ConfigIdentity ReadIdentity(string path, Func<string, string?>? environment = null)
        {
            var file = Path.GetFullPath(path);
            var text = ReadText(file);

            var values = new YamlValues(file, environment ?? Environment.GetEnvironmentVariable);
            var section = FindSection(Load(text, file), file, values);
            YamlNode? Child(YamlMappingNode map, string key, string path) =>
                YamlMerge.Flatten(map, values, path).LastOrDefault(p => p.Key is YamlScalarNode k && k.Value == key).Value;
            string Required(string key) => Child(section, key, SectionName) is { } node
                ? values.RequireText(node, SectionName + "." + key)
                : throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(section), SectionName + "." + key, "this key is required.");

            var region = Child(section, "aws", SectionName) is YamlMappingNode aws && Child(aws, "region", "image.aws") is { } regionNode
                ? values.RequireText(regionNode, "image.aws.region")
                : null;
            return new ConfigIdentity(file, Required("name"), Required("version"), region);
        }

        private static string ReadText(string file)
        {
            try
            {
                return File.ReadAllText(file, new UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new CloudComposeException(ErrorIds.ConfigNotFound, ErrorKind.NotFound, $"Cannot read the configuration '{file}': {e.Message}", file, e);
            }
        }

        private static YamlMappingNode FindSection(YamlNode? root, string file, YamlValues values)
        {
            var noSection = new CloudComposeException(
                ErrorIds.ConfigSectionMissing,
                ErrorKind.InvalidData,
                $"{file}: there is no 'image:' section; the image settings live under a top-level 'image:' key.",
                file)
            { Hint = "Add an 'image:' section with name, version and aws (see about_CloudCompose.Image_Configuration)." };

            if (root is not YamlMappingNode top)
            {
                throw noSection;
            }

            var entry = top.Children.FirstOrDefault(p => p.Key is YamlScalarNode s && s.Value == SectionName);
            if (entry.Value == null)
            {
                throw noSection;
            }

            return entry.Value as YamlMappingNode
                ?? throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(entry.Value), SectionName, "expected a map of settings, found " + YamlValues.Describe(entry.Value) + ".");
        }

        private static YamlNode? Load(string text, string file)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException e)
            {
                var problem = StripPosition((e.InnerException?.Message ?? e.Message).Replace(Environment.NewLine, " "));
                var where = new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column);
                var tabLine = FirstTabIndentedLine(text, where.Line);
                if (tabLine > 0)
                {
                    // YamlDotNet reports where the enclosing mapping starts; the user needs the line with the tab.
                    where = new SourceLocation(file, tabLine, 1);
                    problem = "a tab is used for indentation; YAML allows spaces only.";
                }

                throw ConfigError.At(ErrorIds.ConfigSyntaxError, where, string.Empty, "invalid YAML: " + problem);
            }

            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }

        private static int FirstTabIndentedLine(string text, int fromLine)
        {
            var lines = text.Split('\n');
            for (var i = Math.Max(fromLine, 1); i <= lines.Length; i++)
            {
                if (lines[i - 1].TakeWhile(c => c == ' ' || c == '\t').Contains('\t'))
                {
                    return i;
                }
            }

            return 0;
        }

        // YamlDotNet repeats "(Line: 3, Col: 5, Idx: …) - (…):" in front of its messages; we print our own.
        private static string StripPosition(string message)
        {
            var marker = message.IndexOf("): ", StringComparison.Ordinal);
            return message.StartsWith("(Line:", StringComparison.Ordinal) && marker > 0 ? message.Substring(marker + 3) : message;
        }

        private static void CheckNameAndVersion(string name, string version, IDictionary<string, YamlNode> nodes, YamlValues values)
        {
            const string Allowed = "letters, digits and ( ) [ ] space . / - ' @ _";
            if (name.Length == 0 || !ConfigRules.IsAmiNameText(name))
            {
                throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(nodes["name"]), "image.name", $"'{name}' may contain only {Allowed} (it becomes part of the AMI name).");
            }

            if (version.Length == 0 || !ConfigRules.IsAmiNameText(version))
            {
                throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(nodes["version"]), "image.version", $"'{version}' may contain only {Allowed} (it becomes part of the AMI name).");
            }

            var length = name.Length + version.Length + ConfigRules.ImageNameSuffixLength;
            if (length > ConfigRules.MaxImageNameLength)
            {
                throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(nodes["name"]), "image.name",
                    $"the AMI name '<name>_<version>_<timestamp>' would be {length} characters; EC2 allows at most {ConfigRules.MaxImageNameLength}. Shorten name or version.");
            }
        }
    }
}
