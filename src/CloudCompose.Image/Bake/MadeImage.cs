namespace CloudCompose.Image.Bake
{
    /// <summary>An image the build made, in its region; finished once available (then it is kept whatever happens next).</summary>
    internal sealed class MadeImage
    {
        public MadeImage(string region, string? imageId)
        {
            Region = region;
            ImageId = imageId;
        }

        public string Region { get; }

        /// <summary>Null while CopyImage has not answered.</summary>
        public string? ImageId { get; set; }

        public bool Finished { get; set; }

        /// <summary>Kept by a decision that already said so (-KeepFailedImage): neither removed nor announced again.</summary>
        public bool KeptOnPurpose { get; set; }
    }
}
