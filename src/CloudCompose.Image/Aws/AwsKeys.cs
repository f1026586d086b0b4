namespace CloudCompose.Image.Aws
{
    /// <summary>
    /// Explicit credentials handed over by the caller. A plain type of our own, so the cmdlet layer never
    /// touches AWS SDK types (the SDK loads into the module's private load context).
    /// </summary>
    internal sealed class AwsKeys
    {
        public AwsKeys(string accessKeyId, string secretAccessKey, string? sessionToken = null)
        {
            AccessKeyId = accessKeyId;
            SecretAccessKey = secretAccessKey;
            SessionToken = sessionToken;
        }

        public string AccessKeyId { get; }

        public string SecretAccessKey { get; }

        public string? SessionToken { get; }

        /// <summary>Never the secret: this string may end up in a log.</summary>
        public override string ToString() => $"AwsKeys({AccessKeyId})";
    }
}
