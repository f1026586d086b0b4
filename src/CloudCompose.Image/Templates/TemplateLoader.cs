using CloudCompose.Image.Text;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CloudCompose.Image.Templates
{
    /// <summary>
    /// Finds templates like jinja2.FileSystemLoader: the name is split on '/', the first folder of the
    /// search path holding the file wins, and a '..' segment is refused so no name leaves the folders.
    /// </summary>
    internal sealed class TemplateLoader
    {
        private readonly IReadOnlyList<string> searchPath;

        public TemplateLoader(IReadOnlyList<string> searchPath)
        {
            this.searchPath = searchPath.Select(Path.GetFullPath).ToList();
        }

        public TemplateSource Load(string name, SourceLocation? includedFrom)
        {
            var pieces = new List<string>();
            foreach (var piece in name.Split('/'))
            {
                if (piece == ".." || piece.IndexOf('\\') >= 0 || piece.IndexOf(Path.DirectorySeparatorChar) >= 0)
                {
                    throw TemplateErrors.NotFound(name, searchPath, "a template name may not contain '..' or '\\' segments", includedFrom);
                }

                if (piece.Length > 0 && piece != ".")
                {
                    pieces.Add(piece);
                }
            }

            if (pieces.Count > 0 && pieces.All(p => p.IndexOfAny(Path.GetInvalidFileNameChars()) < 0))
            {
                foreach (var folder in searchPath)
                {
                    var candidate = Path.Combine(new[] { folder }.Concat(pieces).ToArray());
                    if (File.Exists(candidate))
                    {
                        return TemplateSource.Load(Path.GetFullPath(candidate), name);
                    }
                }
            }

            throw TemplateErrors.NotFound(name, searchPath, null, includedFrom);
        }
    }
}
