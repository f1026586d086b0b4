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

        /// <summary>Retries the SDK makes on throttling and 5xx before a call fails.</summary>
        public int MaxErrorRetry { get; set; } = 8;
    }
}
