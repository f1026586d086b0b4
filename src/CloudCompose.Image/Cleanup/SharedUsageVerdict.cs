using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>What an image usage report says about a shared image: used in other accounts (kept) or by nobody (may go).</summary>
    public sealed class SharedUsageVerdict
    {
        internal SharedUsageVerdict(string imageId, bool unused, string reason, IReadOnlyCollection<string>? accounts)
        {
            ImageId = imageId;
            Unused = unused;
            Reason = reason;
            Accounts = accounts;
        }

        public string ImageId { get; }

        /// <summary>No account the report looked at runs or references the image.</summary>
        public bool Unused { get; }

        public string Reason { get; }

        /// <summary>The accounts the report looked at; null when it looked at all accounts.</summary>
        public IReadOnlyCollection<string>? Accounts { get; }

        /// <summary>
        /// Whether the report covers the image's sharing as it is now: a report on all accounts covers anything; one on
        /// given accounts covers those accounts only (not "all", an organization or an OU shared since).
        /// </summary>
        internal bool Covers(IReadOnlyList<string> permissions) =>
            Accounts == null || permissions.All(p => Accounts.Contains(p, StringComparer.Ordinal));
    }
}
