namespace CloudCompose.Image.Jinja
{
    /// <summary>The Python exceptions the engine raises, named as Jinja2 would raise them.</summary>
    internal static class Raise
    {
        public static JinjaException TypeError(string message) => new JinjaException(JinjaErrorKind.Type, "TypeError", message);

        public static JinjaException ValueError(string message) => Runtime("ValueError", message);

        public static JinjaException ZeroDivision(string message) => Runtime("ZeroDivisionError", message);

        public static JinjaException Overflow(string message) => Runtime("OverflowError", message);

        public static JinjaException KeyError(string message) => Runtime("KeyError", message);

        public static JinjaException IndexError(string message) => Runtime("IndexError", message);

        public static JinjaException AttributeError(string message) => Runtime("AttributeError", message);

        public static JinjaException TemplateRuntime(string message) => Runtime("TemplateRuntimeError", message);

        public static JinjaException FilterArgument(string message) => Runtime("FilterArgumentError", message);

        public static JinjaException Syntax(string message) => new JinjaException(JinjaErrorKind.Syntax, "TemplateSyntaxError", message);

        public static JinjaException Assertion(string message) => new JinjaException(JinjaErrorKind.Syntax, "TemplateAssertionError", message);

        public static JinjaException Recursion(string message) => new JinjaException(JinjaErrorKind.RecursionLimit, "RecursionError", message);

        public static JinjaException Runtime(string pythonType, string message) => new JinjaException(JinjaErrorKind.Runtime, pythonType, message);
    }
}
