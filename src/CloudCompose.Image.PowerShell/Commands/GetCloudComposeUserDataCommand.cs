using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.PowerShell.Hosting;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// The original's <c>cloud-compose image build</c>: renders image.sh and the user data a builder receives for it
    /// (the module's wrapper included), without touching AWS. The object has both (Script, UserData); -Raw writes the
    /// user data text, -AsByteStream the exact bytes EC2 receives.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CloudComposeUserData", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(UserDataScript))]
    [OutputType(typeof(string), typeof(byte[]))]
    public sealed class GetCloudComposeUserDataCommand : CloudComposeCmdlet
    {
        /// <summary>Skip image.sh: the user data only shuts the builder down (the original's rendering switch).</summary>
        [Parameter]
        public SwitchParameter NoTemplate { get; set; }

        /// <summary>Write only the user data text (what the builder receives, wrapper included).</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        /// <summary>Write the user data as the bytes EC2 receives (gzipped when over 16 KB), one byte[] per config.</summary>
        [Parameter]
        public SwitchParameter AsByteStream { get; set; }

        /// <summary>The build's -Timeout, which the wrapper's watchdog waits for before it shuts the builder down.</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(60);

        protected override Task BeginAsync(CancellationToken cancellationToken)
        {
            if (Raw && AsByteStream)
            {
                throw new CloudComposeException(ErrorIds.ParameterConflict, ErrorKind.InvalidArgument, "-Raw and -AsByteStream cannot be used together.", "AsByteStream");
            }

            return base.BeginAsync(cancellationToken);
        }

        protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
        {
            foreach (var file in ConfigFiles())
            {
                try
                {
                    WriteVerbose($"Reading {file}");
                    var config = ConfigReader.Read(file);
                    var script = ScriptRenderer.Render(config, renderTemplate: !NoTemplate, Timeout);
                    WriteVerbose($"Rendered {script.Files.Count} template file(s): {string.Join(", ", script.Files)}; {script.Length} bytes of user data{(script.Compressed ? " (gzipped)" : string.Empty)}.");
                    var fingerprint = BuildFingerprint.Offline(config, script, NoTemplate);
                    script.Fingerprint = fingerprint?.Value;
                    WriteVerbose(fingerprint != null ? $"Fingerprint {fingerprint.Short} of:\n{fingerprint.Inputs}" : "No fingerprint: image.aws.ami is a filter, and which image it resolves to is part of the fingerprint (New-CloudComposeImage -WhatIf shows it).");
                    if (AsByteStream)
                    {
                        WriteObject(script.GetBytes(), enumerateCollection: false);
                    }
                    else
                    {
                        WriteObject(Raw ? script.UserData : script);
                    }
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
