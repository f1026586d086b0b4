using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// User data is readable by anyone with ec2:DescribeInstanceAttribute, and cloud-init keeps a copy on the builder's
    /// disk, so it must not carry secrets. Before anything launches the rendered scripts are searched for the values of
    /// variables whose names mark secrets and for AWS access key ids. Findings name the variable and the line, never the value.
    /// </summary>
    internal static class SecretGuard
    {
        /// <summary>Names (case-insensitive, * = anything) whose values are secrets.</summary>
        public static readonly IReadOnlyList<string> NamePatterns = new[] { "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "*TOKEN*", "*SECRET*", "*PASSWORD*", "*API_KEY*" };

        /// <summary>Shorter values (on/off switches, "1", "true") match ordinary text too often to mean anything.</summary>
        public const int MinimumValueLength = 8;

        private static readonly Regex AccessKeyId = new Regex(@"(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])", RegexOptions.CultureInvariant);

        private static readonly Regex[] Patterns = NamePatterns
            .Select(p => new Regex("^" + Regex.Escape(p).Replace(@"\*", ".*") + "$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase))
            .ToArray();

        public static bool IsSecretName(string name) => Patterns.Any(p => p.IsMatch(name));

        /// <summary>Throws UserDataContainsSecret naming every finding; with <paramref name="allow"/> warns instead.</summary>
        public static void Ensure(ImageConfig config, IEnumerable<UserDataScript?> scripts, IDictionary environment, bool allow, Action<string> warn)
        {
            var findings = scripts.Where(s => s != null).SelectMany(s => Find(config, s!, environment)).ToList();
            if (findings.Count == 0)
            {
                return;
            }

            var listed = string.Join("; ", findings);
            if (allow)
            {
                warn($"The user data of {config.Name}:{config.Version} carries secrets (-AllowSecretInUserData): {listed}. Anyone allowed ec2:DescribeInstanceAttribute can read them.");
                return;
            }

            var first = findings[0];
            throw new CloudComposeException(ErrorIds.UserDataContainsSecret, ErrorKind.InvalidData,
                $"{config.FilePath}: the user data of {config.Name}:{config.Version} would carry secrets: {listed}. " +
                "User data can be read by anyone allowed ec2:DescribeInstanceAttribute, and cloud-init keeps a copy on the builder's disk.",
                config.FilePath)
            {
                Hint = "Let the builder fetch secrets when it runs (aws ssm get-parameter --with-decryption or Secrets Manager, through image.aws.iam_instance_profile) " +
                    "instead of rendering them into image.sh. If the value is not secret, rename the variable, or pass -AllowSecretInUserData.",
            };
        }

        public static IReadOnlyList<SecretFinding> Find(ImageConfig config, UserDataScript script, IDictionary environment)
        {
            var lines = script.Script.Replace("\r\n", "\n").Split('\n');
            var name = script.Files.Count > 0 ? Path.GetFileName(script.Files[0]) : "image.sh";
            var findings = new List<SecretFinding>();

            foreach (var (what, variable, value) in SecretValues(config, environment))
            {
                var line = Array.FindIndex(lines, l => l.IndexOf(value, StringComparison.Ordinal) >= 0);
                if (line >= 0)
                {
                    findings.Add(new SecretFinding(what, name, line + 1, TemplateLineOf(script, config, variable, value)));
                }
            }

            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match key in AccessKeyId.Matches(lines[i]))
                {
                    findings.Add(new SecretFinding($"an AWS access key id ({key.Value.Substring(0, 4)}…)", name, i + 1, TemplateLineOf(script, config, null, key.Value)));
                }
            }

            return findings;
        }

        /// <summary>Environment variables, then image: keys, whose names mark secrets and whose values are long enough to search for.</summary>
        private static IEnumerable<(string What, string Variable, string Value)> SecretValues(ImageConfig config, IDictionary environment)
        {
            foreach (DictionaryEntry entry in environment)
            {
                if (entry.Key is string key && entry.Value is string value && value.Length >= MinimumValueLength && IsSecretName(key))
                {
                    yield return ($"environment variable {key}", key, value);
                }
            }

            foreach (var pair in config.Variables)
            {
                if (pair.Value is string value && value.Length >= MinimumValueLength && IsSecretName(pair.Key))
                {
                    yield return ($"image.{pair.Key}", pair.Key, value);
                }
            }
        }

        /// <summary>
        /// The template line that puts the value there: one that names the variable inside {{ }} or {% %}, else one that holds
        /// the value literally, else the config key whose value holds it.
        /// </summary>
        private static string? TemplateLineOf(UserDataScript script, ImageConfig config, string? variable, string value)
        {
            var byName = variable != null ? new Regex(@"(\{\{|\{%)[^}]*\b" + Regex.Escape(variable) + @"\b", RegexOptions.CultureInvariant) : null;
            string? literal = null;
            foreach (var file in script.Files)
            {
                string[] templateLines;
                try
                {
                    templateLines = File.ReadAllLines(file);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    continue;
                }

                for (var i = 0; i < templateLines.Length; i++)
                {
                    if (byName != null && byName.IsMatch(templateLines[i]))
                    {
                        return $"{file}:{i + 1}";
                    }

                    if (literal == null && templateLines[i].IndexOf(value, StringComparison.Ordinal) >= 0)
                    {
                        literal = $"{file}:{i + 1}";
                    }
                }
            }

            if (literal != null)
            {
                return literal;
            }

            var key = config.Variables.FirstOrDefault(v => v.Value is string text && text.IndexOf(value, StringComparison.Ordinal) >= 0).Key;
            return key != null ? $"{config.LocationOf("image." + key)} (image.{key})" : null;
        }
    }
}
