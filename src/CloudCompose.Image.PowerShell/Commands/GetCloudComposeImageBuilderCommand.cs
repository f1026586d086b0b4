using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.PowerShell.Completion;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// Lists the builder instances of this account's builds (live instances tagged ImageName): build id, name and
    /// version, state, launch time, deadline, and whether they are abandoned (no build runs on them any more) or active.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CloudComposeImageBuilder", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(BuilderInfo))]
    public sealed class GetCloudComposeImageBuilderCommand : AwsCmdlet
    {
        private const string NameSet = "Name";

        private readonly BuilderSelection selection = new BuilderSelection();

        /// <summary>Image names (the ImageName tag); wildcards allowed. Default: every builder in the region.</summary>
        [Parameter(ParameterSetName = NameSet, Position = 0)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ImageNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Image versions (the ImageVersion tag); wildcards allowed.</summary>
        [Parameter(ParameterSetName = NameSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Version { get; set; }

        /// <summary>The image name and region from cloud-compose.yml (a file or a folder searched with the discovery rules); wildcards allowed.</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public override string[]? Path { get => base.Path; set => base.Path = value; }

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

            foreach (var file in ConfigFiles())
            {
                try
                {
                    var config = ConfigReader.ReadIdentity(file);
                    selection.AddName(config.Region, config.Name, null, literal: true);
                }
                catch (CloudComposeException e)
                {
                    WriteFailure(e);
                }
            }

            return Task.CompletedTask;
        }

        protected override async Task EndAsync(CancellationToken cancellationToken)
        {
            if (selection.IsEmpty)
            {
                return;
            }

            var builders = await selection.FindAsync(Connect, cancellationToken);
            WriteVerbose($"DescribeInstances: {builders.Count} live builder(s), {System.Linq.Enumerable.Count(builders, b => b.Abandoned)} abandoned.");
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
