using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CloudCompose.Image.Jinja.Parsing;
using CloudCompose.Image.Jinja.Runtime;

namespace CloudCompose.Image.Jinja.Loading
{
    /// <summary>
    /// jinja2.FileSystemLoader: a name is split on '/', the first folder of the search path holding the file wins,
    /// and a '..' segment is refused so no name leaves the folders (a '\' too, on every platform). Parsed
    /// templates are shared by every loader in the process and parsed again when the file changes.
    /// </summary>
    internal sealed class FileLoader
    {
        private const int CacheLimit = 400;
        private static readonly ConcurrentDictionary<string, CachedTemplate> Cache = new ConcurrentDictionary<string, CachedTemplate>(StringComparer.Ordinal);
        private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

        public FileLoader(IReadOnlyList<string> searchPath)
        {
            SearchPath = searchPath.Select(Path.GetFullPath).ToList();
        }

        public IReadOnlyList<string> SearchPath { get; }

        /// <summary>The file a name resolves to, or null (the reason when the name itself is not allowed).</summary>
        public string? Find(string name, out string? refused)
        {
            refused = null;
            var pieces = new List<string>();
            foreach (var piece in name.Split('/'))
            {
                if (piece == ".." || piece.IndexOf('\\') >= 0 || piece.IndexOf(Path.DirectorySeparatorChar) >= 0)
                {
                    refused = "a template name may not contain '..' or '\\' segments";
                    return null;
                }

                if (piece.Length > 0 && piece != ".")
                {
                    pieces.Add(piece);
                }
            }

            if (pieces.Count == 0 || pieces.Any(p => p.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0))
            {
                return null;
            }

            foreach (var folder in SearchPath)
            {
                var candidate = Path.Combine(new[] { folder }.Concat(pieces).ToArray());
                if (File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }

            return null;
        }

        /// <summary>Loads and parses a found file, or takes it from the cache if the file has not changed.</summary>
        public Template Load(string name, string path)
        {
            var info = new FileInfo(path);
            var key = name + "\n" + path;
            var stamp = (info.LastWriteTimeUtc.Ticks, info.Length);
            if (Cache.TryGetValue(key, out var cached) && cached.Stamp == stamp)
            {
                return cached.Template;
            }

            string text;
            try
            {
                text = File.ReadAllText(path, StrictUtf8);
            }
            catch (DecoderFallbackException e)
            {
                throw Raise.Runtime("UnicodeDecodeError", $"'utf-8' codec can't decode the file {path}: {e.Message}");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw Raise.Runtime("OSError", $"cannot read {path}: {e.Message}");
            }

            var template = Parser.Parse(new TemplateSource(name, path, text));
            if (Cache.Count >= CacheLimit)
            {
                Cache.Clear();
            }

            Cache[key] = new CachedTemplate(stamp, template);
            return template;
        }

        private sealed class CachedTemplate
        {
            public CachedTemplate((long, long) stamp, Template template)
            {
                Stamp = stamp;
                Template = template;
            }

            public (long, long) Stamp { get; }

            public Template Template { get; }
        }
    }
}
