using System.Management.Automation;
using CloudCompose.Image.PowerShell.Completion;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// The AWS cmdlets that select what they work on by image name and version (Get-CloudComposeImage,
    /// Remove-UnusedCloudComposeImage, Get-CloudComposeImageBuilder): -Name (position 0) and -Version with wildcards
    /// in the default set, or a config's name and version. Strings from the pipeline are ids on these cmdlets (as for
    /// Get-EC2Image), so -Path binds by property name only.
    /// </summary>
    public abstract class AwsSelectionCmdlet : AwsCmdlet
    {
        internal const string NameSet = "Name";

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

        /// <summary>Name and version from cloud-compose.yml (a file or a folder searched with the discovery rules); wildcards allowed.</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public override string[]? Path { get => base.Path; set => base.Path = value; }
    }
}
