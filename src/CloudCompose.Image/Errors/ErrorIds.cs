namespace CloudCompose.Image.Errors
{
    /// <summary>
    /// The stable error ids. Users and tests match on them (`-ErrorId`), so never rename one.
    /// </summary>
    public static class ErrorIds
    {
        public const string ConfigNotFound = "ConfigNotFound";
        public const string ConfigSyntaxError = "ConfigSyntaxError";
        public const string ConfigInvalid = "ConfigInvalid";
        public const string ConfigKeyUnknown = "ConfigKeyUnknown";
        public const string ConfigVariableUndefined = "ConfigVariableUndefined";
        public const string ConfigSectionMissing = "ConfigSectionMissing";
        public const string UserDataTooLarge = "UserDataTooLarge";
    }
}
