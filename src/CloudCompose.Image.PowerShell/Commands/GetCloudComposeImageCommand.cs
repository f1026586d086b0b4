using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Cleanup;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// Lists the images this account owns that carry the ImageName tag, newest first per name and version,
    /// with what uses them (instances and launch template versions), found in one batched pass.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CloudComposeImage", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(ImageInfo))]
    public sealed class GetCloudComposeImageCommand : AwsSelectionCmdlet
    {
        private const string IdSet = "ImageId";

        private readonly List<string> ids = new List<string>();

        /// <summary>Image ids, from the pipeline too ('ami-…' | Get-CloudComposeImage, or any object with an ImageId).</summary>
        [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ImageIds")]
        [ValidateNotNullOrEmpty]
        public string[]? ImageId { get; set; }

        /// <summary>A fast listing: no DescribeInstances or launch template calls; InUse stays empty.</summary>
        [Parameter]
        public SwitchParameter SkipUsage { get; set; }

        /// <summary>Also ask DescribeImageReferences (10 images a call): every template version, SSM parameters, Image Builder recipes.</summary>
        [Parameter]
        public SwitchParameter IncludeReferences { get; set; }

        protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
        {
            switch (ParameterSetName)
            {
                case IdSet:
                    // Collected and listed together at the end: piped ids never cost a call each.
                    ids.AddRange(ImageId!);
                    break;
                case NameSet:
                    await ListByNameAsync(cancellationToken);
                    break;
                default:
                    await ListConfigsAsync(cancellationToken);
                    break;
            }
        }

        protected override async Task EndAsync(CancellationToken cancellationToken)
        {
            if (ids.Count > 0)
            {
                await ListAsync(Connect(), new ImageQuery { ImageIds = ids.Distinct().ToList(), SkipUsage = SkipUsage, IncludeReferences = IncludeReferences }, cancellationToken);
            }
        }

        private async Task ListByNameAsync(CancellationToken cancellationToken)
        {
            var names = Name ?? new string[0];
            var versions = Version ?? new string[0];
            var connection = Connect();
            var listed = await ListAsync(connection, new ImageQuery { Names = names, Versions = versions, SkipUsage = SkipUsage, IncludeReferences = IncludeReferences }, cancellationToken);
            foreach (var unmatched in UnmatchedNames.Find(names, versions, listed, connection.Region))
            {
                WriteFailure(unmatched);
            }
        }

        private async Task ListConfigsAsync(CancellationToken cancellationToken)
        {
            foreach (var config in ConfigIdentities())
            {
                try
                {
                    var connection = Connect(config.Region);
                    var query = new ImageQuery { Names = new[] { config.Name }, Versions = new[] { config.Version }, Literal = true, SkipUsage = SkipUsage, IncludeReferences = IncludeReferences };
                    if ((await ListAsync(connection, query, cancellationToken)).Count == 0)
                    {
                        WriteFailure(UnmatchedNames.ForConfig(config.Name, config.Version, config.FilePath, connection.Region));
                    }
                }
                catch (CloudComposeException e)
                {
                    WriteFailure(e);
                }
            }
        }

        private async Task<IReadOnlyList<ImageInfo>> ListAsync(AwsConnection connection, ImageQuery query, CancellationToken cancellationToken)
        {
            using var catalog = new ImageCatalog(connection);
            WriteVerbose($"Listing {query} in {connection.Region}{(query.SkipUsage ? " (without usage)" : string.Empty)}.");
            var listing = await catalog.ListAsync(query, cancellationToken);
            foreach (var image in listing.Images)
            {
                WriteObject(image);
            }

            foreach (var missing in listing.MissingImageIds)
            {
                WriteFailure(new CloudComposeException(ErrorIds.ImageNotFound, ErrorKind.NotFound,
                    $"{missing} is not an image owned by this account and tagged ImageName in {connection.Region}.", missing)
                { Hint = "Check the id and -Region; only images made by New-CloudComposeImage (tagged ImageName) are listed." });
            }

            return listing.Images;
        }
    }
}
