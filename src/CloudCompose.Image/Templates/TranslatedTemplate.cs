using CloudCompose.Image.Text;
using System.Collections.Generic;
using System.Text;

namespace CloudCompose.Image.Templates
{
    /// <summary>
    /// Liquid text built from a Jinja template, with a map from each emitted piece back to the
    /// Jinja source, so Fluid's parse errors point into the user's file.
    /// </summary>
    internal sealed class TranslatedTemplate
    {
        private readonly StringBuilder liquid = new StringBuilder();
        private readonly List<Piece> pieces = new List<Piece>();

        public TranslatedTemplate(TemplateSource source)
        {
            Source = source;
        }

        public TemplateSource Source { get; }

        public string Liquid => liquid.ToString();

        /// <summary>Appends Liquid that stands for the Jinja text at <paramref name="sourceOffset"/>.</summary>
        /// <param name="exact">True when the Liquid is the source text itself, character for character.</param>
        public void Append(string text, int sourceOffset, bool exact)
        {
            pieces.Add(new Piece(liquid.Length, sourceOffset, exact));
            liquid.Append(text);
        }

        /// <summary>The user's location for a 1-based line and column in the Liquid text.</summary>
        public SourceLocation LocationOfLiquid(int line, int column)
        {
            var text = Liquid;
            var offset = 0;
            for (var l = 1; l < line && offset >= 0; l++)
            {
                offset = text.IndexOf('\n', offset) + 1;
                if (offset == 0)
                {
                    offset = text.Length;
                    break;
                }
            }

            offset = System.Math.Min(text.Length, offset + System.Math.Max(0, column - 1));
            var piece = pieces.Count == 0 ? new Piece(0, 0, false) : pieces[0];
            foreach (var p in pieces)
            {
                if (p.Liquid > offset)
                {
                    break;
                }

                piece = p;
            }

            return Source.LocationOf(piece.Exact ? piece.Source + (offset - piece.Liquid) : piece.Source);
        }

        private readonly struct Piece
        {
            public Piece(int liquid, int source, bool exact)
            {
                Liquid = liquid;
                Source = source;
                Exact = exact;
            }

            public int Liquid { get; }

            public int Source { get; }

            public bool Exact { get; }
        }
    }
}
