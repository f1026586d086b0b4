using System;
using System.Collections.Generic;
using Amazon.EC2.Model;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// What the builds of one command invocation share: twenty configs piped into one New-CloudComposeImage need
    /// one source-image lookup per AMI and one look at the live builders, not twenty.
    /// </summary>
    internal sealed class BakeBatch
    {
        internal SharedLookups<Amazon.EC2.Model.Image> SourceImages { get; } = new SharedLookups<Amazon.EC2.Model.Image>(TimeSpan.FromMinutes(10));

        internal SharedLookups<List<Instance>> LiveBuilders { get; } = new SharedLookups<List<Instance>>(TimeSpan.FromMinutes(1));
    }
}
