using System;
using System.Collections.Generic;

namespace CloudCompose.Image.Jinja
{
    /// <summary>
    /// A template that cannot be loaded, compiled or rendered. <see cref="Message"/> is Jinja2's own message
    /// (<c>'pkgs' is undefined</c>); <see cref="Location"/> says where, when the error belongs to a template line.
    /// </summary>
    public sealed class JinjaException : Exception
    {
        internal JinjaException(JinjaErrorKind kind, string pythonType, string message, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            PythonType = pythonType;
        }

        public JinjaErrorKind Kind { get; }

        /// <summary>The Python exception class Jinja2 raises for this error (<c>UndefinedError</c>, <c>TypeError</c>).</summary>
        public string PythonType { get; }

        /// <summary>Where the error is: the offending token, or the statement that failed at run time.</summary>
        public JinjaLocation? Location { get; internal set; }

        /// <summary>For <see cref="JinjaErrorKind.TemplateNotFound"/>: the template names that were looked for.</summary>
        public IReadOnlyList<string> MissingTemplates { get; internal set; } = Array.Empty<string>();

        /// <summary>For <see cref="JinjaErrorKind.TemplateNotFound"/>: the folders searched, in order.</summary>
        public IReadOnlyList<string> SearchPath { get; internal set; } = Array.Empty<string>();

        /// <summary>For <see cref="JinjaErrorKind.RecursionLimit"/>: the templates entered, outermost first.</summary>
        public IReadOnlyList<string> TemplateStack { get; internal set; } = Array.Empty<string>();

        /// <summary>Set once a statement has fixed the position; outer statements keep it.</summary>
        internal bool Positioned { get; set; }

        /// <summary>For UndefinedError: the undefined value that was used, to point at the expression that made it.</summary>
        internal object? Culprit { get; set; }
    }
}
