namespace CloudCompose.Image.Cleanup
{
    /// <summary>One image of a retirement plan and whether the keep rules let it go.</summary>
    public sealed class RetirementDecision
    {
        public RetirementDecision(ImageInfo image, KeepReason keep, string reason, RetireAction action)
        {
            Image = image;
            Keep = keep;
            Reason = reason;
            Action = action;
        }

        public ImageInfo Image { get; }

        public KeepReason Keep { get; internal set; }

        /// <summary>Why it is kept, or why it may go.</summary>
        public string Reason { get; internal set; }

        public bool Retire => Keep == KeepReason.None;

        /// <summary>What retiring it does: the -Action, or in a staged lifecycle the stage it has reached.</summary>
        public RetireAction Action { get; }

        /// <summary>For a shared image whose use in other accounts a usage report looked at: what it found.</summary>
        public SharedUsageVerdict? SharedUsage { get; internal set; }

        /// <summary>ShouldProcess target: id and AMI name.</summary>
        public string Target => $"{Image.ImageId} ({Image.ImageName})";

        public override string ToString() => $"{Target}: {(Retire ? Action.ToString().ToLowerInvariant() : "keep")} ({Reason})";
    }
}
