using System.Collections.Generic;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.Bake
{
    /// <summary>Everything about image.test decided before anything launches: the wrapped script and its token.</summary>
    internal sealed class TestPlan
    {
        internal TestPlan(UserDataScript script, string token, string userData, bool compressed, IReadOnlyList<string> instanceTypes)
        {
            Script = script;
            Token = token;
            UserData = userData;
            Compressed = compressed;
            InstanceTypes = instanceTypes;
        }

        public UserDataScript Script { get; }

        /// <summary>The random token the test's result marker must carry (not the builder's).</summary>
        public string Token { get; }

        public string UserData { get; }

        public bool Compressed { get; }

        /// <summary>The first of <see cref="InstanceTypes"/>.</summary>
        public string InstanceType => InstanceTypes[0];

        /// <summary>image.test.instance_type, else image.aws.instance_type (a list falls back on capacity like the builder).</summary>
        public IReadOnlyList<string> InstanceTypes { get; }
    }
}
