using CloudCompose.Image.Text;
using System.Collections.Generic;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Templates
{
    /// <summary>Builds the template errors, so ids, kinds and the "at file:line:column" suffix stay uniform.</summary>
    internal static class TemplateErrors
    {
        public const string NotFoundId = "TemplateNotFound";
        public const string UndefinedId = "TemplateVariableUndefined";
        public const string SyntaxId = "TemplateSyntaxError";
        public const string UnsupportedId = "TemplateUnsupported";
        public const string CycleId = "TemplateIncludeCycle";
        public const string TypeId = "TemplateTypeError";

        public static CloudComposeException NotFound(string name, IReadOnlyList<string> searched, string? reason, SourceLocation? includedFrom)
        {
            var message = $"Template '{name}' was not found";
            if (includedFrom is SourceLocation at)
            {
                message += $" (included from {at})";
            }

            message += reason == null ? "." : $": {reason}.";
            message += " Searched: " + (searched.Count == 0 ? "(no folders)" : string.Join(", ", searched)) + ".";
            return new CloudComposeException(NotFoundId, ErrorKind.NotFound, message, name)
            {
                Line = includedFrom?.Line ?? 0,
                Column = includedFrom?.Column ?? 0,
                Hint = "Check the template name and the folders on the search path.",
            };
        }

        public static CloudComposeException Undefined(string name, SourceLocation at) =>
            At(UndefinedId, ErrorKind.InvalidData, $"'{name}' is undefined", at,
                "Define the variable, or give it a fallback with default('...') or guard it with 'is defined'.");

        public static CloudComposeException Syntax(string message, SourceLocation at) =>
            At(SyntaxId, ErrorKind.InvalidData, message, at, null);

        public static CloudComposeException Unsupported(string form, SourceLocation at) =>
            At(UnsupportedId, ErrorKind.NotImplemented, $"{form} is not supported", at,
                "See docs/templates.md for the Jinja2 forms CloudCompose supports.");

        public static CloudComposeException TypeError(string message, SourceLocation at) =>
            At(TypeId, ErrorKind.InvalidData, message, at, null);

        public static CloudComposeException Cycle(IEnumerable<string> chain, SourceLocation at) =>
            At(CycleId, ErrorKind.InvalidData, "Templates include each other in a cycle: " + string.Join(" -> ", chain), at,
                "Remove one of the includes in the cycle.");

        private static CloudComposeException At(string id, ErrorKind kind, string message, SourceLocation at, string? hint) =>
            new CloudComposeException(id, kind, $"{message} at {at}", at.File)
            {
                Line = at.Line,
                Column = at.Column,
                Hint = hint,
            };
    }
}
