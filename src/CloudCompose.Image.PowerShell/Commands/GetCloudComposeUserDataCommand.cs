using System.Management.Automation;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// The original's <c>cloud-compose image build</c>: renders image.sh into the user data a builder
    /// would receive, without touching AWS.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CloudComposeUserData", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(UserDataScript), ParameterSetName = new[] { PathSet, LiteralPathSet })]
    [OutputType(typeof(string))]
    public sealed class GetCloudComposeUserDataCommand : CloudComposeCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>cloud-compose.yml, or a folder searched with the discovery rules; wildcards allowed.</summary>
        [Parameter(ParameterSetName = PathSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>A path taken exactly as written (Get-ChildItem output binds here through PSPath).</summary>
        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>Skip image.sh: the user data only shuts the builder down (the original's rendering switch).</summary>
        [Parameter]
        public SwitchParameter NoTemplate { get; set; }

        /// <summary>Write only the user data text.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        // No AWS here, so what earlier runs left is reported unchecked.
        protected override void BeginProcessing() => Hosting.LeftResourceReport.ShowUnchecked(this);

        protected override void ProcessRecord()
        {
            var literal = ParameterSetName == LiteralPathSet;
            try
            {
                foreach (var file in ResolveConfigFiles(literal ? LiteralPath : Path, literal))
                {
                    try
                    {
                        WriteVerbose($"Reading {file}");
                        var config = ConfigReader.Read(file);
                        var script = ScriptRenderer.Render(config, renderTemplate: !NoTemplate);
                        WriteVerbose($"Rendered {script.Files.Count} template file(s): {string.Join(", ", script.Files)}");
                        var fingerprint = Bake.BuildFingerprint.Offline(config, script, NoTemplate);
                        script.Fingerprint = fingerprint?.Value;
                        WriteVerbose(fingerprint != null ? $"Fingerprint {fingerprint.Short} of:\n{fingerprint.Inputs}" : "No fingerprint: image.aws.ami is a filter, and which image it resolves to is part of the fingerprint (New-CloudComposeImage -WhatIf shows it).");
                        WriteObject(Raw ? script.UserData : script);
                    }
                    catch (CloudComposeException e)
                    {
                        WriteFailure(e);
                    }
                }
            }
            catch (CloudComposeException e)
            {
                WriteFailure(e);
            }
        }
    }
}
