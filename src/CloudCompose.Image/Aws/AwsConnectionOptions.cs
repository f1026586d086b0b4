namespace CloudCompose.Image.Aws
{
    /// <summary>What the user said about where and as whom to call AWS; anything unset comes from the SDK's own chains.</summary>
    public sealed class AwsConnectionOptions
    {
        public string? Region { get; set; }

        public string? ProfileName { get; set; }

        /// <summary>An EC2-compatible endpoint (the bundled emulator, a VPC endpoint, LocalStack).</summary>
        public string? EndpointUrl { get; set; }

        /// <summary>Explicit keys; null lets the SDK's credential chain decide.</summary>
        public AwsKeys? Keys { get; set; }

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
