namespace CloudCompose.Image.LeftBehind
{
    /// <summary>What the record says is left, after asking EC2 which of it still exists.</summary>
    internal sealed class LeftResourceStatus
    {
        internal LeftResourceStatus(LeftResource resource, string? state, string? uncheckedBecause)
        {
            Resource = resource;
            State = state;
            UncheckedBecause = uncheckedBecause;
        }

        public LeftResource Resource { get; }

        /// <summary>Its state in EC2 (stopped, available, …); null when it could not be checked.</summary>
        public string? State { get; }

        /// <summary>Why it was not checked (other credentials or endpoint, or the check itself failed).</summary>
        public string? UncheckedBecause { get; }
    }
}
