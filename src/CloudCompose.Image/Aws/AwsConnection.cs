using System;
using System.Threading.Tasks;
using Amazon;
using Amazon.EC2;
using Amazon.Runtime;

namespace CloudCompose.Image.Aws
{
    /// <summary>Credentials, endpoint and one region: what an EC2 client is made from.</summary>
    internal sealed class AwsConnection
    {
        internal AwsConnection(string region, AWSCredentials credentials, string? endpointUrl, int maxErrorRetry)
        {
            Region = region;
            Credentials = credentials;
            EndpointUrl = endpointUrl;
            MaxErrorRetry = maxErrorRetry;
        }

        public string Region { get; }

        public AWSCredentials Credentials { get; }

        public string? EndpointUrl { get; }

        public int MaxErrorRetry { get; }

        /// <summary>Endpoint and region, for lookups one command shares among its builds (they share credentials too).</summary>
        public string ScopeKey => $"{EndpointUrl ?? "aws"}|{Region}";

        public static AwsConnection Resolve(AwsConnectionOptions options, string? configRegion = null) =>
            AwsSession.Open(options).Connect(configRegion);

        /// <summary>
        /// Identifies account, endpoint and region, so builds of any command in the process that share them can share
        /// a poller. Asks the credentials for their access key (which may refresh them), so it is never called on the
        /// pipeline thread; holds no secret: only a hash of the access key id.
        /// </summary>
        public async Task<string> AccountKeyAsync()
        {
            var keys = await Credentials.GetCredentialsAsync().ConfigureAwait(false);
            using var sha = System.Security.Cryptography.SHA256.Create();
            var hash = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(keys?.AccessKey ?? string.Empty));
            return $"{ScopeKey}|{BitConverter.ToString(hash, 0, 8).Replace("-", string.Empty)}";
        }

        internal IAmazonEC2 CreateEc2Client(string? region = null, TimeSpan? requestTimeout = null)
        {
            var config = new AmazonEC2Config
            {
                RetryMode = RequestRetryMode.Standard,
                MaxErrorRetry = MaxErrorRetry,
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

            return new AmazonEC2Client(Credentials, config);
        }
    }
}
