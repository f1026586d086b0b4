namespace CloudCompose.Image
{
    /// <summary>
    /// One place a new image was published to (an SSM parameter or a launch template, in one region), or where
    /// publishing it failed. What it pointed at before is kept for rolling back.
    /// </summary>
    public sealed class PublishedTarget
    {
        /// <summary>SsmParameter or LaunchTemplate.</summary>
        public string Kind { get; set; } = string.Empty;

        public string Region { get; set; } = string.Empty;

        /// <summary>The parameter name or the launch template name.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>The image id this target now resolves to (the copy's id in a copy region).</summary>
        public string ImageId { get; set; } = string.Empty;

        /// <summary>The parameter version, or the launch template version that is now the default.</summary>
        public long? Version { get; set; }

        /// <summary>The parameter's value before (an image id), or the launch template's default version before.</summary>
        public string? Previous { get; set; }

        public bool Succeeded { get; set; }

        /// <summary>Why publishing to this target failed; the target is then as it was (see the error for a partial step).</summary>
        public string? Error { get; set; }

        public override string ToString() => $"{Kind} {Name} ({Region}) → {ImageId}" + (Version.HasValue ? $" v{Version}" : string.Empty) + (Succeeded ? string.Empty : " FAILED");
    }
}
