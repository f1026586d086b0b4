using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// RunInstances through an ordered list of instance types: on InsufficientInstanceCapacity (no capacity for the type
    /// in the zone now) or Unsupported (the zone does not offer it) the next type is tried. Each type gets its own client
    /// token — EC2 answers IdempotentParameterMismatch to a token reused with other parameters — derived from the build's,
    /// so a retried call for one type still never launches twice.
    /// </summary>
    internal static class CapacityFallback
    {
        public static bool IsCapacityRefusal(AmazonEC2Exception e) => e.ErrorCode is "InsufficientInstanceCapacity" or "Unsupported";

        /// <summary>The client token of the n-th type (0-based): the build's token for the first, then token-2, token-3, ….</summary>
        public static string TokenFor(string baseToken, int index) => index == 0 ? baseToken : $"{baseToken}-{index + 1}";

        /// <param name="request">Sent once per type with InstanceType and ClientToken set; the last refusal is thrown as it came.</param>
        public static async Task<CapacityLaunch> RunAsync(IAmazonEC2 ec2, RunInstancesRequest request, IReadOnlyList<string> instanceTypes, string baseToken,
            Action<string> verbose, CancellationToken cancellationToken)
        {
            var refused = new List<string>();
            for (var i = 0; ; i++)
            {
                request.InstanceType = InstanceType.FindValue(instanceTypes[i]);
                request.ClientToken = TokenFor(baseToken, i);
                try
                {
                    var response = await ec2.RunInstancesAsync(request, cancellationToken).ConfigureAwait(false);
                    return new CapacityLaunch(response, instanceTypes[i], refused);
                }
                catch (AmazonEC2Exception e) when (IsCapacityRefusal(e) && i + 1 < instanceTypes.Count)
                {
                    refused.Add($"{instanceTypes[i]} ({e.ErrorCode})");
                    verbose($"RunInstances: {instanceTypes[i]} refused ({e.ErrorCode}: {e.Message}); trying {instanceTypes[i + 1]}.");
                }
            }
        }
    }
}
