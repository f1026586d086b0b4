namespace CloudCompose.Image.Bake
{
    /// <summary>Whether a build can return an image that already exists instead of running, and why (or why not).</summary>
    internal sealed class ReuseDecision
    {
        internal ReuseDecision(Amazon.EC2.Model.Image? image, string reason, string? builtAgo = null)
        {
            Image = image;
            Reason = reason;
            BuiltAgo = builtAgo;
        }

        /// <summary>The image to return instead of building; null means build.</summary>
        public Amazon.EC2.Model.Image? Image { get; }

        /// <summary>Whether an image is returned instead of building (so callers need no SDK type to ask).</summary>
        public bool Reuses => Image != null;

        /// <summary>"unchanged: reusing ami-… built 3d ago", or what makes this a build.</summary>
        public string Reason { get; }

        /// <summary>How long ago the image found was built ("3d"), in EC2's clock; null when none was found.</summary>
        public string? BuiltAgo { get; }
    }
}
