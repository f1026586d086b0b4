using System.Collections.Generic;
using CloudCompose.Image.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CloudCompose.Image.Configuration
{
    /// <summary>
    /// YAML merge keys (<c>&lt;&lt;: *defaults</c>, <c>&lt;&lt;: [*a, *b]</c>) applied as PyYAML's flatten_mapping
    /// does: the merged pairs come first (the mappings of a list in reverse, so the first one wins), then the
    /// mapping's own pairs, which win over merged ones; a key keeps the position where it first appeared.
    /// </summary>
    internal static class YamlMerge
    {
        public static List<KeyValuePair<YamlNode, YamlNode>> Flatten(YamlMappingNode mapping, YamlValues values, string key)
        {
            var merged = new List<KeyValuePair<YamlNode, YamlNode>>();
            var own = new List<KeyValuePair<YamlNode, YamlNode>>();
            foreach (var pair in mapping.Children)
            {
                if (!IsMergeKey(pair.Key))
                {
                    own.Add(pair);
                    continue;
                }

                switch (pair.Value)
                {
                    case YamlMappingNode single:
                        merged.AddRange(Flatten(single, values, key));
                        break;
                    case YamlSequenceNode sequence:
                        var parts = new List<List<KeyValuePair<YamlNode, YamlNode>>>();
                        foreach (var item in sequence.Children)
                        {
                            if (!(item is YamlMappingNode part))
                            {
                                throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(item), key + ".<<",
                                    "expected a mapping for merging, found " + YamlValues.Describe(item) + ".");
                            }

                            parts.Add(Flatten(part, values, key));
                        }

                        parts.Reverse();
                        foreach (var part in parts)
                        {
                            merged.AddRange(part);
                        }

                        break;
                    default:
                        throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(pair.Value), key + ".<<",
                            "expected a mapping or list of mappings for merging, found " + YamlValues.Describe(pair.Value) + ".");
                }
            }

            merged.AddRange(own);
            return merged;
        }

        private static bool IsMergeKey(YamlNode key) =>
            key is YamlScalarNode scalar
            && scalar.Value == "<<"
            && (scalar.Style == ScalarStyle.Plain || scalar.Tag == "tag:yaml.org,2002:merge");
    }
}
