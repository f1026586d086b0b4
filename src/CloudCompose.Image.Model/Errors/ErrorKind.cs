namespace CloudCompose.Image.Errors
{
    /// <summary>
    /// What kind of failure an error is. The cmdlet layer maps it to a PowerShell ErrorCategory;
    /// the engine stays free of any PowerShell reference.
    /// </summary>
    public enum ErrorKind
    {
        NotFound,
        InvalidData,
        InvalidArgument,
        NotImplemented,
        PermissionDenied,
        Timeout,
        ResourceUnavailable,
        OperationStopped,
        InvalidOperation,
        Connection,
        Authentication,
        LimitsExceeded,
    }
}
