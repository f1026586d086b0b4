using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Errors;
using CloudCompose.Image.PowerShell.Completion;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// Terminates the builder instances of an image name (the original's <c>cloud-compose image down</c>): by default
    /// only abandoned ones, left by builds that were killed or kept them with -KeepBuilderOnFailure, never the builder
    /// of a bake still running in another shell; -IncludeActive takes those too.
    /// </summary>
    // LiteralPath is the default set, and optional there: Get-Item output has both PSPath and Name, and only a
    // default set breaks the tie between -LiteralPath and -Name by property name. With no input, the current folder's config.
    [Cmdlet(VerbsCommon.Remove, "CloudComposeImageBuilder", DefaultParameterSetName = LiteralPathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(BuilderInfo))]
    public sealed class RemoveCloudComposeImageBuilderCommand : AwsCmdlet
    {
        private const string NameSet = "Name";
        private const string InputObjectSet = "InputObject";

        private readonly BuilderSelection selection = new BuilderSelection();

        /// <summary>A config path taken exactly as written (Get-ChildItem and Get-Item output bind here through PSPath).</summary>
        [Parameter(ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public override string[]? LiteralPath { get => base.LiteralPath; set => base.LiteralPath = value; }

        /// <summary>The image name (the ImageName tag) instead of a config file; from the pipeline, Get-CloudComposeImage output.</summary>
        [Parameter(ParameterSetName = NameSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Only builders of these versions (the ImageVersion tag).</summary>
        [Parameter(ParameterSetName = NameSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Version { get; set; }

        /// <summary>Builders from Get-CloudComposeImageBuilder.</summary>
        [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public BuilderInfo[]? InputObject { get; set; }

        /// <summary>Also terminate active builders: before their deadline, a build may still be running on them.</summary>
        [Parameter]
        public SwitchParameter IncludeActive { get; set; }

        /// <summary>Terminate without asking for confirmation (for runbooks). -WhatIf still wins.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
        {
            switch (ParameterSetName)
            {
                case NameSet:
                    foreach (var name in Name!)
                    {
                        selection.AddName(null, name, Version, literal: true);
                    }

                    break;
                case InputObjectSet:
                    foreach (var builder in InputObject!)
                    {
                        selection.AddInstance(string.IsNullOrEmpty(builder.Region) ? null : builder.Region, builder.InstanceId);
                    }

                    break;
                default:
                    foreach (var config in ConfigIdentities())
                    {
                        selection.AddName(config.Region, config.Name, null, literal: true);
                    }

                    break;
            }

            return Task.CompletedTask;
        }

        protected override async Task EndAsync(CancellationToken cancellationToken)
        {
            if (selection.IsEmpty)
            {
                return;
            }

            var builders = await selection.FindAsync(Connect, WriteVerbose, cancellationToken);
            foreach (var region in builders.GroupBy(b => b.Region))
            {
                using var inventory = new BuilderInventory(Connect(region.Key));
                await RemoveAsync(inventory, region, cancellationToken);
            }
        }

        private async Task RemoveAsync(BuilderInventory inventory, IEnumerable<BuilderInfo> builders, CancellationToken cancellationToken)
        {
            foreach (var builder in builders)
            {
                if (!builder.Abandoned && !IncludeActive)
                {
                    WriteWarning($"Kept active builder {Describe(builder)}: a build may still be running on it until its deadline. -IncludeActive terminates it too.");
                    continue;
                }

                if (!Confirmed(Describe(builder), "Terminate builder instance", Force))
                {
                    continue;
                }

                try
                {
                    await inventory.TerminateAsync(builder, cancellationToken);
                    WriteObject(builder);
                }
                catch (CloudComposeException e)
                {
                    WriteFailure(e);
                }
            }
        }

        private static string Describe(BuilderInfo builder)
        {
            var launched = builder.LaunchTime?.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "unknown";
            var status = builder.BuildEnded != null ? "its build has ended"
                : builder.Deadline == null ? "no deadline"
                : builder.Deadline < DateTime.UtcNow ? "deadline passed " + builder.Deadline.Value.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)
                : "active until " + builder.Deadline.Value.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
            return $"{builder.InstanceId} ({builder.Name}:{builder.Version}, {builder.State}, launched {launched}, {status})";
        }
    }
}
