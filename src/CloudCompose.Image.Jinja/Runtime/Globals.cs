using System;
using System.Collections.Generic;
using System.Text;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Runtime
{
    /// <summary>Jinja2's default globals: range, dict, lipsum, cycler, joiner, namespace.</summary>
    internal static class Globals
    {
        private const string LoremWords =
            "a ac accumsan ad adipiscing aenean aliquam aliquet amet ante aptent arcu at auctor augue bibendum blandit class commodo "
            + "condimentum congue consectetuer consequat conubia convallis cras cubilia cum curabitur curae cursus dapibus diam dictum "
            + "dictumst dignissim dis dolor donec dui duis egestas eget eleifend elementum elit enim erat eros est et etiam eu euismod "
            + "facilisi facilisis fames faucibus felis fermentum feugiat fringilla fusce gravida habitant habitasse hac hendrerit "
            + "hymenaeos iaculis id imperdiet in inceptos integer interdum ipsum justo lacinia lacus laoreet lectus leo libero ligula "
            + "litora lobortis lorem luctus maecenas magna magnis malesuada massa mattis mauris metus mi molestie mollis montes morbi "
            + "mus nam nascetur natoque nec neque netus nibh nisi nisl non nonummy nostra nulla nullam nunc odio orci ornare parturient "
            + "pede pellentesque penatibus per pharetra phasellus placerat platea porta porttitor posuere potenti praesent pretium "
            + "primis proin pulvinar purus quam quis quisque rhoncus ridiculus risus rutrum sagittis sapien scelerisque sed sem semper "
            + "senectus sit sociis sociosqu sodales sollicitudin suscipit suspendisse taciti tellus tempor tempus tincidunt torquent "
            + "tortor tristique turpis ullamcorper ultrices ultricies urna ut varius vehicula vel velit venenatis vestibulum vitae "
            + "vivamus viverra volutpat vulputate";

        private static readonly ArgBinder LipsumArgs = new ArgBinder("generate_lorem_ipsum", new[] { "n", "html", "min", "max" }, 5L, true, 20L, 100L);
        private static readonly ArgBinder JoinerArgs = new ArgBinder("Joiner", new[] { "sep" }, ", ");

        [ThreadStatic]
        private static Random? random;

        public static readonly IVariables Variables = new DictionaryVariables(new Dictionary<string, object?>
        {
            ["range"] = new BuiltinFunction("range", (frame, args) => Range(args), "<class 'range'>"),
            ["dict"] = new BuiltinFunction("dict", (frame, args) => Dict(args), "<class 'dict'>"),
            ["lipsum"] = new BuiltinFunction("generate_lorem_ipsum", (frame, args) => Lipsum(args), "<function generate_lorem_ipsum>"),
            ["cycler"] = new BuiltinFunction("Cycler", (frame, args) => Cycler(args), "<class 'jinja2.utils.Cycler'>"),
            ["joiner"] = new BuiltinFunction("Joiner", (frame, args) => new Joiner(JoinerArgs.Bind(args)[0]), "<class 'jinja2.utils.Joiner'>"),
            ["namespace"] = new BuiltinFunction("Namespace", (frame, args) => Namespace(args), "<class 'jinja2.utils.Namespace'>"),
        }, null);

        public static Random Random => random ??= new Random();

        /// <summary>dict.update / dict(): a mapping's pairs, or an iterable of key-value pairs.</summary>
        public static void UpdateFrom(PyDict target, object? source)
        {
            if (source is PyDict dict)
            {
                foreach (var pair in dict.Items)
                {
                    target.Set(pair.Key, pair.Value);
                }

                return;
            }

            var index = 0;
            foreach (var item in PyIter.Iterate(source))
            {
                var pair = PyIter.ToList(item);
                if (pair.Count != 2)
                {
                    throw Raise.ValueError($"dictionary update sequence element #{index} has length {pair.Count}; 2 is required");
                }

                target.Set(pair[0], pair[1]);
                index++;
            }
        }

        private static object Range(CallArgs args)
        {
            if (args.Keywords.Count > 0)
            {
                throw Raise.TypeError("range() takes no keyword arguments");
            }

            var a = args.Positional;
            switch (a.Count)
            {
                case 1:
                    return new PyRange(0, Index(a[0]), 1);
                case 2:
                    return new PyRange(Index(a[0]), Index(a[1]), 1);
                case 3:
                    var step = Index(a[2]);
                    if (step == 0)
                    {
                        throw Raise.ValueError("range() arg 3 must not be zero");
                    }

                    return new PyRange(Index(a[0]), Index(a[1]), step);
                default:
                    throw Raise.TypeError(a.Count == 0 ? "range expected at least 1 argument, got 0" : $"range expected at most 3 arguments, got {a.Count}");
            }
        }

        private static long Index(object? value)
        {
            var v = PyOps.Unwrap(value);
            if (v is double)
            {
                throw Raise.TypeError("'float' object cannot be interpreted as an integer");
            }

            return PyOps.ToIndex(v);
        }

        private static object Dict(CallArgs args)
        {
            if (args.Positional.Count > 1)
            {
                throw Raise.TypeError($"dict expected at most 1 argument, got {args.Positional.Count}");
            }

            var dict = new PyDict();
            if (args.Positional.Count == 1)
            {
                UpdateFrom(dict, args.Positional[0]);
            }

            foreach (var pair in args.Keywords)
            {
                dict.Set(pair.Key, pair.Value);
            }

            return dict;
        }

        private static object Cycler(CallArgs args)
        {
            if (args.Keywords.Count > 0)
            {
                throw Raise.TypeError($"Cycler.__init__() got an unexpected keyword argument '{args.Keywords[0].Key}'");
            }

            if (args.Positional.Count == 0)
            {
                throw Raise.Runtime("RuntimeError", "at least one item has to be provided");
            }

            return new Cycler(new List<object?>(args.Positional));
        }

        private static object Namespace(CallArgs args)
        {
            var ns = new Namespace();
            var initial = new PyDict();
            if (args.Positional.Count > 1)
            {
                throw Raise.TypeError($"dict expected at most 1 argument, got {args.Positional.Count}");
            }

            if (args.Positional.Count == 1)
            {
                UpdateFrom(initial, args.Positional[0]);
            }

            foreach (var pair in args.Keywords)
            {
                initial.Set(pair.Key, pair.Value);
            }

            foreach (var pair in initial.Items)
            {
                ns.SetAttribute(PyRepr.Str(pair.Key), pair.Value);
            }

            return ns;
        }

        /// <summary>lipsum(): random paragraphs of lorem ipsum (words, commas and sentences as Jinja2 places them).</summary>
        private static object Lipsum(CallArgs args)
        {
            var a = LipsumArgs.Bind(args);
            var n = PyOps.ToIndex(a[0]);
            var html = PyOps.Truthy(a[1]);
            var min = (int)PyOps.ToIndex(a[2]);
            var max = (int)PyOps.ToIndex(a[3]);
            var words = LoremWords.Split(' ');
            var paragraphs = new List<string>();
            for (var p = 0; p < n; p++)
            {
                var capitalize = true;
                int lastComma = 0, lastStop = 0;
                string? last = null;
                var text = new List<string>();
                var count = Random.Next(min, max);
                for (var i = 0; i < count; i++)
                {
                    string word;
                    do
                    {
                        word = words[Random.Next(words.Length)];
                    }
                    while (word == last);
                    last = word;
                    if (capitalize)
                    {
                        word = PyStr.Capitalize(word);
                        capitalize = false;
                    }

                    if (i - Random.Next(3, 8) > lastComma)
                    {
                        lastComma = i;
                        lastStop += 2;
                        word += ",";
                    }

                    if (i - Random.Next(10, 20) > lastStop)
                    {
                        lastComma = lastStop = i;
                        word += ".";
                        capitalize = true;
                    }

                    text.Add(word);
                }

                var paragraph = string.Join(" ", text);
                if (paragraph.EndsWith(",", StringComparison.Ordinal))
                {
                    paragraph = paragraph.Substring(0, paragraph.Length - 1) + ".";
                }
                else if (!paragraph.EndsWith(".", StringComparison.Ordinal))
                {
                    paragraph += ".";
                }

                paragraphs.Add(paragraph);
            }

            if (!html)
            {
                return string.Join("\n\n", paragraphs);
            }

            var builder = new StringBuilder();
            for (var i = 0; i < paragraphs.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append('\n');
                }

                builder.Append("<p>").Append(Html.EscapeText(paragraphs[i])).Append("</p>");
            }

            return new Markup(builder.ToString());
        }
    }
}
