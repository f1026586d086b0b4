using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Amazon.Runtime;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Aws
{
    /// <summary>
    /// Turns SDK failures into the module's errors: one stable id per kind of failure, each with a hint. The codes
    /// are EC2's (API reference, "Error codes for the Amazon EC2 API") plus the STS/SigV4 codes the SDK's
    /// credential chain and signer produce.
    /// </summary>
    internal static class AwsErrors
    {
        public const string PolicyDocument = "docs/iam-policy.json";

        private const string ErrorReference = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html";

        /// <param name="e">What the SDK (or the network under it) threw.</param>
        /// <param name="action">The EC2 action, e.g. RunInstances.</param>
        /// <param name="target">The file, parameter or resource the call was about.</param>
        /// <param name="call">How long the call (with the SDK's retries) took and where it went; null when unknown.</param>
        public static CloudComposeException From(Exception e, string action, string? target, AwsCallInfo? call = null)
        {
            if (e is CloudComposeException known)
            {
                return known;
            }

            var service = e as AmazonServiceException;
            var code = service?.ErrorCode;
            if (code != null)
            {
                var mapped = FromCode(e, code, action, target, call);
                if (mapped != null)
                {
                    return mapped;
                }
            }

            if (IsNetworkFailure(e))
            {
                var where = call?.Endpoint != null ? " " + call.Endpoint : string.Empty;
                return new CloudComposeException(ErrorIds.AwsEndpointUnreachable, ErrorKind.Connection,
                    $"ec2:{action} could not reach the EC2 endpoint{where}{Retried(call)}: {Innermost(e).Message}", target, e)
                { Hint = "Check -EndpointUrl / -Region, your network, proxy (HTTPS_PROXY) and DNS; a VPC without a route to EC2 needs an interface endpoint for ec2." };
            }

            if (service != null && (int)service.StatusCode >= 500)
            {
                return ServiceUnavailable(e, code ?? ((int)service.StatusCode).ToString(CultureInfo.InvariantCulture), action, target, call);
            }

            if (service != null)
            {
                return new CloudComposeException(ErrorIds.AwsRequestFailed, ErrorKind.InvalidOperation,
                    $"ec2:{action} failed: {code}: {service.Message}", target, e)
                { Hint = $"EC2 refused the request; {ErrorReference} explains the code." };
            }

            return new CloudComposeException(ErrorIds.AwsRequestFailed, ErrorKind.InvalidOperation,
                $"ec2:{action} failed: {Innermost(e).Message}", target, e)
            { Hint = "The AWS SDK could not make the call; the inner exception has the details." };
        }

        /// <summary>Failures worth another try later: throttling, 5xx, and the network.</summary>
        public static bool IsTransient(Exception e) =>
            e is AmazonServiceException s && (IsThrottling(s.ErrorCode) || (int)s.StatusCode >= 500 || s.ErrorCode is "Unavailable" or "ServiceUnavailable" or "InternalError")
            || (e is not AmazonServiceException && IsNetworkFailure(e));

        public static bool IsThrottling(string? code) =>
            code is "RequestLimitExceeded" or "Throttling" or "ThrottlingException" or "ThrottledException" or "RequestThrottled"
                or "RequestThrottledException" or "TooManyRequestsException" or "EC2ThrottledException" or "BandwidthLimitExceeded";

        public static bool IsAuthFailure(string? code) =>
            code is "AuthFailure" or "RequestExpired" or "ExpiredToken" or "ExpiredTokenException" or "InvalidClientTokenId"
                or "UnrecognizedClientException" or "SignatureDoesNotMatch" or "IncompleteSignature" or "MissingAuthenticationToken";

        // EC2 refuses a signature dated more than 15 minutes from its own clock, in either direction, with the same code as expired session credentials.
        private const string ClockSkewHint =
            "EC2 answers RequestExpired for temporary credentials that have expired (refresh your SSO login or role session) and for a request signed more than 15 minutes away from EC2's time: if the credentials are fresh, this machine's clock is off (sync it with NTP, e.g. 'timedatectl set-ntp true' or 'w32tm /resync').";

        private static CloudComposeException? FromCode(Exception e, string code, string action, string? target, AwsCallInfo? call)
        {
            if (IsThrottling(code))
            {
                return new CloudComposeException(ErrorIds.AwsThrottled, ErrorKind.LimitsExceeded,
                    $"EC2 throttled ec2:{action} ({code}){Retried(call)}.", target, e)
                { Hint = "The account's EC2 request rate for this region is used up, often by other tools polling the same account; run fewer builds at once (-ThrottleLimit) or try again in a few minutes." };
            }

            if (IsAuthFailure(code))
            {
                return new CloudComposeException(ErrorIds.AwsAuthFailure, ErrorKind.Authentication,
                    $"AWS did not accept the credentials for ec2:{action} ({code}).", target, e)
                { Hint = code == "RequestExpired" ? ClockSkewHint : "Check that the access key is active and, for temporary credentials, not expired (refresh your SSO login or role session; a session that must outlive a bake needs a longer duration)." };
            }

            switch (code)
            {
                case "UnauthorizedOperation":
                case "AccessDenied":
                case "AccessDeniedException":
                    return new CloudComposeException(ErrorIds.AwsUnauthorized, ErrorKind.PermissionDenied,
                        $"AWS refused ec2:{action}: you are not authorized to perform this operation.", target, e)
                    { Hint = $"Grant ec2:{action} to the identity you run as; {PolicyDocument} lists every permission the module needs." };
                case "OptInRequired":
                    return new CloudComposeException(ErrorIds.AwsOptInRequired, ErrorKind.PermissionDenied,
                        $"AWS refused ec2:{action}: the account is not subscribed to EC2 in this region (OptInRequired).", target, e)
                    { Hint = "Enable the region for the account (Account settings → AWS Regions), or wait until a new account's verification has finished." };
                case "Blocked":
                case "PendingVerification":
                    return new CloudComposeException(ErrorIds.AwsAccountBlocked, ErrorKind.PermissionDenied,
                        $"AWS refused ec2:{action}: the account is {(code == "Blocked" ? "blocked" : "still being verified")} ({code}).", target, e)
                    { Hint = "Contact AWS Support about the account's status." };
                case "InsufficientInstanceCapacity":
                case "InsufficientCapacity":
                case "InsufficientHostCapacity":
                case "InsufficientAddressCapacity":
                case "InsufficientFreeAddressesInSubnet":
                    return new CloudComposeException(ErrorIds.AwsCapacityUnavailable, ErrorKind.ResourceUnavailable,
                        $"EC2 has no capacity for ec2:{action} right now ({code}): {(e as AmazonServiceException)?.Message}", target, e)
                    { Hint = "Try another image.aws.instance_type, a subnet in another availability zone, or again later." };
                case "InstanceLimitExceeded":
                case "VcpuLimitExceeded":
                case "ResourceLimitExceeded":
                case "AddressLimitExceeded":
                case "TagLimitExceeded":
                case "SnapshotLimitExceeded":
                case "AMIQuotaExceeded":
                    return new CloudComposeException(ErrorIds.AwsLimitExceeded, ErrorKind.LimitsExceeded,
                        $"ec2:{action} would exceed an account quota ({code}): {(e as AmazonServiceException)?.Message}", target, e)
                    { Hint = "Remove what is no longer needed (Remove-UnusedCloudComposeImage, Remove-CloudComposeImageBuilder) or ask for a higher quota in Service Quotas." };
                case "InternalError":
                case "InternalFailure":
                case "ServerInternal":
                case "Unavailable":
                case "ServiceUnavailable":
                    return ServiceUnavailable(e, code, action, target, call);
                default:
                    return null;
            }
        }

        private static CloudComposeException ServiceUnavailable(Exception e, string code, string action, string? target, AwsCallInfo? call) =>
            new CloudComposeException(ErrorIds.AwsServiceUnavailable, ErrorKind.ResourceUnavailable,
                $"EC2 could not serve ec2:{action} ({code}){Retried(call)}.", target, e)
            { Hint = "A fault on AWS's side; check the AWS Health Dashboard for the region and try again later." };

        private static string Retried(AwsCallInfo? call) => call == null ? string.Empty : $", giving up after {Describe(call.Elapsed)} of retries";

        internal static string Describe(TimeSpan span) =>
            span < TimeSpan.FromMinutes(1) ? span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s"
            : span < TimeSpan.FromHours(1) ? $"{(int)span.TotalMinutes} min {span.Seconds} s"
            : $"{(int)span.TotalHours} h {span.Minutes} min";

        private static bool IsNetworkFailure(Exception e)
        {
            for (var x = e; x != null; x = x.InnerException)
            {
                // An HttpClient timeout surfaces as TaskCanceledException; the caller's own cancellation never gets here.
                if (x is HttpRequestException or SocketException or WebException or TimeoutException or System.Threading.Tasks.TaskCanceledException
                    || (x is IOException && x.InnerException is SocketException))
                {
                    return true;
                }
            }

            return false;
        }

        private static Exception Innermost(Exception e)
        {
            var x = e;
            while (x.InnerException != null && x is not HttpRequestException)
            {
                x = x.InnerException;
            }

            return x;
        }
    }
}
