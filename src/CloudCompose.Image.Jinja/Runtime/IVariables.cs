using System.Collections.Generic;

namespace CloudCompose.Image.Jinja.Runtime
{
    /// <summary>Where a context looks up what its template did not set: render variables and globals, or an includer.</summary>
    internal interface IVariables
    {
        bool TryGet(string name, out object? value);

        /// <summary>Every name visible, for get_all() style copies (dict(context), debugging).</summary>
        IEnumerable<KeyValuePair<string, object?>> All();
    }

    /// <summary>Variables from a dictionary, over an optional parent (render variables over the globals).</summary>
    internal sealed class DictionaryVariables : IVariables
    {
        private readonly IReadOnlyDictionary<string, object?> values;
        private readonly IVariables? parent;

        public DictionaryVariables(IReadOnlyDictionary<string, object?> values, IVariables? parent)
        {
            this.values = values;
            this.parent = parent;
        }

        public bool TryGet(string name, out object? value)
        {
            if (values.TryGetValue(name, out value))
            {
                return true;
            }

            if (parent != null)
            {
                return parent.TryGet(name, out value);
            }

            value = null;
            return false;
        }

        public IEnumerable<KeyValuePair<string, object?>> All()
        {
            if (parent != null)
            {
                foreach (var pair in parent.All())
                {
                    if (!values.ContainsKey(pair.Key))
                    {
                        yield return pair;
                    }
                }
            }

            foreach (var pair in values)
            {
                yield return pair;
            }
        }
    }

    /// <summary>
    /// What an included (or with-context imported) template sees of its includer: Jinja2 copies
    /// <c>context.get_all()</c> plus the includer's locals; the includer cannot change while the include runs,
    /// so reading through is the same.
    /// </summary>
    internal sealed class FrameVariables : IVariables
    {
        private readonly Frame frame;

        public FrameVariables(Frame frame)
        {
            this.frame = frame;
        }

        public bool TryGet(string name, out object? value) => frame.TryResolve(name, out value);

        public IEnumerable<KeyValuePair<string, object?>> All()
        {
            var seen = new Dictionary<string, object?>();
            foreach (var pair in frame.OuterContext().All())
            {
                seen[pair.Key] = pair.Value;
            }

            foreach (var pair in frame.VisibleLocals())
            {
                seen[pair.Key] = pair.Value;
            }

            return seen;
        }
    }
}
