using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Aws;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>What Get-CloudComposeImage lists: the account's images tagged ImageName, with usage.</summary>
    internal sealed class ImageCatalog : IDisposable
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

            var seen = new HashSet<string>(images.Select(i => i.ImageId), StringComparer.Ordinal);
            return new ImageListing(images, query.ImageIds.Where(id => !seen.Contains(id)).Distinct().ToList());
        }

        public void Dispose() => ec2.Dispose();
    }
}
