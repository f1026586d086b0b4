using System.Collections.Generic;
using Amazon.EC2.Model;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>
    /// What DescribeImageReferences is asked, spelled out instead of IncludeAllResourceTypes: EC2's defaults for that
    /// flag count terminated instances (state-name "Default: All states") and only the 10 newest launch template versions
    /// (version-depth "Default: 10"), so an image whose last instance ended an hour ago would look used while one pinned
    /// by an older version would look unused.
    /// </summary>
    internal static class ReferenceScope
    {
        /// <summary>Every instance state but terminated: a stopped or stopping instance can run again.</summary>
        internal static readonly IReadOnlyList<string> InstanceStates = new[] { "pending", "running", "shutting-down", "stopping", "stopped" };

        /// <summary>The largest version-depth EC2 accepts, and the number of versions a launch template can have (EC2's quota).</summary>
        internal const int VersionDepth = 10_000;

        internal static readonly IReadOnlyList<string> OtherTypes = new[] { "ssm:Parameter", "imagebuilder:ImageRecipe", "imagebuilder:ContainerRecipe" };

        public static DescribeImageReferencesRequest Request(List<string> imageIds)
        {
            var types = new List<ResourceTypeRequest>
            {
                new ResourceTypeRequest
                {
                    ResourceType = "ec2:Instance",
                    ResourceTypeOptions = new List<ResourceTypeOption> { new ResourceTypeOption { OptionName = "state-name", OptionValues = new List<string>(InstanceStates) } },
                },
                new ResourceTypeRequest
                {
                    ResourceType = "ec2:LaunchTemplate",
                    ResourceTypeOptions = new List<ResourceTypeOption> { new ResourceTypeOption { OptionName = "version-depth", OptionValues = new List<string> { VersionDepth.ToString(System.Globalization.CultureInfo.InvariantCulture) } } },
                },
            };
            foreach (var type in OtherTypes)
            {
                types.Add(new ResourceTypeRequest { ResourceType = type });
            }

            return new DescribeImageReferencesRequest { ImageIds = imageIds, ResourceTypes = types, MaxResults = 1000 };
        }
    }
}
