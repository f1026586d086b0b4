using System;
using CloudCompose.Image.Aws;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>Credentials the user handed over: fixed keys, or keys to ask a credentials object for at each request.</summary>
    internal sealed class AwsCredentialInput
    {
        public AwsCredentialInput(AwsKeys? keys, Func<AwsKeys>? provider)
        {
            Keys = keys;
            Provider = provider;
        }

        public AwsKeys? Keys { get; }

        public Func<AwsKeys>? Provider { get; }

        public void ApplyTo(AwsConnectionOptions options)
        {
            options.Keys = Keys;
            options.KeyProvider = Provider;
        }
    }
}
