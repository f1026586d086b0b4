using System.Collections.Generic;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>A listing and the requested ids that are not images of this module in this account and region.</summary>
    internal sealed class ImageListing
    {
        public ImageListing(IReadOnlyList<ImageInfo> images, IReadOnlyList<string> missingImageIds)
        {
            Images = images;
            MissingImageIds = missingImageIds;
        }

        public IReadOnlyList<ImageInfo> Images { get; }

        public IReadOnlyList<string> MissingImageIds { get; }
    }
}
