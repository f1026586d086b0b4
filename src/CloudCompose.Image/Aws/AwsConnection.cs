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
        private string? account;

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

        /// <summary>Identifies an account+endpoint+region, so builds that share one can share a poller or a call budget. Holds no secret.</summary>
        public string Key => $"{ScopeKey}|{Account}";

        /// <summary>
        /// A hash of the access key id: tells accounts (and credentials) apart in logs and records, and leaks nothing.
        /// Fixed at its first use (<see cref="AccountKeyAsync"/> off the pipeline thread), so one connection keeps one key
        /// even when refreshed credentials bring a new access key.
        /// </summary>
        public string Account => account ??= AccountHash(Credentials.GetCredentials().AccessKey);

        public static AwsConnection Resolve(AwsConnectionOptions options, string? configRegion = null) =>
            AwsSession.Open(options).Connect(configRegion);

        /// <summary>
        /// Identifies account, endpoint and region, so builds of any command in the process that share them can share
        /// a poller. Asks the credentials for their access key (which may refresh them), so it is never called on the
        /// pipeline thread; holds no secret: only a hash of the access key id.
        /// </summary>
        public async Task<string> AccountKeyAsync()
        {
            if (account == null)
            {
                var keys = await Credentials.GetCredentialsAsync().ConfigureAwait(false);
                account ??= AccountHash(keys?.AccessKey);
            }

            return Key;
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
        private static string AccountHash(string? accessKey)
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            var hash = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(accessKey ?? string.Empty));
            return BitConverter.ToString(hash, 0, 8).Replace("-", string.Empty);
        }
    }
}
