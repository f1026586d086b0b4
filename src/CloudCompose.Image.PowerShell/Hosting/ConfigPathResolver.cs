using System.Collections.Generic;
using System.Management.Automation;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>
    /// Turns -Path and -LiteralPath into config files the way PowerShell's own cmdlets treat paths: -Path expands
    /// wildcards and honours backtick escapes (<c>br`[1`]</c> is the file <c>br[1]</c>), -LiteralPath is taken as
    /// written, both accept provider-qualified paths and PSDrives. A folder is searched with the discovery rules.
    /// </summary>
    internal sealed class ConfigPathResolver
    {
        private readonly PSCmdlet cmdlet;

        public ConfigPathResolver(PSCmdlet cmdlet)
        {
            this.cmdlet = cmdlet;
        }

        /// <summary>One entry per config found, or per path that finds none (a wildcard that matches nothing finds nothing, as with Get-Item).</summary>
        public IEnumerable<ResolvedConfig> Resolve(string[]? paths, bool literal)
        {
            if (paths == null || paths.Length == 0)
            {
                yield return Locate(cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath);
                yield break;
            }

            foreach (var path in paths)
            {
                foreach (var resolved in literal ? Literal(path) : Expand(path))
                {
                    yield return resolved;
                }
            }
        }

        private IEnumerable<ResolvedConfig> Literal(string path)
        {
            string providerPath;
            ProviderInfo provider;
            try
            {
                providerPath = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
            }
            catch (System.Exception e) when (e is ItemNotFoundException || e is DriveNotFoundException || e is ProviderNotFoundException)
            {
                return new[] { NotFound(path, e) };
            }

            return new[] { FromProvider(path, providerPath, provider) };
        }

        private IEnumerable<ResolvedConfig> Expand(string path)
        {
            var found = new List<ResolvedConfig>();
            try
            {
                foreach (var providerPath in cmdlet.GetResolvedProviderPathFromPSPath(path, out var provider))
                {
                    found.Add(FromProvider(path, providerPath, provider));
                }
            }
            catch (System.Exception e) when (e is ItemNotFoundException || e is DriveNotFoundException || e is ProviderNotFoundException)
            {
                found.Add(NotFound(path, e));
            }

            return found;
        }

        private static ResolvedConfig FromProvider(string path, string providerPath, ProviderInfo provider)
        {
            if (provider.Name != "FileSystem")
            {
                return new ResolvedConfig(null, new CloudComposeException(ErrorIds.ConfigPathNotFileSystem, ErrorKind.InvalidArgument,
                    $"'{path}' is a {provider.Name} path; a configuration is a file (cloud-compose.yml) or a folder.", path));
            }

            return Locate(providerPath);
        }

        private static ResolvedConfig Locate(string providerPath)
        {
            try
            {
                return new ResolvedConfig(ConfigLocator.Locate(providerPath), null);
            }
            catch (CloudComposeException e)
            {
                return new ResolvedConfig(null, e);
            }
        }

        private static ResolvedConfig NotFound(string path, System.Exception e) =>
            new ResolvedConfig(null, new CloudComposeException(ErrorIds.ConfigNotFound, ErrorKind.NotFound,
                $"Cannot find the configuration '{path}': {e.Message}", path, e)
            { Hint = "Pass -Path with a cloud-compose.yml file or the folder that holds it; use -LiteralPath for names with [ ] or *." });
    }
}
