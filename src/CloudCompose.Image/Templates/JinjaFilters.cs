using System;
using System.Collections.Generic;
using System.Linq;
using Fluid.Values;

namespace CloudCompose.Image.Templates
{
    /// <summary>The Jinja2 filters CloudCompose supports, with Jinja2's argument defaults.</summary>
    internal static class JinjaFilters
    {
        public static FluidValue Apply(FluidValue input, TemplateRef at, IReadOnlyList<FluidValue> args)
        {
            var failedArg = args.OfType<JinjaFailure>().FirstOrDefault();
            if (failedArg != null)
            {
                return new JinjaFailure(failedArg.Error, isUndefined: false);
            }

            if (at.Name == "default")
            {
                return Default(input, args);
            }

            if (input is JinjaFailure failure)
            {
                return new JinjaFailure(failure.Error, isUndefined: false);
            }

            var value = JinjaRuntime.Raw(input);
            var arguments = args.Select(JinjaRuntime.Raw).ToList();
            switch (at.Name)
            {
                case "upper": return new JinjaValue(PythonSemantics.Str(value).ToUpperInvariant());
                case "lower": return new JinjaValue(PythonSemantics.Str(value).ToLowerInvariant());
                case "trim": return new JinjaValue(Trim(PythonSemantics.Str(value), arguments));
                case "replace": return Replace(value, arguments, at);
                case "join": return Join(value, arguments, at);
                case "length":
                    var length = PythonSemantics.Length(value);
                    return length == null
                        ? TypeError($"object of type '{PythonSemantics.TypeName(value)}' has no len()", at)
                        : new JinjaValue(TemplateNumber.FromInteger(length.Value));
                default:
                    throw new InvalidOperationException($"The filter '{at.Name}' passed translation but has no implementation.");
            }
        }

        /// <summary>default(value, default_value='', boolean=False): replaces only undefined unless boolean.</summary>
        private static FluidValue Default(FluidValue input, IReadOnlyList<FluidValue> args)
        {
            var fallback = args.Count > 0 ? args[0] : new JinjaValue(string.Empty);
            var boolean = args.Count > 1 && args[1].ToBooleanValue();
            if (input is JinjaFailure failure)
            {
                return failure.IsUndefined ? fallback : input;
            }

            return boolean && !input.ToBooleanValue() ? fallback : input;
        }

        private static string Trim(string value, IReadOnlyList<object?> args)
        {
            var chars = args.Count > 0 ? args[0] as string : null;
            return chars == null ? value.Trim() : value.Trim(chars.ToCharArray());
        }

        private static FluidValue Replace(object? value, IReadOnlyList<object?> args, TemplateRef at)
        {
            if (!(args[0] is string old) || !(args[1] is string replacement))
            {
                return TypeError("replace() arguments must be strings", at);
            }

            var count = -1;
            if (args.Count > 2)
            {
                if (!(args[2] is TemplateNumber n))
                {
                    return TypeError("replace() count must be an integer", at);
                }

                count = (int)n.Value;
            }

            return new JinjaValue(PythonSemantics.Replace(PythonSemantics.Str(value), old, replacement, count));
        }

        private static FluidValue Join(object? value, IReadOnlyList<object?> args, TemplateRef at)
        {
            var items = PythonSemantics.Iterate(value);
            if (items == null)
            {
                return TypeError($"'{PythonSemantics.TypeName(value)}' object is not iterable", at);
            }

            var separator = args.Count > 0 ? PythonSemantics.Str(args[0]) : string.Empty;
            return new JinjaValue(string.Join(separator, items.Select(PythonSemantics.Str)));
        }

        private static FluidValue TypeError(string message, TemplateRef at) =>
            new JinjaFailure(TemplateErrors.TypeError(message, at.Location), isUndefined: false);
    }
}
