using System.Collections.Generic;
using System.Linq;
using CloudCompose.Image.Errors;
using CloudCompose.Image.Text;
using YamlDotNet.RepresentationModel;

namespace CloudCompose.Image.Configuration
{
    /// <summary>Reads and validates <c>image.aws:</c>. Unknown keys are errors here (typos would be silent otherwise).</summary>
    internal static class AwsSettingsReader
    {
        public static readonly string[] KnownKeys =
        {
            "ami", "subnet", "keypair", "instance_type", "security_groups", "detailed_monitoring", "ebs_optimized", "tags",
            "region", "iam_instance_profile", "volume_size", "volume_type", "encrypted", "kms_key_id", "associate_public_ip",
            "copy_to_regions", "share_with_accounts",
        };

        private static readonly string[] VolumeTypes = { "gp2", "gp3", "io1", "io2", "st1", "sc1", "standard" };

        public static AwsSettings Read(YamlMappingNode section, YamlValues values, IDictionary<string, SourceLocation> locations)
        {
            var aws = new AwsSettings();
            var seen = new HashSet<string>();
            foreach (var pair in YamlMerge.Flatten(section, values, "image.aws"))
            {
                var key = values.RequireText(pair.Key, "image.aws");
                var path = "image.aws." + key;
                locations[path] = values.Where(pair.Key);
                seen.Add(key);
                Apply(aws, key, path, pair.Value, values, locations[path]);
            }

            foreach (var required in new[] { "ami", "subnet" })
            {
                if (!seen.Contains(required))
                {
                    throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(section), "image.aws." + required, "this key is required.");
                }
            }

            return aws;
        }

