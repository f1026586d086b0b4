using System;
using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Aws
{
    /// <summary>
    /// A resolved region, credentials and endpoint. Credentials and region come from the AWS SDK's own
    /// chains (environment, shared config and credentials files including SSO and assume-role profiles,
    /// container and instance roles); this module never parses those files itself.
    /// </summary>
    public sealed class AwsConnection
    {
        private AwsConnection(string region, AWSCredentials credentials, string? endpointUrl, int maxErrorRetry)
        {
            Region = region;
            Credentials = credentials;
            EndpointUrl = endpointUrl;
            MaxErrorRetry = maxErrorRetry;
        }

        public string Region { get; }

        internal AWSCredentials Credentials { get; }

        public string? EndpointUrl { get; }

        public int MaxErrorRetry { get; }

        /// <summary>Identifies an account+endpoint+region, so builds that share one can share a poller. Holds no secret.</summary>
        public string Key => $"{EndpointUrl ?? "aws"}|{Region}|{Account}";

        /// <summary>A hash of the access key id: tells accounts (and credentials) apart in logs and records, and leaks nothing.</summary>
        public string Account => AccountFingerprint();

        public static AwsConnection Resolve(AwsConnectionOptions options, string? configRegion = null)
        {
            CredentialProfile? profile = null;
            var store = new CredentialProfileStoreChain();
            if (!string.IsNullOrEmpty(options.ProfileName) && !store.TryGetProfile(options.ProfileName, out profile))
            {
                throw new CloudComposeException(
                    ErrorIds.AwsProfileNotFound,
                    ErrorKind.NotFound,
                    $"The AWS profile '{options.ProfileName}' is not in the shared config or credentials file.",
                    options.ProfileName)
                { Hint = "List profiles with: Get-Content ~/.aws/config. Or leave -ProfileName out to use the default credential chain." };
            }

            var (region, source) =
                options.Region != null ? (options.Region, "-Region")
                : configRegion != null ? (configRegion, "image.aws.region")
                : profile?.Region?.SystemName is { } fromProfile ? (fromProfile, $"the region of profile '{profile.Name}'")
                : (DefaultRegion(), "AWS_REGION, AWS_DEFAULT_REGION or the default profile");
            if (string.IsNullOrEmpty(region))
            {
                throw new CloudComposeException(
                    ErrorIds.AwsRegionMissing,
                    ErrorKind.InvalidArgument,
                    "No AWS region is configured.",
                    "Region")
                { Hint = "Pass -Region, set aws.region in cloud-compose.yml, set $env:AWS_REGION, or set region in your AWS profile." };
            }

            AwsRegions.Check(region!, source, options.Region != null ? "Region" : region!, !string.IsNullOrEmpty(options.EndpointUrl));
            var credentials = options.Keys is { } keys
                ? (string.IsNullOrEmpty(keys.SessionToken)
                    ? new BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey)
                    : (AWSCredentials)new SessionAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken))
                : ResolveCredentials(store, profile, options.ProfileName);
            return new AwsConnection(region!, credentials, options.EndpointUrl, options.MaxErrorRetry);
        }

        internal IAmazonEC2 CreateEc2Client(string? region = null, TimeSpan? requestTimeout = null, int? maxErrorRetry = null)
        {
            var config = new AmazonEC2Config
            {
                RetryMode = RequestRetryMode.Standard,
                MaxErrorRetry = maxErrorRetry ?? MaxErrorRetry,
                Timeout = requestTimeout ?? TimeSpan.FromSeconds(60),
            };
            var targetRegion = region ?? Region;
            if (!string.IsNullOrEmpty(EndpointUrl))
            {
                config.ServiceURL = EndpointUrl;
                config.AuthenticationRegion = targetRegion;
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(targetRegion);
            }

            var client = new AmazonEC2Client(Credentials, config);
            ClockFor(targetRegion).Attach(client);
            return client;
        }

        /// <summary>EC2's clock for this endpoint (or for a region of it).</summary>
        public Ec2Clock ClockFor(string? region = null) => Ec2Clock.For(EndpointUrl ?? ("aws:" + (region ?? Region)));

        public Ec2Clock Clock => ClockFor();

        // A hash of the access key id: enough to tell accounts apart, and nothing a log could leak.
        private string AccountFingerprint()
        {
            var accessKey = Credentials.GetCredentials().AccessKey ?? string.Empty;
            using var sha = System.Security.Cryptography.SHA256.Create();
            var hash = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(accessKey));
            return BitConverter.ToString(hash, 0, 8).Replace("-", string.Empty);
        }

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
                { Hint = "Set $env:AWS_ACCESS_KEY_ID and $env:AWS_SECRET_ACCESS_KEY, pass -ProfileName or -Credential, or run where an instance or container role is available." };
            }
        }
    }
}
