using System;
using System.Net.Http;
using Amazon.EC2;
using Amazon.Runtime;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Aws
{
    /// <summary>Turns SDK failures into the module's errors, with hints for the common mistakes.</summary>
    internal static class AwsErrors
    {
        public const string PolicyDocument = "docs/iam-policy.json";

        public static CloudComposeException From(Exception e, string action, string? target)
        {
            switch (e)
            {
                case CloudComposeException known:
                    return known;
                case AmazonEC2Exception ec2 when ec2.ErrorCode == "UnauthorizedOperation":
                    return new CloudComposeException(ErrorIds.AwsUnauthorized, ErrorKind.PermissionDenied,
                        $"AWS refused ec2:{action}: you are not authorized to perform this operation.", target, e)
                    { Hint = $"Grant ec2:{action} to the identity you run as; {PolicyDocument} lists every permission the module needs." };
                case AmazonServiceException service when service.ErrorCode is "AuthFailure" or "InvalidClientTokenId" or "SignatureDoesNotMatch" or "ExpiredToken" or "UnrecognizedClientException":
                    return new CloudComposeException(ErrorIds.AwsAuthFailure, ErrorKind.Authentication,
                        $"AWS did not accept the credentials for ec2:{action} ({service.ErrorCode}).", target, e)
                    { Hint = "Check that the access key is active and, for temporary credentials, not expired (refresh your SSO login or role session)." };
                case AmazonServiceException service:
                    return new CloudComposeException(ErrorIds.AwsRequestFailed, ErrorKind.InvalidOperation,
                        $"ec2:{action} failed: {service.ErrorCode}: {service.Message}", target, e);
                case AmazonClientException client when client.InnerException is HttpRequestException:
                case HttpRequestException _:
                    return new CloudComposeException(ErrorIds.AwsEndpointUnreachable, ErrorKind.Connection,
                        $"ec2:{action} could not reach the EC2 endpoint: {(e.InnerException ?? e).Message}", target, e)
                    { Hint = "Check -EndpointUrl / -Region and your network or proxy." };
                default:
                    return new CloudComposeException(ErrorIds.AwsRequestFailed, ErrorKind.InvalidOperation,
                        $"ec2:{action} failed: {e.Message}", target, e);
            }
        }
    }
}
