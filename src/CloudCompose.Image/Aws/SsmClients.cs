using Amazon;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;

namespace CloudCompose.Image.Aws
{
    /// <summary>Systems Manager clients for a connection: same credentials, region and endpoint rules as its EC2 clients.</summary>
    internal static class SsmClients
    {
        /// <remarks>With -EndpointUrl both services go to that one URL (the bundled emulator serves both).</remarks>
        public static IAmazonSimpleSystemsManagement Create(AwsConnection connection, string? region = null)
        {
            var targetRegion = region ?? connection.Region;
            var config = new AmazonSimpleSystemsManagementConfig
            {
                RetryMode = RequestRetryMode.Standard,
                MaxErrorRetry = connection.MaxErrorRetry,
                Timeout = System.TimeSpan.FromSeconds(60),
            };
            if (!string.IsNullOrEmpty(connection.EndpointUrl))
            {
                config.ServiceURL = connection.EndpointUrl;
                config.AuthenticationRegion = targetRegion;
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(targetRegion);
            }

            return new AmazonSimpleSystemsManagementClient(connection.Credentials, config);
        }
    }
}
