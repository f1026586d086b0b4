using System.Collections.Generic;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>What retiring one image did, and what went wrong after the point of no return (snapshots).</summary>
    public sealed class RetirementOutcome
    {
        public RetirementOutcome(RemovalResult result, IReadOnlyList<CloudComposeException> failures)
        {
            Result = result;
            Failures = failures;
        }

        public RemovalResult Result { get; }

        public IReadOnlyList<CloudComposeException> Failures { get; }
    }
}
