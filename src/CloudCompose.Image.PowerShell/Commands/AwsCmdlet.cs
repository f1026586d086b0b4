using System.Management.Automation;
using CloudCompose.Image.Aws;
using CloudCompose.Image.PowerShell.Completion;
using CloudCompose.Image.PowerShell.Hosting;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>The connection parameters every AWS-calling cmdlet shares.</summary>
    public abstract class AwsCmdlet : CloudComposeCmdlet
    {
        /// <summary>The AWS region; default: aws.region in the config, then the SDK's chain (AWS_REGION, profile).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        /// <summary>A profile from the shared AWS config/credentials files (SSO and assume-role profiles work).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public string? ProfileName { get; set; }

        /// <summary>An EC2-compatible endpoint, e.g. the bundled emulator.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? EndpointUrl { get; set; }

        /// <summary>A PSCredential (access key id / secret access key) or an AWS SDK credentials object.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? Credential { get; set; }

        private bool leftResourcesReported;

        protected AwsConnection Connect(string? configRegion = null)
        {
            var connection = AwsConnection.Resolve(
                new AwsConnectionOptions
                {
                    Region = Region,
                    ProfileName = ProfileName,
                    EndpointUrl = EndpointUrl,
                    Keys = CredentialConverter.Convert(Credential),
                },
                configRegion);

            // Once per command: what earlier runs left behind, checked with this connection.
            if (!leftResourcesReported)
            {
                leftResourcesReported = true;
                LeftResourceReport.Show(this, connection);
            }

            return connection;
        }
    }
}
