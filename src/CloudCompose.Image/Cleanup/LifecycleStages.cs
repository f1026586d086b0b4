using System;
using System.Collections.Generic;
using System.Linq;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>
    /// A staged lifecycle (deprecate, then disable, then deregister, each after its own number of days), as Image
    /// Builder's lifecycle policies have it but for any image tagged ImageName. An image reaches a stage once both its
    /// age and its idle time (since its last launch, or its creation) reach that stage's threshold, and one run moves it
    /// once, to the furthest stage it has reached.
    /// </summary>
    public sealed class LifecycleStages
    {
        public LifecycleStages(TimeSpan? deprecateAfter, TimeSpan? disableAfter, TimeSpan? deregisterAfter)
        {
            DeprecateAfter = deprecateAfter;
            DisableAfter = disableAfter;
            DeregisterAfter = deregisterAfter;
        }

        public TimeSpan? DeprecateAfter { get; }

        public TimeSpan? DisableAfter { get; }

        public TimeSpan? DeregisterAfter { get; }

        /// <summary>The stages that are set, in their order.</summary>
        public IReadOnlyList<(RetireAction Action, TimeSpan After)> Steps =>
            new[] { (RetireAction.Deprecate, DeprecateAfter), (RetireAction.Disable, DisableAfter), (RetireAction.Deregister, DeregisterAfter) }
                .Where(s => s.Item2.HasValue)
                .Select(s => (s.Item1, s.Item2!.Value))
                .ToList();

        public bool IsEmpty => Steps.Count == 0;

        /// <summary>The parameter that sets a stage, for reasons and errors.</summary>
        public static string ParameterOf(RetireAction action) => "-" + action + "After";

        /// <summary>Thresholds must grow from stage to stage; the error names the parameter that does not.</summary>
        internal void Validate()
        {
            var steps = Steps;
            for (var i = 1; i < steps.Count; i++)
            {
                if (steps[i].After <= steps[i - 1].After)
                {
                    throw new CloudComposeException(ErrorIds.LifecycleStagesOutOfOrder, ErrorKind.InvalidArgument,
                        $"{ParameterOf(steps[i].Action)} ({RetirementPlanner.Span(steps[i].After)}) must be longer than {ParameterOf(steps[i - 1].Action)} ({RetirementPlanner.Span(steps[i - 1].After)}): an image is deprecated, then disabled, then deregistered.",
                        ParameterOf(steps[i].Action).Substring(1));
                }
            }
        }

        /// <summary>The furthest stage the image has reached by both age and idle time, or null.</summary>
        internal (RetireAction Action, TimeSpan After)? Reached(TimeSpan age, TimeSpan idle)
        {
            var span = age < idle ? age : idle;
            return Steps.Where(s => s.After <= span).Select(s => ((RetireAction, TimeSpan)?)s).LastOrDefault();
        }

        /// <summary>How far along an image already is: disabled, deprecated, or not at all (null).</summary>
        internal static RetireAction? Current(ImageInfo image, DateTime now) =>
            image.State == "disabled" ? RetireAction.Disable
            : IsDeprecated(image, now) ? RetireAction.Deprecate
            : (RetireAction?)null;

        /// <summary>
        /// Deprecated, or due within two minutes: the module deprecates from the next whole minute by EC2's clock (EC2
        /// takes no time in the past and rounds to the minute), so a run right after the last must not deprecate the
        /// image again.
        /// </summary>
        internal static bool IsDeprecated(ImageInfo image, DateTime now) => image.DeprecationTime is { } at && at <= now.AddMinutes(2);

        /// <summary>Deprecate, then disable, then deregister.</summary>
        internal static int Rank(RetireAction action) => action switch
        {
            RetireAction.Deprecate => 1,
            RetireAction.Disable => 2,
            _ => 3,
        };

        public override string ToString() =>
            string.Join(", ", Steps.Select(s => $"{s.Action.ToString().ToLowerInvariant()} after {RetirementPlanner.Span(s.After)}"));
    }
}
