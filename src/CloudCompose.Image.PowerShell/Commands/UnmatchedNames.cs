using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// As Get-ChildItem does for a name without wildcards: an exact -Name or -Version, or a config, that finds no
    /// image is reported as an error; a wildcard that matches nothing is not.
    /// </summary>
    internal static class UnmatchedNames
    {
        public static IEnumerable<CloudComposeException> Find(IReadOnlyList<string> names, IReadOnlyList<string> versions, IReadOnlyCollection<ImageInfo> found, string region)
        {
            var within = versions.Count > 0 ? " with version " + string.Join(" or ", versions) : string.Empty;
            foreach (var name in names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n) && found.All(i => i.Name != n)))
            {
                yield return Error($"No image named '{name}'{within} in {region}.", name);
            }

            if (names.Count == 0)
            {
                foreach (var version in versions.Where(v => !WildcardPattern.ContainsWildcardCharacters(v) && found.All(i => i.Version != v)))
                {
                    yield return Error($"No image with version '{version}' in {region}.", version);
                }
            }
        }

        public static CloudComposeException ForConfig(string name, string version, string file, string region) =>
            Error($"No image of {name}:{version} ({file}) in {region}.", file);

        private static CloudComposeException Error(string message, string target) =>
            new CloudComposeException(ErrorIds.ImageNameNotFound, ErrorKind.NotFound, message, target)
            { Hint = "Only images made by New-CloudComposeImage (tagged ImageName) in this account and region count; check the name, -Region and -ProfileName." };
    }
}
