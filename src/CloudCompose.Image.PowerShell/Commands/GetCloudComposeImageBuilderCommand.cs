using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// Lists the builder instances of this account's builds (live instances tagged ImageName): build id, name and
    /// version, state, launch time, deadline, and whether they are abandoned (no build runs on them any more) or active.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CloudComposeImageBuilder", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(BuilderInfo))]
    public sealed class GetCloudComposeImageBuilderCommand : AwsSelectionCmdlet
    {
        private readonly BuilderSelection selection = new BuilderSelection();

        /// <summary>Only builders no build runs on any more (what Remove-CloudComposeImageBuilder removes by default).</summary>
        [Parameter]
        public SwitchParameter Abandoned { get; set; }

        protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
        {
            if (ParameterSetName == NameSet)
            {
                if (Name == null)
                {
                    selection.AddAll(null);
                }

                foreach (var name in Name ?? new string[0])
                {
                    selection.AddName(null, name, Version, literal: false);
                }

                return Task.CompletedTask;
            }

            foreach (var config in ConfigIdentities())
            {
                selection.AddName(config.Region, config.Name, null, literal: true);
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
            foreach (var builder in builders)
            {
                if (!Abandoned || builder.Abandoned)
                {
                    WriteObject(builder);
                }
            }
        }
    }
}
