using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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

        /// <summary>The account's fingerprinted images, one listing for every build that may reuse one.</summary>
        internal SharedLookups<List<Amazon.EC2.Model.Image>> FingerprintedImages { get; } = new SharedLookups<List<Amazon.EC2.Model.Image>>(TimeSpan.FromMinutes(1));

        private readonly HashSet<string> logPaths = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>
        /// The first build of a command writes -LogPath itself; each further one writes beside it as
        /// &lt;stem&gt;.&lt;name&gt;_&lt;version&gt;&lt;extension&gt;, so every file is one builder's console.
        /// </summary>
        public string ClaimLogPath(string path, string name, string version)
        {
            var full = Path.GetFullPath(path);
            lock (logPaths)
            {
                if (logPaths.Add(full))
                {
                    return full;
                }

                var safe = new string($"{name}_{version}".Select(c => Path.GetInvalidFileNameChars().Contains(c) || c == '/' || c == ' ' ? '-' : c).ToArray());
                var candidate = Path.Combine(Path.GetDirectoryName(full)!, $"{Path.GetFileNameWithoutExtension(full)}.{safe}{Path.GetExtension(full)}");
                for (var n = 2; !logPaths.Add(candidate); n++)
                {
                    candidate = Path.Combine(Path.GetDirectoryName(full)!, $"{Path.GetFileNameWithoutExtension(full)}.{safe}-{n}{Path.GetExtension(full)}");
                }

                return candidate;
            }
        }
    }
}
