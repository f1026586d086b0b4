using System.Collections.Generic;
using CloudCompose.Image.Jinja.Filters;
using CloudCompose.Image.Jinja.Loading;
using CloudCompose.Image.Jinja.Tests;

namespace CloudCompose.Image.Jinja.Runtime
{
    /// <summary>
    /// Jinja2's Environment as the original tool configured it: a FileSystemLoader over the search path,
    /// StrictUndefined, the default filters, tests and globals, every other option at its default.
    /// </summary>
    internal sealed class Environment
    {
        public Environment(IReadOnlyList<string> searchPath)
        {
            Loader = new FileLoader(searchPath);
        }

        public FileLoader Loader { get; }

        public FilterRegistry Filters => FilterRegistry.Default;

        public TestRegistry Tests => TestRegistry.Default;

        public IVariables Globals => Runtime.Globals.Variables;
    }
}
