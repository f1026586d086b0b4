using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Errors;
using CloudCompose.Image.PowerShell.Completion;
using CloudCompose.Image.PowerShell.Hosting;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// The connection parameters every AWS-calling cmdlet shares, named and aliased as in AWS.Tools, and the
    /// credentials and region they resolve to, in AWS.Tools' order (docs/aws-credentials.md):
    /// credentials from -AccessKey/-SecretKey/-SessionToken, then -Credential, then -ProfileName/-ProfileLocation,
    /// then $StoredAWSCredentials (Set-AWSCredential), then the SDK's chain (environment, AWS_PROFILE, the default
    /// profile, web identity, container and instance roles); the region from -Region, then the config's aws.region,
    /// then $StoredAWSRegion (Set-DefaultAWSRegion), then the profile's region, then the SDK's chain.
    /// </summary>
    public abstract class AwsCmdlet : CloudComposeCmdlet
    {
        internal const string StoredCredentialsVariable = "StoredAWSCredentials";
        internal const string StoredRegionVariable = "StoredAWSRegion";

        private AwsSession? session;
        private bool leftResourcesReported;

        /// <summary>The AWS region, e.g. us-east-1.</summary>
        [Parameter]
        [Alias("RegionToCall")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        /// <summary>A profile from the shared AWS config and credentials files (SSO and assume-role profiles work).</summary>
        [Parameter]
        [Alias("StoredCredentials", "AWSProfileName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public string? ProfileName { get; set; }

        /// <summary>A shared credentials file other than ~/.aws/credentials.</summary>
        [Parameter]
        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        [ValidateNotNullOrEmpty]
        public string? ProfileLocation { get; set; }

        /// <summary>The access key id of literal credentials (with -SecretKey).</summary>
        [Parameter]
        [Alias("AK")]
        [ValidateNotNullOrEmpty]
        public string? AccessKey { get; set; }

        /// <summary>The secret access key of literal credentials (with -AccessKey).</summary>
        [Parameter]
        [Alias("SecretAccessKey", "SK")]
        [ValidateNotNullOrEmpty]
        public string? SecretKey { get; set; }

        /// <summary>The session token of temporary literal credentials (with -AccessKey and -SecretKey).</summary>
        [Parameter]
        [Alias("ST")]
        [ValidateNotNullOrEmpty]
        public string? SessionToken { get; set; }

        /// <summary>A PSCredential, an AWS SDK credentials object of any version, or an object with AccessKeyId/SecretAccessKey/SessionToken.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? Credential { get; set; }

        /// <summary>An EC2-compatible endpoint, e.g. the bundled emulator.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? EndpointUrl { get; set; }

        protected override async Task BeginAsync(CancellationToken cancellationToken)
        {
            await base.BeginAsync(cancellationToken);
            var options = new AwsConnectionOptions
            {
                Region = Region,
                FallbackRegion = StoredValue(StoredRegionVariable)?.ToString(),
                ProfileName = ProfileName,
                ProfileLocation = ProfileLocation == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(ProfileLocation),
                EndpointUrl = EndpointUrl,
            };
            WriteVerbose($"AWS credentials from {ChooseCredentials(options)}.");

            // The SDK's chain may look at files, the environment or the instance metadata service: not on this thread.
            session = await Task.Run(() => AwsSession.Open(options), cancellationToken);
        }

        private protected override bool ChecksLeftResources => true;

        /// <summary>
        /// The connection for one config's region (or the command's, with no config). The first one also reports what
        /// earlier runs left in EC2, checked with it.
        /// </summary>
        internal AwsConnection Connect(string? configRegion = null)
        {
            var connection = session!.Connect(configRegion);
            if (!leftResourcesReported)
            {
                leftResourcesReported = true;
                LeftResourceReport.Show(this, connection, StopToken);
            }

            return connection;
        }

        private string ChooseCredentials(AwsConnectionOptions options)
        {
            if (AccessKey != null || SecretKey != null || SessionToken != null)
            {
                if (AccessKey == null || SecretKey == null)
                {
                    throw new CloudComposeException(ErrorIds.CredentialInvalid, ErrorKind.InvalidArgument,
                        "Literal credentials need both -AccessKey and -SecretKey (and -SessionToken for temporary ones).", AccessKey == null ? "AccessKey" : "SecretKey");
                }

                options.Keys = new AwsKeys(AccessKey, SecretKey, SessionToken);
                return "-AccessKey/-SecretKey";
            }

            if (Credential != null)
            {
                CredentialConverter.Convert(Credential, "-Credential").ApplyTo(options);
                return "-Credential";
            }

            if (ProfileName != null || ProfileLocation != null)
            {
                return $"profile '{ProfileName ?? "default"}'" + (ProfileLocation != null ? $" in {options.ProfileLocation}" : string.Empty);
            }

            var stored = StoredValue(StoredCredentialsVariable);
            switch (stored is PSObject { BaseObject: string name } ? name : stored)
            {
                case null:
                    return "the AWS SDK's chain (environment, AWS_PROFILE, default profile, container or instance role)";
                case string profile:
                    options.ProfileName = profile;
                    return $"profile '{profile}' ($StoredAWSCredentials)";
                default:
                    CredentialConverter.Convert(stored!, "$" + StoredCredentialsVariable).ApplyTo(options);
                    return "$StoredAWSCredentials (Set-AWSCredential)";
            }
        }

        private object? StoredValue(string name) => SessionState.PSVariable.GetValue(name);
    }
}
