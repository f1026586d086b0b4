using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.PowerShell.Errors;
using CloudCompose.Image.PowerShell.Hosting;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// What every cmdlet of the module shares: a cancellation token that Ctrl+C (StopProcessing)
    /// cancels, configuration path resolution through the provider, and error conversion.
    /// </summary>
    public abstract class CloudComposeCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();

        protected CancellationToken CancellationToken => stopping.Token;

        protected override void StopProcessing() => stopping.Cancel();

        public void Dispose()
        {
            stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>
        /// Turns -Path/-LiteralPath (or the current location when neither is given) into config files.
        /// A folder is searched with the discovery rules; wildcards expand through the provider.
        /// </summary>
        protected IEnumerable<string> ResolveConfigFiles(string[]? paths, bool literal)
        {
            if (paths == null || paths.Length == 0)
            {
                yield return ConfigLocator.Locate(SessionState.Path.CurrentFileSystemLocation.ProviderPath);
                yield break;
            }

            foreach (var path in paths)
            {
                foreach (var resolved in ResolveProviderPaths(path, literal))
                {
                    yield return ConfigLocator.Locate(resolved);
                }
            }
        }

        private IEnumerable<string> ResolveProviderPaths(string path, bool literal)
        {
            if (literal || !WildcardPattern.ContainsWildcardCharacters(path))
            {
                var resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                return new[] { resolved };
            }

            try
            {
                return GetResolvedProviderPathFromPSPath(path, out _);
            }
            catch (ItemNotFoundException e)
            {
                throw new CloudComposeException(ErrorIds.ConfigNotFound, ErrorKind.NotFound, $"Cannot find a configuration matching '{path}'.", path, e);
            }
        }

        /// <summary>
        /// ShouldProcess, except that -Force skips the confirmation prompt (never -WhatIf), so runbooks can
        /// run destructive commands unattended with either -Force or -Confirm:$false.
        /// </summary>
        protected bool Confirmed(string target, string action, bool force)
        {
            var whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) && value is SwitchParameter s && s.IsPresent;
            return (force && !whatIf) || ShouldProcess(target, action);
        }

        /// <summary>Writes a non-terminating error for an engine failure and lets the pipeline go on.</summary>
        protected void WriteFailure(CloudComposeException e) => WriteError(ErrorRecords.From(e));

        /// <summary>Stops the command with an engine failure.</summary>
        protected void ThrowFailure(CloudComposeException e) => ThrowTerminatingError(ErrorRecords.From(e));

        protected static string Describe(string path) => Path.GetFullPath(path);

        /// <summary>
        /// Waits for engine work on the pipeline thread, writing what it reports meanwhile; Ctrl+C (the token cancelled)
        /// stops the pipeline.
        /// </summary>
        private protected T Wait<T>(Task<T> task, PipelineMessages? messages = null)
        {
            messages?.Pump(this, new[] { task });
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }
    }
}
