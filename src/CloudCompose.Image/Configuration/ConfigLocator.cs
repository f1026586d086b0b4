using System.Collections.Generic;
using System.IO;
using System.Linq;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Configuration
{
    /// <summary>
    /// Finds cloud-compose.yml the way the original tool did: a cloud-compose/ folder first,
    /// then the folder itself, .yml before .yaml.
    /// </summary>
    internal static class ConfigLocator
    {
        public static readonly IReadOnlyList<string> FileNames = new[] { "cloud-compose.yml", "cloud-compose.yaml" };

        public const string ConfigFolderName = "cloud-compose";

        /// <summary>The candidate files for a folder, in the order they are tried.</summary>
        public static IReadOnlyList<string> Candidates(string folder)
        {
            var subFolder = Path.Combine(folder, ConfigFolderName);
            return FileNames.Select(f => Path.Combine(subFolder, f))
                .Concat(FileNames.Select(f => Path.Combine(folder, f)))
                .ToList();
        }

        /// <summary>
        /// Resolves an already provider-resolved path: a file is returned as is; a folder is searched
        /// with the discovery rules.
        /// </summary>
        public static string Locate(string fileOrFolder)
        {
            var full = Path.GetFullPath(fileOrFolder);
            if (File.Exists(full))
            {
                return full;
            }

            if (!Directory.Exists(full))
            {
                throw new CloudComposeException(
                    ErrorIds.ConfigNotFound,
                    ErrorKind.NotFound,
                    $"Cannot find the configuration '{full}': no such file or folder.",
                    full)
                { Hint = "Pass -Path with a cloud-compose.yml file or the folder that holds it." };
            }

            var candidates = Candidates(full);
            var found = candidates.FirstOrDefault(File.Exists);
            if (found != null)
            {
                return found;
            }

            throw new CloudComposeException(
                ErrorIds.ConfigNotFound,
                ErrorKind.NotFound,
                $"Cannot find cloud-compose.yml in '{full}'. Looked for: {string.Join(", ", candidates)}.",
                full)
            { Hint = "Run the command in the folder that holds cloud-compose.yml (or its cloud-compose/ subfolder), or pass -Path." };
        }
    }
}
