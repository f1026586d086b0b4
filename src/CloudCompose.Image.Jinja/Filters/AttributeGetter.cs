using System;
using System.Collections.Generic;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Filters
{
    /// <summary>
    /// Jinja2's make_attrgetter / make_multi_attrgetter: <c>attribute='address.city'</c> looks up each dotted part
    /// as an item (digits as integers); <c>'age,name'</c> gives a list of several.
    /// </summary>
    internal static class AttributeGetter
    {
        public static Func<object?, object?> Make(object? attribute, bool ignoreCase = false, object? fallback = null)
        {
            var parts = Parts(attribute);
            return item =>
            {
                foreach (var part in parts)
                {
                    item = Attributes.GetItem(item, part);
                    if (fallback != null && item is Undefined)
                    {
                        item = fallback;
                    }
                }

                return ignoreCase ? IgnoreCase(item) : item;
            };
        }

        public static Func<object?, object?> MakeMulti(object? attribute, bool ignoreCase)
        {
            var groups = new List<List<object?>>();
            if (PyTypes.AsString(attribute) is string text)
            {
                foreach (var piece in text.Split(','))
                {
                    groups.Add(Parts(piece));
                }
            }
            else
            {
                groups.Add(Parts(attribute));
            }

            return item =>
            {
                var values = new List<object?>(groups.Count);
                foreach (var parts in groups)
                {
                    var value = item;
                    foreach (var part in parts)
                    {
                        value = Attributes.GetItem(value, part);
                    }

                    values.Add(ignoreCase ? IgnoreCase(value) : value);
                }

                return new PyList(values);
            };
        }

        /// <summary>Strings compare lower-cased when a filter is case-insensitive.</summary>
        public static object? IgnoreCase(object? value) => value switch
        {
            string s => PyStr.Lower(s),
            Markup m => new Markup(PyStr.Lower(m.Text)),
            _ => value,
        };

        private static List<object?> Parts(object? attribute)
        {
            var parts = new List<object?>();
            if (attribute == null)
            {
                return parts;
            }

            if (PyTypes.AsString(attribute) is string text)
            {
                foreach (var piece in text.Split('.'))
                {
                    parts.Add(piece.Length > 0 && PyStr.All(piece, Unicode.UnicodeTables.Digit) && PyInt.TryParse(piece, 10, out var number) ? number : piece);
                }

                return parts;
            }

            parts.Add(attribute);
            return parts;
        }
    }
}
