using System.Collections.Generic;
using Amazon.EC2.Model;

namespace CloudCompose.Image.Bake
{
    /// <summary>What a launch through a list of instance types did: the type that launched and those EC2 refused first.</summary>
    internal sealed class CapacityLaunch
    {
        internal CapacityLaunch(RunInstancesResponse response, string instanceType, IReadOnlyList<string> refused)
        {
            Response = response;
            InstanceType = instanceType;
            Refused = refused;
        }

        public RunInstancesResponse Response { get; }

        public string InstanceType { get; }

        /// <summary>"t3.small (InsufficientInstanceCapacity)" for each type tried before, in order.</summary>
        public IReadOnlyList<string> Refused { get; }
    }
}
