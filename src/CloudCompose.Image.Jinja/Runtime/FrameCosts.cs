namespace CloudCompose.Image.Jinja.Runtime
{
    /// <summary>
    /// How deep templates may nest: as deep as Jinja2 3.1 gets under Python's default recursion limit (1000
    /// frames), measured construct by construct, so a template that renders with Jinja2 renders here and one that
    /// fails with RecursionError there fails here. Run-time costs are in thousandths of a Python frame.
    /// </summary>
    internal static class FrameCosts
    {
        /// <summary>Python's sys.getrecursionlimit().</summary>
        public const int PythonLimit = 1000;

        public const int Unit = 1000;

        /// <summary>The frames a render uses before the first template line (render, root function, generators).</summary>
        public const int RenderBase = 12 * Unit;

        /// <summary>An {% include %}: 988 nested includes render, 989 fail.</summary>
        public const int Include = Unit;

        /// <summary>A macro or caller() call: 248 nested calls render, 249 fail.</summary>
        public const int MacroCall = 3980;

        /// <summary>A recursive loop's loop(...) call: 248 nested levels render, 249 fail.</summary>
        public const int RecursiveLoop = 3992;

        /// <summary>Rendering a block (in place, super() or self.name()).</summary>
        public const int Block = 2 * Unit;

        /// <summary>Rendering an imported template's module.</summary>
        public const int Import = 2 * Unit;

        /// <summary>Parser frames in use when the first expression starts (get_template, parse, subparse).</summary>
        public const int ParseBase = 14;

        /// <summary>Compiler frames in use at the top level; each nested statement adds <see cref="CompileStatement"/>.</summary>
        public const int CompileBase = 15;

        public const int CompileStatement = 3;
    }
}
