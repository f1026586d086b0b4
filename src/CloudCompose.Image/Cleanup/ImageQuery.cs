using System.Collections.Generic;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>
    /// Which images to look at. Only images owned by this account and tagged <c>ImageName</c> are ever seen,
    /// whatever the query says. Empty lists mean "any".
    /// </summary>
    public sealed class ImageQuery
    {
        /// <summary>ImageName tag values; <c>*</c>, <c>?</c> and <c>[a-z]</c> wildcards, case-sensitive like EC2 tags.</summary>
        public IReadOnlyList<string> Names { get; set; } = new string[0];

        /// <summary>ImageVersion tag values, wildcards as for <see cref="Names"/>.</summary>
        public IReadOnlyList<string> Versions { get; set; } = new string[0];

        /// <summary>Exact image ids.</summary>
        public IReadOnlyList<string> ImageIds { get; set; } = new string[0];

        /// <summary>Names and versions are exact values, not wildcard patterns (config files, the bake's cleanup).</summary>
        public bool Literal { get; set; }

        /// <summary>Skip the usage pass (DescribeInstances, launch templates): InUse stays null.</summary>
        public bool SkipUsage { get; set; }

        /// <summary>
        /// Also ask EC2's DescribeImageReferences about each image (10 a call): every launch template version, SSM
        /// parameters, Image Builder recipes and shutting-down instances, as the retirement does for its candidates.
        /// </summary>
        public bool IncludeReferences { get; set; }

        public override string ToString()
        {
            var parts = new List<string>();
            if (Names.Count > 0)
            {
                parts.Add("name " + string.Join(", ", Names));
            }

            if (Versions.Count > 0)
            {
                parts.Add("version " + string.Join(", ", Versions));
            }

            if (ImageIds.Count > 0)
            {
                parts.Add("id " + string.Join(", ", ImageIds));
            }

            return parts.Count == 0 ? "all images tagged ImageName" : string.Join("; ", parts);
        }
    }
}
