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

            await AwsCall.RunAsync(ec2, "ModifyImageAttribute", imageId, () => ec2.ModifyImageAttributeAsync(new ModifyImageAttributeRequest
            {
                ImageId = imageId,
                LaunchPermission = new LaunchPermissionModifications
                {
                    Add = accounts.Select(a => new LaunchPermission { UserId = a }).ToList(),
                },
            }, cancellationToken), cancellationToken).ConfigureAwait(false);

            observer.Verbose($"ModifyImageAttribute: {imageId} shared with {string.Join(", ", accounts)}.");
            return accounts;
        }

        /// <summary>
        /// Copies the finished image to each region, one after the other. Each copy is recorded as the build's (so an
        /// unfinished one is removed by the build's cleanup); the image in the build's own region is kept whatever happens.
        /// </summary>
        internal async Task<IReadOnlyDictionary<string, string>> CopyAsync(
            string label, Amazon.EC2.Model.Image image, IReadOnlyList<string> regions, IReadOnlyList<string> shareWith, BuildResources made, BakeOptions options, CancellationToken cancellationToken)
        {
            var copies = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var region in regions.Where(r => r != connection.Region))
            {
                using var client = connection.CreateEc2Client(region);
                var madeCopy = made.CopyStarting(region);
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
                catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    var mapped = AwsErrors.From(e, "CopyImage", image.ImageId);
                    if (mapped.ErrorId != ErrorIds.AwsRequestFailed)
                    {
                        throw mapped;
                    }

                    throw new CloudComposeException(ErrorIds.ImageCopyFailed, ErrorKind.InvalidOperation,
                        $"Copying {image.ImageId} to {region} failed: {mapped.Message}. The image in {connection.Region} is kept.", image.ImageId, e);
                }

                made.CopyMade(madeCopy, copyId);
                observer.Verbose($"CopyImage: {image.ImageId} → {copyId} in {region}.");
                var poller = new Ec2Poller(client);
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(options.ImageTimeout);
                Amazon.EC2.Model.Image copy;
                try
                {
                    copy = await poller.WaitForImageAsync(copyId, i => i.State != ImageState.Pending, null, deadline.Token, Ec2Poller.ToleranceFor(options.ImageTimeout)).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new CloudComposeException(ErrorIds.BuildTimedOut, ErrorKind.Timeout,
                        $"The copy {copyId} of {label} in {region} was not available within {options.ImageTimeout}; it is removed, the image in {connection.Region} is kept.", copyId)
                    { Hint = "Copies of large images take longer; raise -ImageTimeout." };
                }

                if (copy.State != ImageState.Available)
                {
                    throw new CloudComposeException(ErrorIds.ImageCopyFailed, ErrorKind.InvalidOperation,
                        $"The copy {copyId} of {label} in {region} ended {copy.State?.Value}: {copy.StateReason?.Message}. It is removed; the image in {connection.Region} is kept.", copyId);
                }

                madeCopy.Finished = true;

                await ShareAsync(client, copyId, shareWith, cancellationToken).ConfigureAwait(false);
                copies[region] = copyId;
            }

            return copies;
        }
    }
}
