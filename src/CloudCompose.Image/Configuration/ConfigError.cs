using CloudCompose.Image.Text;
using CloudCompose.Image.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CloudCompose.Image.Configuration
{
    /// <summary>Builds configuration errors that all read "file:line:column: key: problem".</summary>
    internal static class ConfigError
    {
        public static CloudComposeException At(string errorId, string file, Mark mark, string key, string problem, string? hint = null) =>
            At(errorId, new SourceLocation(file, (int)mark.Line, (int)mark.Column), key, problem, hint);

        public static CloudComposeException At(string errorId, SourceLocation where, string key, string problem, string? hint = null)
        {
            var keyPart = string.IsNullOrEmpty(key) ? string.Empty : key + ": ";
            return new CloudComposeException(errorId, ErrorKind.InvalidData, $"{where}: {keyPart}{problem}", where.File)
            {
                Line = where.Line,
                Column = where.Column,
                Hint = hint,
            };
        }

        public static CloudComposeException At(string errorId, string file, YamlNode node, string key, string problem, string? hint = null) =>
            At(errorId, file, node.Start, key, problem, hint);
    }
}
