using System;

namespace CloudCompose.Image.Aws
{
    /// <summary>
    /// What the caller said about where and as whom to call AWS; anything unset comes from the SDK's own chains.
    /// Credentials: <see cref="Keys"/>, else <see cref="KeyProvider"/>, else the profile, else the SDK's chain.
    /// Region: <see cref="Region"/>, else the config's aws.region, else <see cref="FallbackRegion"/>, else the
    /// profile's region, else the SDK's chain.
    /// </summary>
    internal sealed class AwsConnectionOptions
    {
        /// <summary>Wins over everything, the config's aws.region included.</summary>
        public string? Region { get; set; }

        /// <summary>A shell-wide default (AWS.Tools' Set-DefaultAWSRegion): after the config's region, before the profile's.</summary>
        public string? FallbackRegion { get; set; }

        public string? ProfileName { get; set; }

        /// <summary>A shared credentials file other than the default one; alone, it selects that file's default profile.</summary>
        public string? ProfileLocation { get; set; }

        /// <summary>An EC2-compatible endpoint (the bundled emulator, a VPC endpoint, LocalStack).</summary>
        public string? EndpointUrl { get; set; }

        /// <summary>Explicit keys.</summary>
        public AwsKeys? Keys { get; set; }

        /// <summary>
        /// Keys read each time a request is signed, from a credentials object the caller cannot hand over as such
        /// (another SDK version's AWSCredentials, which may refresh itself).
        /// </summary>
        public Func<AwsKeys>? KeyProvider { get; set; }

        /// <summary>
        /// Retries the SDK makes on throttling, 5xx and network errors before a call fails. Five (the SDK's standard
        /// mode default is two) rides out throttling bursts with jittered backoff while an unreachable endpoint still
        /// fails within about 20 s; long waits are the poller's job, which backs off on top.
        /// </summary>
        /// <remarks>
        /// AWS_MAX_ATTEMPTS, where set, says how many attempts in all (the SDKs' shared setting), as it does for AWS.Tools.
        /// </remarks>
        public int MaxErrorRetry { get; set; } = DefaultMaxErrorRetry();

        private static int DefaultMaxErrorRetry() =>
            int.TryParse(System.Environment.GetEnvironmentVariable("AWS_MAX_ATTEMPTS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var attempts) && attempts >= 1
                ? attempts - 1
                : 5;
    }
}
