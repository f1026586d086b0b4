using System;
using System.Management.Automation;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.PowerShell.Errors
{
    /// <summary>The one place engine failures become PowerShell ErrorRecords.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(CloudComposeException e)
        {
            var record = new ErrorRecord(e, e.ErrorId, Category(e.Kind), e.TargetObject ?? e.Target);
            if (!string.IsNullOrEmpty(e.Hint))
            {
                // The hint goes into the message every PowerShell view prints (Windows PowerShell never shows
                // RecommendedAction, and PowerShell 7 would print it a second time as "Recommendation:").
                record.ErrorDetails = new ErrorDetails(e.Message + Environment.NewLine + "Hint: " + e.Hint);
            }

            return record;
        }

        public static ErrorRecord Unexpected(Exception e, string errorId, object? target) =>
            new ErrorRecord(e, errorId, ErrorCategory.NotSpecified, target);

        public static ErrorCategory Category(ErrorKind kind) => kind switch
        {
            ErrorKind.NotFound => ErrorCategory.ObjectNotFound,
            ErrorKind.InvalidData => ErrorCategory.InvalidData,
            ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
            ErrorKind.NotImplemented => ErrorCategory.NotImplemented,
            ErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
            ErrorKind.Timeout => ErrorCategory.OperationTimeout,
            ErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
            ErrorKind.OperationStopped => ErrorCategory.OperationStopped,
            ErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
            ErrorKind.Connection => ErrorCategory.ConnectionError,
            ErrorKind.Authentication => ErrorCategory.AuthenticationError,
            ErrorKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
            _ => ErrorCategory.NotSpecified,
        };
    }
}
