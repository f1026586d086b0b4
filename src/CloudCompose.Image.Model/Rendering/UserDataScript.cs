using System.Collections.Generic;

namespace CloudCompose.Image.Rendering
{
    /// <summary>The rendered image.sh and the user data built from it, before anything talks to AWS.</summary>
    public sealed class UserDataScript
    {
        public UserDataScript(string configPath, string name, string version, string script, string userData, IReadOnlyList<string> files)
        {
            ConfigPath = configPath;
            Name = name;
            Version = version;
            Script = script;
            UserData = userData;
            Files = files;
        }

        public string ConfigPath { get; }

        public string Name { get; }

        public string Version { get; }

        /// <summary>image.sh as rendered.</summary>
        public string Script { get; }

        /// <summary>What the builder instance receives (before base64).</summary>
        public string UserData { get; }

        /// <summary>Every template file the script was made of, image.sh first.</summary>
        public IReadOnlyList<string> Files { get; }

        /// <summary>
        /// The build's fingerprint (what New-CloudComposeImage compares to reuse an image), when it can be known without AWS:
        /// with image.aws.ami an id; null for an AMI filter, which only a lookup resolves.
        /// </summary>
        public string? Fingerprint { get; set; }

        public int Length => System.Text.Encoding.UTF8.GetByteCount(UserData);

        public override string ToString() => UserData;
    }
}
