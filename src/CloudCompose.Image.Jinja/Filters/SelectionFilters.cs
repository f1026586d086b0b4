using System;
using System.Collections.Generic;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Filters
{
    /// <summary>map, select, reject, selectattr, rejectattr: lazy generators over a sequence, as in Jinja2.</summary>
    internal static class SelectionFilters
    {
        public static void Register(FilterRegistry r)
        {
            r.Add("map", Map);
            r.Add("select", (frame, value, args) => Select(frame, value, args, keep: true, attribute: false));
            r.Add("reject", (frame, value, args) => Select(frame, value, args, keep: false, attribute: false));
            r.Add("selectattr", (frame, value, args) => Select(frame, value, args, keep: true, attribute: true));
            r.Add("rejectattr", (frame, value, args) => Select(frame, value, args, keep: false, attribute: true));
        }

        private static object? Map(Frame frame, object? value, CallArgs args) => new PyIterator(MapItems(frame, value, args));

        private static IEnumerable<object?> MapItems(Frame frame, object? value, CallArgs args)
        {
            if (!PyOps.Truthy(value))
            {
                yield break;
            }

            Func<object?, object?> func;
            var attribute = args.Keywords.FindIndex(k => k.Key == "attribute");
            if (args.Positional.Count == 0 && attribute >= 0)
            {
                object? fallback = null;
                foreach (var pair in args.Keywords)
                {
                    if (pair.Key == "default")
                    {
                        fallback = pair.Value;
                    }
                    else if (pair.Key != "attribute")
                    {
                        throw Raise.FilterArgument($"Unexpected keyword argument {PyRepr.Repr(pair.Key)}");
                    }
                }

                func = AttributeGetter.Make(args.Keywords[attribute].Value, false, fallback);
            }
            else
            {
                if (args.Positional.Count == 0)
                {
                    throw Raise.FilterArgument("map requires a filter argument");
                }

                var name = args.Positional[0];
                var rest = new CallArgs(args.Positional.GetRange(1, args.Positional.Count - 1), args.Keywords);
                func = item => frame.Environment.Filters.Call(frame, name, item, rest);
            }

            foreach (var item in PyIter.Iterate(value))
            {
                yield return func(item);
            }
        }

        private static object? Select(Frame frame, object? value, CallArgs args, bool keep, bool attribute) =>
            new PyIterator(SelectItems(frame, value, args, keep, attribute));

        private static IEnumerable<object?> SelectItems(Frame frame, object? value, CallArgs args, bool keep, bool attribute)
        {
            if (!PyOps.Truthy(value))
            {
                yield break;
            }

            Func<object?, object?> transform = item => item;
            var offset = 0;
            if (attribute)
            {
                if (args.Positional.Count == 0)
                {
                    throw Raise.FilterArgument("Missing parameter for attribute name");
                }

                transform = AttributeGetter.Make(args.Positional[0]);
                offset = 1;
            }

            Func<object?, bool> test;
            if (args.Positional.Count > offset)
            {
                var name = args.Positional[offset];
                var rest = new CallArgs(args.Positional.GetRange(offset + 1, args.Positional.Count - offset - 1), args.Keywords);
                test = item => frame.Environment.Tests.Call(frame, name, item, rest);
            }
            else
            {
                test = PyOps.Truthy;
            }

            foreach (var item in PyIter.Iterate(value))
            {
                if (test(transform(item)) == keep)
                {
                    yield return item;
                }
            }
        }
    }
}
