using CloudCompose.Image.Jinja.Runtime;

namespace CloudCompose.Image.Jinja.Syntax
{
    /// <summary>A statement: writes output to the frame and/or changes its variables.</summary>
    internal abstract class Stmt : Node
    {
        protected Stmt(int line, int column)
            : base(line, column)
        {
        }

        public abstract void Execute(Frame frame);

        /// <summary>
        /// Jinja2 reports a run-time error on the line of the statement being executed; the column stays with
        /// the token found inside it when that token is on the same line. For use in an exception filter.
        /// </summary>
        protected bool Position(JinjaException error, Frame frame) => Position(error, frame, Line, Column);

        protected static bool Position(JinjaException error, Frame frame, int line, int column)
        {
            if (error.Positioned)
            {
                return false;
            }

            if (error.Location is not JinjaLocation at || at.Line != line || at.FilePath != frame.Source.Path)
            {
                error.Location = frame.Source.Location(line, column);
            }

            error.Positioned = true;
            return false;
        }
    }
}
