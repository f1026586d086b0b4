using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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
        /// <summary>Skip image.sh: the user data only shuts the builder down (the original's rendering switch).</summary>
        [Parameter]
        public SwitchParameter NoTemplate { get; set; }

        /// <summary>Write only the user data text.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
        {
            foreach (var file in ConfigFiles())
            {
                try
                {
                    WriteVerbose($"Reading {file}");
                    var config = ConfigReader.Read(file);
                    var script = ScriptRenderer.Render(config, renderTemplate: !NoTemplate);
                    WriteVerbose($"Rendered {script.Files.Count} template file(s): {string.Join(", ", script.Files)}");
                    WriteObject(Raw ? script.UserData : script);
                }
                catch (CloudComposeException e)
                {
                    WriteFailure(e);
                }
            }

            return Task.CompletedTask;
        }
    }
}
