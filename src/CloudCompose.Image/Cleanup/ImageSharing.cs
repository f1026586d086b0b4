using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>Recording, removing and giving back an image's launch permissions (ModifyImageAttribute, tags).</summary>
    internal sealed class ImageSharing
    {
        private readonly IAmazonEC2 ec2;
        private readonly MutatingCalls calls;

        public ImageSharing(IAmazonEC2 ec2, MutatingCalls calls)
        {
            this.ec2 = ec2;
            this.calls = calls;
        }

        /// <summary>Writes the permissions into the image's tags before they are taken away (CreateTags).</summary>
        public async Task RecordAsync(ImageInfo image, IReadOnlyList<string> permissions, CancellationToken cancellationToken)
        {
            var tags = LaunchPermissionRecord.ToTags(permissions)
                ?? throw new CloudComposeException(ErrorIds.LaunchPermissionsNotRecorded, ErrorKind.InvalidOperation,
                    $"Image {image.ImageId} is shared with {permissions.Count} accounts, organizations or OUs: too many to record in its tags, so it is not retired (Restore-CloudComposeImage could not share it again).",
                    image.ImageId)
                { Hint = "Share it with an organization or OU instead of single accounts, or retire it by hand." };
            await calls.RunAsync("CreateTags", ErrorIds.LaunchPermissionsNotRecorded, image.ImageId, $"Could not record the launch permissions of {image.ImageId}, so it is not retired",
                () => ec2.CreateTagsAsync(new CreateTagsRequest { Resources = new List<string> { image.ImageId }, Tags = tags }, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Takes the launch permissions away (ModifyImageAttribute launchPermission remove).</summary>
        public Task RemoveAsync(string imageId, IReadOnlyList<string> permissions, CancellationToken cancellationToken) =>
            calls.RunAsync("ModifyImageAttribute", ErrorIds.LaunchPermissionsNotRemoved, imageId, $"Could not stop sharing {imageId}, so it is not retired",
                () => ec2.ModifyImageAttributeAsync(new ModifyImageAttributeRequest
                {
                    ImageId = imageId,
                    LaunchPermission = new LaunchPermissionModifications { Remove = permissions.Select(LaunchPermissionRecord.ToPermission).ToList() },
                }, cancellationToken), cancellationToken);

        /// <summary>Gives the recorded launch permissions back, then drops the record (ModifyImageAttribute add, DeleteTags).</summary>
        public async Task RestoreAsync(string imageId, IReadOnlyDictionary<string, string> tags, IReadOnlyList<string> permissions, CancellationToken cancellationToken)
        {
            await calls.RunAsync("ModifyImageAttribute", ErrorIds.LaunchPermissionsNotRestored, imageId, $"Could not share {imageId} again with {string.Join(", ", permissions)}",
                () => ec2.ModifyImageAttributeAsync(new ModifyImageAttributeRequest
                {
                    ImageId = imageId,
                    LaunchPermission = new LaunchPermissionModifications { Add = permissions.Select(LaunchPermissionRecord.ToPermission).ToList() },
                }, cancellationToken), cancellationToken).ConfigureAwait(false);
            var record = tags.Keys.Where(LaunchPermissionRecord.IsRecordTag).Select(k => new Tag { Key = k }).ToList();
            await calls.RunAsync("DeleteTags", ErrorIds.LaunchPermissionsNotRestored, imageId, $"{imageId} is shared again, but its record of launch permissions could not be removed",
                () => ec2.DeleteTagsAsync(new DeleteTagsRequest { Resources = new List<string> { imageId }, Tags = record }, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }
}
