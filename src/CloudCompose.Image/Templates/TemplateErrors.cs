using System.Collections.Generic;
using System.Linq;
using CloudCompose.Image.Errors;
using CloudCompose.Image.Jinja;

namespace CloudCompose.Image.Templates
{
    /// <summary>
    /// The template error ids, and the one place a template engine error becomes a CloudComposeException:
    /// id and kind from what Jinja2 would have raised, the message ending "at file:line:column".
    /// </summary>
    internal static class TemplateErrors
    {
        public const string NotFoundId = "TemplateNotFound";
        public const string UndefinedId = "TemplateVariableUndefined";
        public const string SyntaxId = "TemplateSyntaxError";
        public const string TypeId = "TemplateTypeError";
        public const string RuntimeId = "TemplateRuntimeError";
        public const string RecursionId = "TemplateRecursionLimit";

        public static CloudComposeException From(JinjaException error) => error.Kind switch
        {
            JinjaErrorKind.TemplateNotFound => NotFound(error),
            JinjaErrorKind.Undefined => At(UndefinedId, error, error.Message,
                "Define the variable, or give it a fallback with default('...') or guard it with 'is defined'."),
            JinjaErrorKind.Syntax => At(SyntaxId, error, error.Message, null),
            JinjaErrorKind.Type => At(TypeId, error, error.Message, null),
            JinjaErrorKind.RecursionLimit => At(RecursionId, error, Recursion(error),
                "A template that includes itself, or a macro that calls itself, needs a condition that ends it."),
            _ => At(RuntimeId, error, $"{error.PythonType}: {error.Message}", null),
        };

        private static CloudComposeException NotFound(JinjaException error)
        {
            var names = error.MissingTemplates.Count == 0 ? "?" : string.Join("', '", error.MissingTemplates);
            var message = error.MissingTemplates.Count > 1 ? $"None of the templates '{names}' was found" : $"Template '{names}' was not found";
            if (error.Location is JinjaLocation at)
            {
                message += $" (included from {at})";
            }

            var reason = error.Message.IndexOf('(') > 0 && error.MissingTemplates.Count == 1 ? error.Message.Substring(error.Message.IndexOf('(')).Trim('(', ')') : null;
            message += reason == null ? "." : $": {reason}.";
            message += " Searched: " + (error.SearchPath.Count == 0 ? "(no folders)" : string.Join(", ", error.SearchPath)) + ".";

            // Jinja2 reports a missing include in the template that includes it; the main template itself has no location.
            return new CloudComposeException(NotFoundId, ErrorKind.NotFound, message, error.Location?.FilePath ?? error.MissingTemplates.FirstOrDefault(), error)
            {
                Line = error.Location?.Line ?? 0,
                Column = error.Location?.Column ?? 0,
                Hint = "Check the template name and the folders on the search path.",
            };
        }

        private static string Recursion(JinjaException error)
        {
            var stack = error.TemplateStack;
            var chain = stack.Count > 6 ? stack.Take(3).Concat(new[] { "…" }).Concat(stack.Skip(stack.Count - 2)) : stack;
            return "Templates nest too deeply (" + error.Message + ")" + (stack.Count > 1 ? ": " + string.Join(" -> ", chain) : string.Empty);
        }

        private static CloudComposeException At(string id, JinjaException error, string message, string? hint)
        {
            var at = error.Location;
            return new CloudComposeException(id, ErrorKind.InvalidData, at is JinjaLocation where ? $"{message} at {where}" : message, at?.FilePath, error)
            {
                Line = at?.Line ?? 0,
                Column = at?.Column ?? 0,
                Hint = hint,
            };
        }
    }
}
