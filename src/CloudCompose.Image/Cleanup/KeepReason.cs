namespace CloudCompose.Image.Cleanup
{
    /// <summary>Why an image is not retired. <see cref="None"/> means it is a candidate.</summary>
    internal enum KeepReason
    {
        None,

        /// <summary>The image the bake just made.</summary>
        JustBuilt,

        /// <summary>Created after the image the bake just made (another build's).</summary>
        NewerThanBuild,

        /// <summary>Still being created.</summary>
        Pending,

        DeregistrationProtection,

        /// <summary>The action has already been applied (disabled, or deprecated).</summary>
        AlreadyRetired,

        /// <summary>Among the newest -Keep available images of its name+version.</summary>
        Newest,

        /// <summary>Younger than -MinimumAge.</summary>
        TooYoung,

        /// <summary>Launched within -MinimumIdle.</summary>
        RecentlyLaunched,

        /// <summary>An instance, launch template version or (DescribeImageReferences) SSM parameter uses it.</summary>
        InUse,

        /// <summary>Public or shared with other accounts.</summary>
        Shared,
    }
}
