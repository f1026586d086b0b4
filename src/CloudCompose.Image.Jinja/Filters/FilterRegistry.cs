using System;
using System.Collections.Generic;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Filters
{
    /// <summary>A filter: the value left of the <c>|</c> and the call's arguments.</summary>
    internal delegate object? Filter(Frame frame, object? value, CallArgs args);

    /// <summary>Jinja2's builtin filters by name (filters.py FILTERS).</summary>
    internal sealed class FilterRegistry
    {
        public static readonly FilterRegistry Default = Build();

        private readonly Dictionary<string, Filter> filters = new Dictionary<string, Filter>(StringComparer.Ordinal);

        public IEnumerable<string> Names => filters.Keys;

        public Filter? Find(string name) => filters.TryGetValue(name, out var filter) ? filter : null;

        public bool Has(string name) => filters.ContainsKey(name);

        /// <summary>env.call_filter: a filter called by name from map().</summary>
        public object? Call(Frame frame, object? name, object? value, CallArgs args)
        {
            var text = Python.PyTypes.AsString(name);
            var filter = text == null ? null : Find(text);
            if (filter == null)
            {
                throw Raise.TemplateRuntime($"No filter named {Python.PyRepr.Repr(name)}.");
            }

            return filter(frame, value, args);
        }

        internal void Add(string name, Filter filter) => filters[name] = filter;

        /// <summary>A filter with a Python signature: the value first, then the bound arguments.</summary>
        internal void Add(string name, ArgBinder binder, Func<Frame, object?[], object?> body) =>
            filters[name] = (frame, value, args) => body(frame, binder.Bind(args.Prepend(value)));

        private static FilterRegistry Build()
        {
            var registry = new FilterRegistry();
            StringFilters.Register(registry);
            SequenceFilters.Register(registry);
            SelectionFilters.Register(registry);
            NumberFilters.Register(registry);
            HtmlFilters.Register(registry);
            ValueFilters.Register(registry);
            return registry;
        }
    }
}
