using System.Collections.Generic;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Runtime
{
    /// <summary>
    /// Binds call arguments to a Python-style signature (names with defaults), with Python's TypeErrors for
    /// missing, repeated, unexpected or surplus arguments.
    /// </summary>
    internal sealed class ArgBinder
    {
        private readonly string function;
        private readonly string[] names;
        private readonly object?[] defaults;
        private readonly int required;

        /// <param name="function">The Python name in messages (<c>do_indent</c>).</param>
        /// <param name="signature">Parameter names; <c>name=</c> marks the rest as optional, defaults given in order.</param>
        public ArgBinder(string function, string[] signature, params object?[] defaults)
        {
            this.function = function;
            names = new string[signature.Length];
            required = signature.Length - defaults.Length;
            for (var i = 0; i < signature.Length; i++)
            {
                names[i] = signature[i];
            }

            this.defaults = defaults;
        }

        /// <summary>The bound values in signature order; surplus positionals go to <paramref name="varargs"/> when wanted.</summary>
        public object?[] Bind(CallArgs args, List<object?>? varargs = null, List<KeyValuePair<string, object?>>? varkw = null)
        {
            var bound = new object?[names.Length];
            var set = new bool[names.Length];
            for (var i = 0; i < args.Positional.Count; i++)
            {
                if (i < names.Length)
                {
                    bound[i] = args.Positional[i];
                    set[i] = true;
                }
                else if (varargs != null)
                {
                    varargs.Add(args.Positional[i]);
                }
                else
                {
                    throw Raise.TypeError(names.Length == required
                        ? $"{function}() takes {names.Length} positional argument{(names.Length == 1 ? string.Empty : "s")} but {args.Positional.Count} were given"
                        : $"{function}() takes from {required} to {names.Length} positional arguments but {args.Positional.Count} were given");
                }
            }

            foreach (var pair in args.Keywords)
            {
                var index = System.Array.IndexOf(names, pair.Key);
                if (index < 0)
                {
                    if (varkw != null)
                    {
                        varkw.Add(pair);
                        continue;
                    }

                    throw Raise.TypeError($"{function}() got an unexpected keyword argument '{pair.Key}'");
                }

                if (set[index])
                {
                    throw Raise.TypeError($"{function}() got multiple values for argument '{pair.Key}'");
                }

                bound[index] = pair.Value;
                set[index] = true;
            }

            var missing = new List<string>();
            for (var i = 0; i < names.Length; i++)
            {
                if (set[i])
                {
                    continue;
                }

                if (i >= required)
                {
                    bound[i] = defaults[i - required];
                }
                else
                {
                    missing.Add("'" + names[i] + "'");
                }
            }

            if (missing.Count > 0)
            {
                var list = missing.Count == 1 ? missing[0] : string.Join(", ", missing.GetRange(0, missing.Count - 1)) + " and " + missing[missing.Count - 1];
                throw Raise.TypeError($"{function}() missing {missing.Count} required positional argument{(missing.Count == 1 ? string.Empty : "s")}: {list}");
            }

            return bound;
        }
    }
}
