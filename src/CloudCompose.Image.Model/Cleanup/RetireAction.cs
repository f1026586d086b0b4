namespace CloudCompose.Image.Cleanup
{
    // Lives in the model assembly: it is a cmdlet parameter type, and PowerShell loads the cmdlet classes
    // (and their value-type fields) before the engine's private load context is hooked up.
    /// <summary>What retiring an image does.</summary>
    public enum RetireAction
    {
        /// <summary>DeregisterImage, then DeleteSnapshot for each snapshot no other image uses. Irreversible.</summary>
        Deregister,

        /// <summary>DisableImage: the image can no longer be launched or shared; EnableImage undoes it.</summary>
        Disable,

        /// <summary>EnableImageDeprecation now: the image drops out of default listings; DisableImageDeprecation undoes it.</summary>
        Deprecate,
    }
}
