using CloudCompose.Image.Errors;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>A config file a path led to, or why it led to none.</summary>
    internal sealed class ResolvedConfig
    {
        public ResolvedConfig(string? path, CloudComposeException? error)
        {
            Path = path;
            Error = error;
        }

        public string? Path { get; }

        public CloudComposeException? Error { get; }
    }
}
