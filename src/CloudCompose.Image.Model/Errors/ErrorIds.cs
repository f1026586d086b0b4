namespace CloudCompose.Image.Errors
{
    /// <summary>
    /// The stable error ids, the first part of an ErrorRecord's FullyQualifiedErrorId. Users and tests match on them
    /// (<c>-ErrorId</c>, <c>$_.FullyQualifiedErrorId -like 'BuildTimedOut,*'</c>), so never rename one.
    /// </summary>
    public static class ErrorIds
    {
        public const string ConfigNotFound = "ConfigNotFound";
        public const string ConfigPathNotFileSystem = "ConfigPathNotFileSystem";
        public const string ConfigSyntaxError = "ConfigSyntaxError";
        public const string ConfigInvalid = "ConfigInvalid";
        public const string ConfigKeyUnknown = "ConfigKeyUnknown";
        public const string ConfigVariableUndefined = "ConfigVariableUndefined";
        public const string ConfigSectionMissing = "ConfigSectionMissing";
        public const string UserDataTooLarge = "UserDataTooLarge";
        public const string ParameterConflict = "ParameterConflict";
        public const string CredentialInvalid = "CredentialInvalid";
        public const string AwsProfileNotFound = "AwsProfileNotFound";
        public const string AwsRegionMissing = "AwsRegionMissing";
        public const string AwsCredentialsMissing = "AwsCredentialsMissing";
        public const string AwsUnauthorized = "AwsUnauthorized";
        public const string AwsAuthFailure = "AwsAuthFailure";
        public const string AwsRequestFailed = "AwsRequestFailed";
        public const string AwsEndpointUnreachable = "AwsEndpointUnreachable";
        public const string AwsRegionInvalid = "AwsRegionInvalid";
        public const string AwsThrottled = "AwsThrottled";
        public const string AwsServiceUnavailable = "AwsServiceUnavailable";
        public const string AwsCapacityUnavailable = "AwsCapacityUnavailable";
        public const string AwsLimitExceeded = "AwsLimitExceeded";
        public const string AwsOptInRequired = "AwsOptInRequired";
        public const string AwsAccountBlocked = "AwsAccountBlocked";
        public const string SourceAmiNotFound = "SourceAmiNotFound";
        public const string BuilderLaunchFailed = "BuilderLaunchFailed";
        public const string BuilderTerminatedUnexpectedly = "BuilderTerminatedUnexpectedly";
        public const string BuildTimedOut = "BuildTimedOut";
        public const string BuildCancelled = "BuildCancelled";
        public const string UnexpectedFailure = "UnexpectedFailure";
        public const string ImageScriptFailed = "ImageScriptFailed";
        public const string ImageCreationFailed = "ImageCreationFailed";
        public const string ImageCopyFailed = "ImageCopyFailed";
        public const string ImageNotFound = "ImageNotFound";
        public const string ImageNameNotFound = "ImageNameNotFound";
        public const string ImageNotManaged = "ImageNotManaged";
        public const string ImageDeregisterFailed = "ImageDeregisterFailed";
        public const string ImageDisableFailed = "ImageDisableFailed";
        public const string ImageDeprecateFailed = "ImageDeprecateFailed";
        public const string SnapshotDeleteFailed = "SnapshotDeleteFailed";
        public const string SnapshotDeleteNotAuthorized = "SnapshotDeleteNotAuthorized";
        public const string LaunchPermissionsNotRecorded = "LaunchPermissionsNotRecorded";
        public const string LaunchPermissionsNotRemoved = "LaunchPermissionsNotRemoved";
        public const string LaunchPermissionsNotRestored = "LaunchPermissionsNotRestored";
        public const string UsageReportFailed = "UsageReportFailed";
        public const string ImageRestoreFailed = "ImageRestoreFailed";
        public const string ImageNotRestorable = "ImageNotRestorable";
        public const string SnapshotRestoreFailed = "SnapshotRestoreFailed";
        public const string LifecycleStagesOutOfOrder = "LifecycleStagesOutOfOrder";
        public const string LifecycleConflictsWithAction = "LifecycleConflictsWithAction";
        public const string ImageTestFailed = "ImageTestFailed";
        public const string ImageTestTimedOut = "ImageTestTimedOut";
        public const string ImagePublishFailed = "ImagePublishFailed";
        public const string SourceAmiNotAllowed = "SourceAmiNotAllowed";
        public const string UserDataContainsSecret = "UserDataContainsSecret";
    }
}
