using System.Collections.Generic;

namespace CloudCompose.Image.Configuration
{
    /// <summary>
    /// The source AMI: an id, or a filter that picks the newest matching image (as Packer's
    /// source_ami_filter), e.g. <c>ami: {name: "ubuntu/images/*-22.04-amd64-*", owners: ["099720109477"]}</c>.
    /// </summary>
    internal sealed class AmiSelector
    {
        public AmiSelector(string? imageId, string? namePattern, IReadOnlyList<string> owners)
        {
            ImageId = imageId;
            NamePattern = namePattern;
            Owners = owners;
        }

        public string? ImageId { get; }

        public string? NamePattern { get; }

        public IReadOnlyList<string> Owners { get; }

        public bool IsFilter => ImageId == null;

        public override string ToString() =>
            ImageId ?? $"newest image named '{NamePattern}'" + (Owners.Count > 0 ? $" owned by {string.Join(", ", Owners)}" : string.Empty);
    }
}
