using System;
using System.Management.Automation;
using System.Net;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>
    /// Accepts -Credential as a PSCredential (access key id as user name, secret as password) or as an AWS SDK
    /// credentials object of any SDK version (AWS.Tools' Get-AWSCredential loads its own). The keys are read
    /// through the object's GetCredentials() method by name, never by type identity, so a credentials type
    /// from another assembly version still works.
    /// </summary>
    internal static class CredentialConverter
    {
        public static AwsKeys? Convert(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case PSObject wrapped:
                    return Convert(wrapped.BaseObject);
                case PSCredential credential:
                    var secret = new NetworkCredential(string.Empty, credential.Password).Password;
                    return new AwsKeys(credential.UserName, secret);
            }

            var getCredentials = value.GetType().GetMethod("GetCredentials", Type.EmptyTypes);
            var immutable = getCredentials?.Invoke(value, null);
            if (immutable != null)
            {
                var type = immutable.GetType();
                var accessKey = type.GetProperty("AccessKey")?.GetValue(immutable) as string;
                var secretKey = type.GetProperty("SecretKey")?.GetValue(immutable) as string;
                var token = type.GetProperty("Token")?.GetValue(immutable) as string;
                if (!string.IsNullOrEmpty(accessKey) && !string.IsNullOrEmpty(secretKey))
                {
                    return new AwsKeys(accessKey!, secretKey!, string.IsNullOrEmpty(token) ? null : token);
                }
            }

            throw new CloudComposeException(ErrorIds.CredentialInvalid, ErrorKind.InvalidArgument,
                $"-Credential takes a PSCredential (access key id and secret access key) or an AWS credentials object; a {value.GetType().FullName} has no usable keys.",
                "Credential");
        }
    }
}
