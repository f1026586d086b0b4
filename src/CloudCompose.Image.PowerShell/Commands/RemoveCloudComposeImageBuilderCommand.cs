using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.PowerShell.Completion;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// Terminates builder instances tagged with an image name (the original's <c>cloud-compose image down</c>):
    /// leftovers of builds whose process was killed, or kept with -KeepBuilderOnFailure.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CloudComposeImageBuilder", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(BuilderInfo))]
    public sealed class RemoveCloudComposeImageBuilderCommand : AwsCmdlet
    {
        private const string PathSet = "Path";
        private const string NameSet = "Name";

        [Parameter(ParameterSetName = PathSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "ConfigPath")]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>The image name (the ImageName tag) instead of a config file.</summary>
        [Parameter(ParameterSetName = NameSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Terminate without asking for confirmation (for runbooks).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                foreach (var (name, region, target) in Targets())
                {
                    Remove(name, region, target);
                }
            }
            catch (CloudComposeException e)
            {
                ThrowFailure(e);
            }
        }

        private IEnumerable<(string Name, string? Region, string Target)> Targets()
        {
            if (ParameterSetName == NameSet)
            {
                return Name!.Select(n => (n, (string?)null, n));
            }

            return ResolveConfigFiles(Path, literal: false)
                .Select(file => ConfigReader.ReadIdentity(file))
                .Select(config => (config.Name, config.Region, config.FilePath))
                .ToList();
        }

        private void Remove(string name, string? region, string target)
        {
            var connection = Connect(region);
            using var removal = new BuilderRemoval(connection);
            var builders = removal.FindAsync(name, CancellationToken).GetAwaiter().GetResult();
            WriteVerbose($"DescribeInstances: {builders.Count} builder(s) tagged ImageName={name} in {connection.Region} ({target}).");
            foreach (var builder in builders)
            {
                var description = $"{builder.InstanceId} ({name}:{builder.Version}, {builder.State}, launched {builder.LaunchTime:u})";
                if (!Confirmed(description, "Terminate builder instance", Force))
                {
                    continue;
                }

                try
                {
                    removal.TerminateAsync(builder, CancellationToken).GetAwaiter().GetResult();
                    WriteObject(builder);
                }
                catch (CloudComposeException e)
                {
                    WriteFailure(e);
                }
            }
        }
    }
}
