using System.Collections.Generic;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>What Restore-CloudComposeImage found for the ids it was given.</summary>
    public sealed class RestorePlan
    {
        internal RestorePlan(IReadOnlyList<RestoreCandidate> candidates, IReadOnlyList<string> unmanaged, IReadOnlyList<string> missing, IReadOnlyList<(string ImageId, string Reason)> unchanged)
        {
            Candidates = candidates;
            UnmanagedImageIds = unmanaged;
            MissingImageIds = missing;
            Unchanged = unchanged;
        }

        public IReadOnlyList<RestoreCandidate> Candidates { get; }

        /// <summary>Images of this account that are not tagged ImageName: never touched.</summary>
        public IReadOnlyList<string> UnmanagedImageIds { get; }

        /// <summary>Neither an image of this account in the region nor in its Recycle Bin.</summary>
        public IReadOnlyList<string> MissingImageIds { get; }

        /// <summary>Images with nothing to undo: available, not deprecated, no recorded sharing.</summary>
        public IReadOnlyList<(string ImageId, string Reason)> Unchanged { get; }
    }

    /// <summary>One image to bring back, and the steps that will do it.</summary>
    public sealed class RestoreCandidate
    {
        internal RestoreCandidate(string imageId, string imageName, ImageInfo? image, IReadOnlyList<string> binnedSnapshots, IReadOnlyList<string> steps)
        {
            ImageId = imageId;
            ImageName = imageName;
            Image = image;
            BinnedSnapshots = binnedSnapshots;
            Steps = steps;
        }

        public string ImageId { get; }

        public string ImageName { get; }

        /// <summary>The image as DescribeImages shows it; null while it is in the Recycle Bin.</summary>
        internal ImageInfo? Image { get; }

        internal bool InRecycleBin => Image == null;

        /// <summary>Its snapshots waiting in the Recycle Bin (restored first).</summary>
        internal IReadOnlyList<string> BinnedSnapshots { get; }

        /// <summary>What will be done, in words, for ShouldProcess.</summary>
        public IReadOnlyList<string> Steps { get; }

        /// <summary>ShouldProcess target: id and AMI name.</summary>
        public string Target => $"{ImageId} ({ImageName})";

        public string Describe() => "Restore image: " + string.Join(", ", Steps);
    }

    /// <summary>What restoring one image did, and what went wrong on the way.</summary>
    public sealed class RestoreOutcome
    {
        internal RestoreOutcome(RestoreResult result, IReadOnlyList<CloudCompose.Image.Errors.CloudComposeException> failures)
        {
            Result = result;
            Failures = failures;
        }

        public RestoreResult Result { get; }

        public IReadOnlyList<CloudCompose.Image.Errors.CloudComposeException> Failures { get; }
    }
}
