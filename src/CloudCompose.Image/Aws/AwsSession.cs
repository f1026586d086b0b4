using System;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Aws
{
    /// <summary>
    /// What one command calls AWS with: credentials and endpoint, resolved once when the command starts (so a bad
    /// profile or missing credentials stop it before anything runs), and the region rules, applied per config.
    /// Credentials and regions come from the AWS SDK's own chains (environment, shared config and credentials files
    /// including SSO and assume-role profiles, container and instance roles); this module never parses those files.
    /// </summary>
    internal sealed class AwsSession
    {
        private readonly AwsConnectionOptions options;
        private readonly string? profileRegion;

        private AwsSession(AwsConnectionOptions options, AWSCredentials credentials, string? profileRegion)
        {
            this.options = options;
            Credentials = credentials;
            this.profileRegion = profileRegion;
        }

        public AWSCredentials Credentials { get; }

        public static AwsSession Open(AwsConnectionOptions options)
        {
            CredentialProfile? profile = null;
            var store = string.IsNullOrEmpty(options.ProfileLocation) ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(options.ProfileLocation);
            var profileName = ProfileNameOf(options);
            if (profileName != null && !store.TryGetProfile(profileName, out profile))
            {
                throw new CloudComposeException(
                    ErrorIds.AwsProfileNotFound,
                    ErrorKind.NotFound,
                    $"The AWS profile '{profileName}' is not in {(string.IsNullOrEmpty(options.ProfileLocation) ? "the shared config or credentials file" : options.ProfileLocation)}.",
                    profileName)
                { Hint = "List profiles with: Get-Content ~/.aws/config. Or leave -ProfileName out to use the default credential chain." };
            }

            var credentials = options.Keys is { } keys ? FromKeys(keys)
                : options.KeyProvider != null ? new DelegatedCredentials(options.KeyProvider)
                : ResolveCredentials(store, profile, profileName);
            return new AwsSession(options, credentials, profile?.Region?.SystemName);
        }

        /// <summary>The connection for one config (its aws.region, if any), or for the command when there is no config.</summary>
        public AwsConnection Connect(string? configRegion = null)
        {
            var (region, source) =
                options.Region != null ? (options.Region, "-Region")
                : configRegion != null ? (configRegion, "image.aws.region")
                : options.FallbackRegion != null ? (options.FallbackRegion, "$StoredAWSRegion (Set-DefaultAWSRegion)")
                : profileRegion != null ? (profileRegion, "the region of the profile")
                : (DefaultRegion(), "AWS_REGION, AWS_DEFAULT_REGION or the default profile");
            if (string.IsNullOrEmpty(region))
            {
                throw new CloudComposeException(
                    ErrorIds.AwsRegionMissing,
                    ErrorKind.InvalidArgument,
                    "No AWS region is configured.",
                    "Region")
                { Hint = "Pass -Region, set aws.region in cloud-compose.yml, run Set-DefaultAWSRegion, set $env:AWS_REGION, or set region in your AWS profile." };
            }

            AwsRegions.Check(region!, source, options.Region != null ? "Region" : region!, !string.IsNullOrEmpty(options.EndpointUrl));
            return new AwsConnection(region!, Credentials, options.EndpointUrl, options.MaxErrorRetry);
        }

        // AWS.Tools' rule: a profile location alone names that file's default profile.
        private static string? ProfileNameOf(AwsConnectionOptions options) =>
            !string.IsNullOrEmpty(options.ProfileName) ? options.ProfileName
            : !string.IsNullOrEmpty(options.ProfileLocation) ? "default"
            : null;

        private static AWSCredentials FromKeys(AwsKeys keys) =>
            string.IsNullOrEmpty(keys.SessionToken)
                ? new BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey)
                : new SessionAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken);

        private static string? DefaultRegion()
        {
            try
            {
                return FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
            }
            catch (AmazonClientException)
            {
                return null;
            }
        }

        private static AWSCredentials ResolveCredentials(CredentialProfileStoreChain store, CredentialProfile? profile, string? profileName)
        {
            try
            {
                if (profile != null && store.TryGetAWSCredentials(profileName, out var fromProfile))
                {
                    return fromProfile;
                }

                return DefaultAWSCredentialsIdentityResolver.GetCredentials();
            }
            catch (AmazonClientException e)
            {
                throw new CloudComposeException(
                    ErrorIds.AwsCredentialsMissing,
                    ErrorKind.Authentication,
                    "No AWS credentials were found" + (profileName != null ? $" for profile '{profileName}'." : "."),
                    profileName ?? "Credential",
                    e)
                { Hint = "Pass -ProfileName, -Credential or -AccessKey/-SecretKey, run Set-AWSCredential, set $env:AWS_ACCESS_KEY_ID and $env:AWS_SECRET_ACCESS_KEY, or run where an instance or container role is available." };
            }
        }
    }
}
