using System.Collections.Generic;

namespace CloudCompose.Image.Rendering
{
    /// <summary>
    /// A config's rendered image.sh and the user data a builder receives for it, before anything talks to AWS.
    /// <see cref="Script"/> is image.sh as rendered; <see cref="UserData"/> is the whole text EC2 gets: the module's
    /// wrapper (result marker, watchdog, shutdown) around the script, as New-CloudComposeImage sends it, with a token
    /// of its own (each build draws a new one). <see cref="GetBytes"/> gives exactly the bytes EC2 receives
    /// (gzipped when the text is over 16 KB).
    /// </summary>
    public sealed class UserDataScript
    {
        private readonly byte[] bytes;

        public UserDataScript(string configPath, string name, string version, string script, string userData, byte[] bytes, bool compressed, IReadOnlyList<string> files)
        {
            ConfigPath = configPath;
            Name = name;
            Version = version;
            Script = script;
            UserData = userData;
            this.bytes = bytes;
            Compressed = compressed;
            Files = files;
        }

        public string ConfigPath { get; }

        public string Name { get; }

        public string Version { get; }

        /// <summary>image.sh as rendered (with -NoTemplate: only the shebang).</summary>
        public string Script { get; }

        /// <summary>The text the builder receives: the wrapper around <see cref="Script"/> (with -NoTemplate: shebang and shutdown).</summary>
        public string UserData { get; }

        /// <summary>Whether the user data is gzipped, as it is over 16 KB (cloud-init accepts gzip).</summary>
        public bool Compressed { get; }

        /// <summary>How many bytes EC2 receives (before base64); at most 16384.</summary>
        public int Length => bytes.Length;

        /// <summary>Every template file the script was made of, image.sh first.</summary>
        public IReadOnlyList<string> Files { get; }

        /// <summary>The bytes EC2 receives, after gzip when <see cref="Compressed"/>, before base64.</summary>
        public byte[] GetBytes() => (byte[])bytes.Clone();

        /// <summary>
        /// The build's fingerprint (what New-CloudComposeImage compares to reuse an image), when it can be known without AWS:
        /// with image.aws.ami an id; null for an AMI filter, which only a lookup resolves.
        /// </summary>
        public string? Fingerprint { get; set; }

        public override string ToString() => UserData;
    }
}
