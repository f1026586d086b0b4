using System.Collections.Generic;

namespace CloudCompose.Image.Configuration
{
    /// <summary><c>image.test:</c> the script that must pass on an instance of the new image before anything uses it.</summary>
    public sealed class TestSettings
    {
        public TestSettings(string script, string? instanceType)
        {
            Script = script;
            InstanceType = instanceType;
        }

        /// <summary>A template name found through the search path, like image.sh.</summary>
        public string Script { get; }

        /// <summary>The test instance's type; null uses image.aws.instance_type.</summary>
        public string? InstanceType { get; }
    }

    /// <summary><c>image.publish:</c> where fleets pick the new image up, in every region it exists in.</summary>
    public sealed class PublishSettings
    {
        public PublishSettings(IReadOnlyList<string> ssmParameters, IReadOnlyList<string> launchTemplates)
        {
            SsmParameters = ssmParameters;
            LaunchTemplates = launchTemplates;
        }

        /// <summary>Parameter Store names set to the image id (data type aws:ec2:image).</summary>
        public IReadOnlyList<string> SsmParameters { get; }

        /// <summary>Launch template names that get a new default version with the image id.</summary>
        public IReadOnlyList<string> LaunchTemplates { get; }

        public bool IsEmpty => SsmParameters.Count == 0 && LaunchTemplates.Count == 0;
    }
}
