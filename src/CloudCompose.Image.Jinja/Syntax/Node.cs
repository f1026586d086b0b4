using CloudCompose.Image.Jinja.Runtime;

namespace CloudCompose.Image.Jinja.Syntax
{
    /// <summary>
    /// A node of the template tree. <see cref="Line"/> follows Jinja2's lineno for the node (the line an error
    /// in it is reported on); <see cref="Column"/> points at the token an error message should show.
    /// </summary>
    internal abstract class Node
    {
        protected Node(int line, int column)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }

        public int Column { get; }

        /// <summary>
        /// Gives an error raised inside this node the node's position, unless something more precise already did.
        /// For use in an exception filter: it never catches.
        /// </summary>
        protected bool Locate(JinjaException error, Frame frame)
        {
            if (error.Location == null)
            {
                error.Location = frame.Source.Location(Line, Column);
            }

            return false;
        }

        /// <summary>
        /// Like <see cref="Locate(JinjaException, Frame)"/>, but an undefined value that came from one of the
        /// operands is reported where that operand was written.
        /// </summary>
        protected bool Locate(JinjaException error, Frame frame, Node? operand, object? operandValue, Node? other = null, object? otherValue = null)
        {
            if (error.Location == null && error.Culprit != null)
            {
                if (operand != null && ReferenceEquals(error.Culprit, operandValue))
                {
                    error.Location = frame.Source.Location(operand.Line, operand.Column);
                }
                else if (other != null && ReferenceEquals(error.Culprit, otherValue))
                {
                    error.Location = frame.Source.Location(other.Line, other.Column);
                }
            }

            return Locate(error, frame);
        }
    }
}
