using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Bake
{
    /// <summary>aws.share_with_accounts and aws.copy_to_regions: launch permissions and copies in other regions.</summary>
    internal sealed class ImageDistribution
    {
        private readonly AwsConnection connection;
        private readonly IBuildObserver observer;

        public ImageDistribution(AwsConnection connection, IBuildObserver observer)
        {
            this.connection = connection;
            this.observer = observer;
        }

        public async Task<IReadOnlyList<string>> ShareAsync(IAmazonEC2 ec2, string imageId, IReadOnlyList<string> accounts, CancellationToken cancellationToken)
        {
            if (accounts.Count == 0)
            {
                return accounts;
            }

            try
            {
                await ec2.ModifyImageAttributeAsync(new ModifyImageAttributeRequest
                {
                    ImageId = imageId,
                    LaunchPermission = new LaunchPermissionModifications
                    {
                        Add = accounts.Select(a => new LaunchPermission { UserId = a }).ToList(),
                    },
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw AwsErrors.From(e, "ModifyImageAttribute", imageId);
            }

            observer.Verbose($"ModifyImageAttribute: {imageId} shared with {string.Join(", ", accounts)}.");
            return accounts;
        }

        public async Task<IReadOnlyDictionary<string, string>> CopyAsync(
            string label, Amazon.EC2.Model.Image image, IReadOnlyList<string> regions, IReadOnlyList<string> shareWith, BakeOptions options, CancellationToken cancellationToken)
        {
            var copies = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var region in regions.Where(r => r != connection.Region))
            {
                using var client = (AmazonEC2Client)connection.CreateEc2Client(region);
                string copyId;
                try
                {
                    copyId = (await client.CopyImageAsync(new CopyImageRequest
                    {
                        SourceImageId = image.ImageId,
                        SourceRegion = connection.Region,
                        Name = image.Name,
                        Description = image.Description,
                        CopyImageTags = true,
                        ClientToken = "cc-copy-" + image.ImageId + "-" + region,
                    }, cancellationToken).ConfigureAwait(false)).ImageId;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new CloudComposeException(ErrorIds.ImageCopyFailed, ErrorKind.InvalidOperation,
                        $"Copying {image.ImageId} to {region} failed: {e.Message}. The image in {connection.Region} is kept.", image.ImageId, e);
                }

                observer.Verbose($"CopyImage: {image.ImageId} → {copyId} in {region}.");
                var poller = new Ec2Poller(client);
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(options.ImageTimeout);
                var copy = await poller.WaitForImageAsync(copyId, i => i.State != ImageState.Pending, null, deadline.Token).ConfigureAwait(false);
                if (copy.State != ImageState.Available)
                {
                    throw new CloudComposeException(ErrorIds.ImageCopyFailed, ErrorKind.InvalidOperation,
                        $"The copy {copyId} of {label} in {region} ended {copy.State?.Value}: {copy.StateReason?.Message}.", copyId);
                }

                await ShareAsync(client, copyId, shareWith, cancellationToken).ConfigureAwait(false);
                copies[region] = copyId;
            }

            return copies;
        }
    }
}
