using System;

namespace CloudCompose.Image.Errors
{
    /// <summary>
    /// Every failure the module reports on purpose. <see cref="ErrorId"/> is stable (tests and users match on it);
    /// <see cref="Target"/> names the file, parameter or resource at fault. It lives in the model assembly, which
    /// PowerShell loads into its default context, so <c>catch [CloudCompose.Image.Errors.CloudComposeException]</c>
    /// works although the engine that throws it runs in the module's private load context.
    /// </summary>
    public class CloudComposeException : Exception
    {
        public CloudComposeException(string errorId, ErrorKind kind, string message, string? target = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Kind = kind;
            Target = target;
        }

        public string ErrorId { get; }

        public ErrorKind Kind { get; }

        /// <summary>The file path, parameter name or AWS resource id the error is about.</summary>
        public string? Target { get; }

        /// <summary>Line in <see cref="Target"/> (1-based) when the target is a file; 0 when unknown.</summary>
        public int Line { get; init; }

        /// <summary>Column in <see cref="Target"/> (1-based) when the target is a file; 0 when unknown.</summary>
        public int Column { get; init; }

        /// <summary>A hint the user can act on, shown as the error's recommended action.</summary>
        public string? Hint { get; init; }

        /// <summary>What the error record's TargetObject carries when more than <see cref="Target"/> helps (a failed build's console).</summary>
        public object? TargetObject { get; set; }
    }
}
