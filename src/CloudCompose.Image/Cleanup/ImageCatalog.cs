using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Aws;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>What Get-CloudComposeImage lists: the account's images tagged ImageName, with usage.</summary>
    public sealed class ImageCatalog : IDisposable
    {
        private readonly Amazon.EC2.IAmazonEC2 ec2;
        private readonly ImageInventory inventory;

        public ImageCatalog(AwsConnection connection)
        {
            ec2 = connection.CreateEc2Client();
            inventory = new ImageInventory(ec2, connection.Region);
        }

        /// <summary>Images matching the query, newest first per name+version, usage filled unless the query skips it.</summary>
        public async Task<ImageListing> ListAsync(ImageQuery query, CancellationToken cancellationToken)
        {
            var images = await inventory.ListAsync(query, cancellationToken).ConfigureAwait(false);
            if (!query.SkipUsage)
            {
                await inventory.FillUsageAsync(images, cancellationToken).ConfigureAwait(false);
            }

            if (query.IncludeReferences)
            {
                var references = await inventory.ReferencesAsync(images.Select(i => i.ImageId).ToList(), cancellationToken).ConfigureAwait(false);
                foreach (var image in images)
                {
                    // What the usage pass found stays; EC2's references add what it cannot see.
                    var found = references.TryGetValue(image.ImageId, out var users) ? users : new List<string>();
                    image.UsedBy = image.UsedBy.Concat(found.Where(r => !Known(image.UsedBy, r))).ToList();
                    image.InUse = image.InUse == true || found.Count > 0;
                }
            }

            var seen = new HashSet<string>(images.Select(i => i.ImageId), StringComparer.Ordinal);
            return new ImageListing(images, query.ImageIds.Where(id => !seen.Contains(id)).Distinct().ToList());
        }

        public void Dispose() => ec2.Dispose();

        /// <summary>A reference to an instance or template the usage pass already named ("i-… (running)", "lt-…:3 (web)").</summary>
        private static bool Known(IReadOnlyList<string> usedBy, string reference)
        {
            var slash = reference.LastIndexOf('/');
            var id = slash < 0 ? reference : reference.Substring(slash + 1);
            return usedBy.Any(u => u.StartsWith(id + " ", StringComparison.Ordinal) || u.StartsWith(id + ":", StringComparison.Ordinal));
        }
    }

    /// <summary>A listing and the requested ids that are not images of this module in this account and region.</summary>
    public sealed class ImageListing
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
