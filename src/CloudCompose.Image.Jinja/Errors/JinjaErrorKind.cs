namespace CloudCompose.Image.Jinja
{
    /// <summary>What went wrong, in the terms of the Python exception Jinja2 would have raised.</summary>
    public enum JinjaErrorKind
    {
        /// <summary>TemplateNotFound / TemplatesNotFound: no folder of the search path holds the template.</summary>
        TemplateNotFound,

        /// <summary>UndefinedError: an undefined value was used (StrictUndefined).</summary>
        Undefined,

        /// <summary>TemplateSyntaxError or TemplateAssertionError: the template cannot be compiled.</summary>
        Syntax,

        /// <summary>TypeError: an operation on a value of the wrong type.</summary>
        Type,

        /// <summary>Any other error while rendering: ValueError, ZeroDivisionError, TemplateRuntimeError, …</summary>
        Runtime,

        /// <summary>RecursionError: includes, macros or expressions nest deeper than the engine allows.</summary>
        RecursionLimit,
    }
}