        private static void Apply(AwsSettings aws, string key, string path, YamlNode value, YamlValues values, SourceLocation keyAt)
        {
            switch (key)
            {
                case "ami":
                    aws.Ami = ReadAmi(value, path, values);
                    break;
                case "subnet":
                    aws.Subnet = Check(values.RequireText(value, path), ConfigRules.IsSubnetId, value, path, values, "is not a subnet id (subnet-0123abcd…)");
                    break;
                case "keypair":
                    aws.KeyPair = OptionalText(value, path, values);
                    break;
                case "instance_type":
                    var types = values.RequireList(value, path).Distinct().ToList();
                    aws.InstanceTypes = types.Count > 0
                        ? types
                        : throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(value), path, "expected an instance type (t3.small) or a list of them, tried in order.");
                    break;
                case "security_groups":
                    aws.SecurityGroups = CheckList(value, path, values, ConfigRules.IsSecurityGroupId, "is not a security group id (sg-0123abcd…)");
                    break;
                case "detailed_monitoring":
                    aws.DetailedMonitoring = values.RequireBool(value, path);
                    break;
                case "ebs_optimized":
                    aws.EbsOptimized = values.RequireBool(value, path);
                    break;
                case "tags":
                    aws.Tags = ReadTags(value, path, values);
                    break;
                case "region":
                    aws.Region = Check(values.RequireText(value, path), ConfigRules.IsRegion, value, path, values, "is not an AWS region name (us-east-1…)");
                    break;
                case "iam_instance_profile":
                    aws.IamInstanceProfile = OptionalText(value, path, values);
                    break;
                case "volume_size":
                    aws.VolumeSize = values.RequireInt(value, path, 1, 65536);
                    break;
                case "volume_type":
                    var type = values.RequireText(value, path);
                    aws.VolumeType = VolumeTypes.Contains(type)
                        ? type
                        : throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(value), path, $"'{type}' is not a volume type; use one of {string.Join(", ", VolumeTypes)}.");
                    break;
                case "encrypted":
                    aws.Encrypted = values.RequireBool(value, path);
                    break;
                case "kms_key_id":
                    aws.KmsKeyId = OptionalText(value, path, values);
                    break;
                case "associate_public_ip":
                    aws.AssociatePublicIp = values.RequireBool(value, path);
                    break;
                case "copy_to_regions":
                    aws.CopyToRegions = CheckList(value, path, values, ConfigRules.IsRegion, "is not an AWS region name (us-east-1…)");
                    break;
                case "share_with_accounts":
                    aws.ShareWithAccounts = CheckList(value, path, values, ConfigRules.IsAccountId, "is not a 12-digit AWS account id");
                    break;
                default:
                    var suggestion = Suggestions.Closest(key, KnownKeys);
                    var problem = suggestion != null ? $"unknown key; did you mean '{suggestion}'?" : "unknown key.";
                    throw ConfigError.At(ErrorIds.ConfigKeyUnknown, keyAt, path, problem,
                        "Known keys under image.aws: " + string.Join(", ", KnownKeys) + ".");
            }
        }

        private static AmiSelector ReadAmi(YamlNode value, string path, YamlValues values)
        {
            if (value is not YamlMappingNode filter)
            {
                var id = values.RequireText(value, path);
                return new AmiSelector(Check(id, ConfigRules.IsAmiId, value, path, values, "is not an AMI id (ami-0123abcd…); for a search use ami: {name: …, owners: […]}"), null, new string[0]);
            }

            string? name = null;
            IReadOnlyList<string> owners = new string[0];
            foreach (var pair in filter.Children)
            {
                var key = values.RequireText(pair.Key, path);
                switch (key)
                {
                    case "name":
                        name = values.RequireText(pair.Value, path + ".name");
                        break;
                    case "owners":
                        owners = values.RequireList(pair.Value, path + ".owners");
                        break;
                    default:
                        var suggestion = Suggestions.Closest(key, new[] { "name", "owners" });
                        throw ConfigError.At(ErrorIds.ConfigKeyUnknown, values.Where(pair.Key), path + "." + key,
                            suggestion != null ? $"unknown key; did you mean '{suggestion}'?" : "unknown key; an AMI filter takes 'name' and 'owners'.");
                }
            }

            if (name == null)
            {
                throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(value), path + ".name", "an AMI filter needs a 'name' pattern, e.g. ubuntu/images/*-22.04-amd64-*.");
            }

            return new AmiSelector(null, name, owners);
        }

        private static IReadOnlyList<KeyValuePair<string, string>> ReadTags(YamlNode value, string path, YamlValues values)
        {
            if (value is YamlScalarNode scalar && YamlValues.IsNull(scalar))
            {
                return new KeyValuePair<string, string>[0];
            }

            if (value is not YamlMappingNode map)
            {
                throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(value), path, "expected a map of tag names to values, found " + YamlValues.Describe(value) + ".");
            }

            var tags = new List<KeyValuePair<string, string>>();
            foreach (var pair in map.Children)
            {
                var key = values.RequireText(pair.Key, path);
                if (key.StartsWith("aws:", System.StringComparison.OrdinalIgnoreCase) || key.Length > 128)
                {
                    throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(pair.Key), path + "." + key, "tag keys may not start with 'aws:' and are at most 128 characters.");
                }

                var text = pair.Value is YamlScalarNode s && YamlValues.IsNull(s) ? string.Empty : values.RequireText(pair.Value, path + "." + key);
                tags.Add(new KeyValuePair<string, string>(key, text));
            }

            return tags;
        }

        // An empty value (often a ${VAR:-} placeholder left unset) means "not given".
        private static string? OptionalText(YamlNode value, string path, YamlValues values)
        {
            if (value is YamlScalarNode scalar && YamlValues.IsNull(scalar))
            {
                return null;
            }

            var text = values.RequireText(value, path);
            return text.Length == 0 ? null : text;
        }

        private static IReadOnlyList<string> CheckList(YamlNode node, string path, YamlValues values, System.Func<string, bool> rule, string problem) =>
            values.RequireList(node, path).Select(item => Check(item, rule, node, path, values, problem)).ToList();

        private static string Check(string text, System.Func<string, bool> rule, YamlNode node, string path, YamlValues values, string problem) =>
            rule(text) ? text : throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(node), path, $"'{text}' {problem}.");
    }
}
