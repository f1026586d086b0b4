using System.Collections.Generic;
using System.Linq;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>Every decision of a plan, and the requested ids that are not images this module may touch.</summary>
    public sealed class RetirementPlan
    {
        public RetirementPlan(IReadOnlyList<RetirementDecision> decisions, IReadOnlyList<string> unmanagedImageIds)
        {
            Decisions = decisions;
            UnmanagedImageIds = unmanagedImageIds;
        }

        public IReadOnlyList<RetirementDecision> Decisions { get; }

        public IEnumerable<RetirementDecision> Candidates => Decisions.Where(d => d.Retire);

        public IEnumerable<RetirementDecision> Kept => Decisions.Where(d => !d.Retire);

        /// <summary>Requested ids not owned by this account or not tagged ImageName (or not in this region).</summary>
        public IReadOnlyList<string> UnmanagedImageIds { get; }
    }
}
