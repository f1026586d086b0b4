using System;

namespace CloudCompose.Image.Aws
{
    /// <summary>What an error message says about a failed call besides the SDK's exception: how long it tried and where.</summary>
    internal sealed class AwsCallInfo
    {
        public AwsCallInfo(TimeSpan elapsed, string? endpoint)
        {
            Elapsed = elapsed;
            Endpoint = endpoint;
        }

        /// <summary>From the first attempt until the SDK gave up (its retries included).</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>The URL the client called; never holds a credential.</summary>
        public string? Endpoint { get; }
    }
}
