using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudCompose.Image.Cleanup;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.PowerShell.Completion;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// Lists the images this account owns that carry the ImageName tag, newest first per name and version,
    /// with what uses them (instances and launch template versions), found in one batched pass.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CloudComposeImage", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(ImageInfo))]
    public sealed class GetCloudComposeImageCommand : AwsCmdlet
    {
        private const string NameSet = "Name";
        private const string IdSet = "ImageId";
        private const string PathSet = "Path";

        private readonly List<string> ids = new List<string>();

        /// <summary>ImageName tag values; wildcards allowed (case-sensitive, like EC2 tags). Default: all.</summary>
        [Parameter(ParameterSetName = NameSet, Position = 0)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ImageNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>ImageVersion tag values; wildcards allowed.</summary>
        [Parameter(ParameterSetName = NameSet)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ImageVersionCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Version { get; set; }

        /// <summary>Image ids (pipeline input by property name, e.g. from New-CloudComposeImage).</summary>
        [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? ImageId { get; set; }

        /// <summary>Name and version from cloud-compose.yml (a file or a folder searched with the discovery rules).</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>A fast listing: no DescribeInstances or launch template calls; InUse stays empty.</summary>
        [Parameter]
        public SwitchParameter SkipUsage { get; set; }

        /// <summary>Also ask DescribeImageReferences (10 images a call): every template version, SSM parameters, Image Builder recipes.</summary>
        [Parameter]
        public SwitchParameter IncludeReferences { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                switch (ParameterSetName)
                {
                    case IdSet:
                        // Collected and listed together in EndProcessing: piped ids never cost a call each.
                        ids.AddRange(ImageId!);
                        break;
                    case PathSet:
                        foreach (var file in ResolveConfigFiles(Path, literal: false))
                        {
                            var config = ConfigReader.ReadIdentity(file);
                            List(config.Region, new ImageQuery { Names = new[] { config.Name }, Versions = new[] { config.Version }, Literal = true, SkipUsage = SkipUsage, IncludeReferences = IncludeReferences });
                        }

                        break;
                    default:
                        List(null, new ImageQuery { Names = Name ?? new string[0], Versions = Version ?? new string[0], SkipUsage = SkipUsage, IncludeReferences = IncludeReferences });
                        break;
                }
            }
            catch (CloudComposeException e)
            {
                ThrowFailure(e);
            }
        }

        protected override void EndProcessing()
        {
            if (ids.Count == 0)
            {
                return;
            }

            try
            {
                List(null, new ImageQuery { ImageIds = ids.Distinct().ToList(), SkipUsage = SkipUsage, IncludeReferences = IncludeReferences });
            }
            catch (CloudComposeException e)
            {
                ThrowFailure(e);
            }
        }

        private void List(string? configRegion, ImageQuery query)
        {
            var connection = Connect(configRegion);
            using var catalog = new ImageCatalog(connection);
            WriteVerbose($"Listing {query} in {connection.Region}{(query.SkipUsage ? " (without usage)" : string.Empty)}.");
            var listing = Wait(catalog.ListAsync(query, CancellationToken));
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
        }
    }
}
