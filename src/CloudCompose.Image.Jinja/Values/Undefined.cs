namespace CloudCompose.Image.Jinja.Values
{
    /// <summary>
    /// Jinja2's StrictUndefined: what a missing variable, attribute or item evaluates to. It may be passed
    /// around, tested with <c>is defined</c> and replaced by <c>default</c>; anything else raises UndefinedError.
    /// </summary>
    internal sealed class Undefined
    {
        private static readonly object NoObject = new object();

        private readonly string? hint;
        private readonly object? obj;
        private readonly object? name;

        private Undefined(string? hint, object? obj, object? name, bool lenient = false)
        {
            this.hint = hint;
            this.obj = obj;
            this.name = name;
            IsLenient = lenient;
        }

        /// <summary>
        /// Jinja2's plain Undefined (what an <c>a if b</c> without else gives, even under StrictUndefined): it prints
        /// as nothing, is false, iterates as empty and compares equal only to another Undefined.
        /// </summary>
        public bool IsLenient { get; }

        /// <summary>The variable or attribute name (or item key) that was missing, for messages.</summary>
        public object? Name => name;

        public static Undefined Variable(string name) => new Undefined(null, NoObject, name);

        public static Undefined Member(object? owner, object? name) => new Undefined(null, owner, name);

        public static Undefined WithHint(string hint, string? name = null) => new Undefined(hint, NoObject, name);

        public static Undefined Lenient(string hint) => new Undefined(hint, NoObject, null, lenient: true);

        public string Message
        {
            get
            {
                if (!string.IsNullOrEmpty(hint))
                {
                    return hint!;
                }

                if (ReferenceEquals(obj, NoObject))
                {
                    return Python.PyRepr.Repr(name) + " is undefined";
                }

                return name is string
                    ? $"{Python.PyRepr.Repr(Python.PyTypes.ObjectTypeRepr(obj))} has no attribute {Python.PyRepr.Repr(name)}"
                    : $"{Python.PyTypes.ObjectTypeRepr(obj)} has no element {Python.PyRepr.Repr(name)}";
            }
        }

        /// <summary>The error for any use of this value.</summary>
        public JinjaException Fail() => new JinjaException(JinjaErrorKind.Undefined, "UndefinedError", Message) { Culprit = this };
    }
}
