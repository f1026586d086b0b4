using System;
using Amazon.Runtime;

namespace CloudCompose.Image.Aws
{
    /// <summary>Credentials whose keys come from the caller each time the SDK signs a request.</summary>
    internal sealed class DelegatedCredentials : AWSCredentials
    {
        private readonly Func<AwsKeys> provider;

        public DelegatedCredentials(Func<AwsKeys> provider)
        {
            this.provider = provider;
        }

        public override ImmutableCredentials GetCredentials()
        {
            var keys = provider();
            return new ImmutableCredentials(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken);
        }
    }
}
