using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Amazon;
using CloudCompose.Image.Errors;
using CloudCompose.Image.Text;

namespace CloudCompose.Image.Aws
{
    /// <summary>
    /// Region names as the AWS SDK knows them: the shape of each partition's names (its region regexes) and the
    /// regions it has endpoints for. A wrong region is an error before any call, not a 20-second network failure.
    /// </summary>
    internal static class AwsRegions
    {
        private static readonly Lazy<IReadOnlyList<string>> KnownNames = new Lazy<IReadOnlyList<string>>(LoadKnown);
        private static readonly Lazy<IReadOnlyList<Regex>> Shapes = new Lazy<IReadOnlyList<Regex>>(LoadShapes);

        // Any partition's shape, for names an explicit endpoint may serve before the SDK knows their partition.
        private static readonly Regex GeneralShape = new Regex(@"^[a-z]{2,4}(-[a-z]+)+-\d+$", RegexOptions.CultureInvariant);

        /// <summary>The region names the SDK knows (all partitions), sorted.</summary>
        public static IReadOnlyList<string> Known => KnownNames.Value;

        /// <summary>True when the name has the shape of some partition's regions (us-east-1, cn-north-1, us-gov-west-1, …).</summary>
        public static bool IsWellFormed(string name) => Shapes.Value.Any(r => r.IsMatch(name));

        public static bool IsKnown(string name) => Known.Contains(name, StringComparer.Ordinal);

        /// <summary>
        /// Checks a region before it is used. Without -EndpointUrl it must be one the SDK knows; with one, any name of
        /// the general shape passes, since an explicit endpoint may serve a region newer than this SDK (or an emulator any name).
        /// </summary>
        /// <param name="source">Where the name came from, for the message: "-Region", "image.aws.region in …", ….</param>
        public static void Check(string region, string source, string target, bool explicitEndpoint)
        {
            if (explicitEndpoint ? !GeneralShape.IsMatch(region) : !IsWellFormed(region))
            {
                throw Invalid($"'{region}' ({source}) is not an AWS region name.", region, target);
            }

            if (!explicitEndpoint && !IsKnown(region))
            {
                throw Invalid($"'{region}' ({source}) is not a region the AWS SDK knows.", region, target,
                    " If it is a region newer than this module's AWS SDK, pass its endpoint with -EndpointUrl https://ec2." + region + ".amazonaws.com.");
            }
        }

        private static CloudComposeException Invalid(string message, string region, string target, string extraHint = "")
        {
            var closest = Suggestions.Closest(region.Trim().ToLowerInvariant().Replace(' ', '-').Replace('_', '-'), Known);
            var hint = closest != null ? $"Did you mean {closest}?" : "Region names look like us-east-1 or eu-west-2 (Get-Help about_CloudCompose.Image lists where the region comes from).";
            return new CloudComposeException(ErrorIds.AwsRegionInvalid, ErrorKind.InvalidArgument, message, target) { Hint = hint + extraHint };
        }

        private static IReadOnlyList<string> LoadKnown()
        {
            try
            {
                return RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
            }
            catch (Exception)
            {
                return Array.Empty<string>();
            }
        }

        private static IReadOnlyList<Regex> LoadShapes()
        {
            try
            {
                var shapes = RegionEndpoint.AllPartitionRegionRegex.Select(p => new Regex(p, RegexOptions.CultureInvariant)).ToList();
                if (shapes.Count > 0)
                {
                    return shapes;
                }
            }
            catch (Exception)
            {
                // Fall through to the general shape below.
            }

            return new[] { GeneralShape };
        }
    }
}
