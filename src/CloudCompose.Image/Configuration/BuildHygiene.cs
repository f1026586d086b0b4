using System.Collections.Generic;
using System.Linq;
using CloudCompose.Image.Errors;
using CloudCompose.Image.Text;
using YamlDotNet.RepresentationModel;

namespace CloudCompose.Image.Configuration
{
    /// <summary>
    /// <c>image.hygiene</c>: what the builder removes after image.sh succeeded and before it shuts down, because everything
    /// on its disk is baked into the image and readable by whoever launches it. Each step is one shell fragment in the
    /// wrapper; docs/bake.md lists them with their reasons.
    /// </summary>
    internal static class BuildHygiene
    {
        public const string UserData = "user-data";
        public const string ScriptLog = "script-log";
        public const string CloudInit = "cloud-init";
        public const string SshHostKeys = "ssh-host-keys";
        public const string MachineId = "machine-id";

        /// <summary>Every step, in the order the wrapper runs them (the default).</summary>
        public static readonly IReadOnlyList<string> AllSteps = new[] { UserData, ScriptLog, CloudInit, SshHostKeys, MachineId };

        /// <summary><c>true</c> or absent: every step; <c>false</c> or <c>[]</c>: none; a list: those steps.</summary>
        internal static IReadOnlyList<string> Read(YamlNode node, YamlValues values, IDictionary<string, SourceLocation> locations)
        {
            const string Path = "image.hygiene";
            if (YamlValues.IsBool(node))
            {
                return values.RequireBool(node, Path) ? AllSteps : new string[0];
            }

            var chosen = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var step in values.RequireList(node, Path))
            {
                if (!AllSteps.Contains(step))
                {
                    var suggestion = Suggestions.Closest(step, AllSteps);
                    throw ConfigError.At(ErrorIds.ConfigInvalid, values.Where(node), Path,
                        $"'{step}' is not a hygiene step{(suggestion != null ? $"; did you mean '{suggestion}'?" : ".")}",
                        "Steps: " + string.Join(", ", AllSteps) + "; or true (all of them, the default) or false (none).");
                }

                chosen.Add(step);
            }

            return AllSteps.Where(chosen.Contains).ToList();
        }
    }
}
