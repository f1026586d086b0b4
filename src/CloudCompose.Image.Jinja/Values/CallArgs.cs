using System.Collections.Generic;

namespace CloudCompose.Image.Jinja.Values
{
    /// <summary>The evaluated arguments of a call: positional ones, then keyword ones in the order written.</summary>
    internal sealed class CallArgs
    {
        /// <summary>No arguments. Shared: nothing may add to its lists.</summary>
        public static readonly CallArgs None = new CallArgs(new List<object?>(0), new List<KeyValuePair<string, object?>>(0));

        public CallArgs(List<object?> positional, List<KeyValuePair<string, object?>> keywords)
        {
            Positional = positional;
            Keywords = keywords;
        }

        public List<object?> Positional { get; }

        public List<KeyValuePair<string, object?>> Keywords { get; }

        public static CallArgs Of(params object?[] positional) => new CallArgs(new List<object?>(positional), new List<KeyValuePair<string, object?>>());

        /// <summary>These arguments with <paramref name="first"/> in front (a filter's value, a method's self).</summary>
        public CallArgs Prepend(object? first)
        {
            var positional = new List<object?>(Positional.Count + 1) { first };
            positional.AddRange(Positional);
            return new CallArgs(positional, Keywords);
        }
    }
}
