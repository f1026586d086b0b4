using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Reflection;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>
    /// Reads credentials out of what AWS.Tools users have at hand, without touching AWS SDK types (the module's SDK
    /// is in a private load context, and theirs may be another version):
    /// <list type="bullet">
    /// <item>a PSCredential: access key id as user name, secret access key as password;</item>
    /// <item>an AWS SDK credentials object of any version (Get-AWSCredential): anything with GetCredentials()
    /// returning AccessKey/SecretKey/Token, asked each time a request is signed, so it may refresh itself;</item>
    /// <item>an object (or hashtable) with AccessKeyId, SecretAccessKey and SessionToken, as Get-STSSessionToken and
    /// Use-STSRole's Credentials property give;</item>
    /// <item>an object holding one of those in a Credentials property, public or not: Use-STSRole's response, and the
    /// $StoredAWSCredentials that Set-AWSCredential leaves in the session.</item>
    /// </list>
    /// Members are found by name, never by type identity. Nothing here ever puts a secret in a message.
    /// </summary>
    internal static class CredentialConverter
    {
        private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

        /// <summary>The keys in <paramref name="value"/>; <paramref name="source"/> names it in errors (a parameter or variable).</summary>
        public static AwsCredentialInput Convert(object value, string source) =>
            TryConvert(value, depth: 0) ?? throw Invalid(value, source);

        private static AwsCredentialInput? TryConvert(object? value, int depth)
        {
            if (depth > 3)
            {
                return null;
            }

            switch (value)
            {
                case null:
                    return null;
                case PSObject wrapped when wrapped.BaseObject is PSCustomObject:
                    return FromProperties(name => wrapped.Properties[name]?.Value, depth);
                case PSObject wrapped:
                    return TryConvert(wrapped.BaseObject, depth);
                case PSCredential credential:
                    var secret = new NetworkCredential(string.Empty, credential.Password).Password;
                    return Keys(credential.UserName, secret, null);
                case IDictionary dictionary:
                    return FromProperties(name => dictionary.Keys.Cast<object>().Where(k => string.Equals(k as string, name, StringComparison.OrdinalIgnoreCase)).Select(k => dictionary[k]).FirstOrDefault(), depth);
            }

            var type = value.GetType();
            var getCredentials = type.GetMethod("GetCredentials", BindingFlags.Instance | BindingFlags.Public, null, Type.EmptyTypes, null);
            if (getCredentials != null && getCredentials.ReturnType.GetProperty("AccessKey") != null && getCredentials.ReturnType.GetProperty("SecretKey") != null)
            {
                return new AwsCredentialInput(null, () => ReadImmutable(Invoke(getCredentials, value)));
            }

            return FromProperties(name => type.GetProperty(name, Instance)?.GetValue(value), depth);
        }

        private static AwsCredentialInput? FromProperties(Func<string, object?> property, int depth)
        {
            var accessKeyId = property("AccessKeyId") as string;
            var secretAccessKey = property("SecretAccessKey") as string;
            if (!string.IsNullOrEmpty(accessKeyId) && !string.IsNullOrEmpty(secretAccessKey))
            {
                return Keys(accessKeyId!, secretAccessKey!, property("SessionToken") as string);
            }

            return TryConvert(property("Credentials"), depth + 1);
        }

        private static object? Invoke(MethodInfo method, object target)
        {
            try
            {
                return method.Invoke(target, null);
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }

        private static AwsKeys ReadImmutable(object? immutable)
        {
            var type = immutable?.GetType();
            var accessKey = type?.GetProperty("AccessKey")?.GetValue(immutable) as string;
            var secretKey = type?.GetProperty("SecretKey")?.GetValue(immutable) as string;
            var token = type?.GetProperty("Token")?.GetValue(immutable) as string;
            if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
            {
                throw new CloudComposeException(ErrorIds.CredentialInvalid, ErrorKind.InvalidArgument,
                    "The AWS credentials object returned no access key or secret key.", "Credential");
            }

            return new AwsKeys(accessKey!, secretKey!, string.IsNullOrEmpty(token) ? null : token);
        }

        private static AwsCredentialInput Keys(string accessKeyId, string secretAccessKey, string? sessionToken) =>
            new AwsCredentialInput(new AwsKeys(accessKeyId, secretAccessKey, string.IsNullOrEmpty(sessionToken) ? null : sessionToken), null);

        private static CloudComposeException Invalid(object value, string source)
        {
            var type = value is PSObject wrapped ? wrapped.BaseObject.GetType() : value.GetType();
            return new CloudComposeException(ErrorIds.CredentialInvalid, ErrorKind.InvalidArgument,
                $"{source} holds a {type.FullName} without usable AWS keys.", source)
            {
                Hint = "Pass a PSCredential (access key id as user name, secret access key as password), an AWS credentials object " +
                    "(Get-AWSCredential), or an object with AccessKeyId, SecretAccessKey and SessionToken (Get-STSSessionToken, (Use-STSRole …).Credentials).",
            };
        }
    }
}
