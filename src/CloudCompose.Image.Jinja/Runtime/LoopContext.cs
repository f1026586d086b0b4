using System.Collections.Generic;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Runtime
{
    /// <summary>The <c>loop</c> variable: index, revindex, first/last, length, previtem/nextitem, cycle(), changed(), depth, loop().</summary>
    internal sealed class LoopContext : IPyObject, IPyLength, IPyCallable
    {
        private readonly IReadOnlyList<object?> items;
        private readonly System.Func<Frame, object?, object?>? recurse;
        private object? lastChanged = Missing.Value;

        public LoopContext(IReadOnlyList<object?> items, int depth0, System.Func<Frame, object?, object?>? recurse)
        {
            this.items = items;
            Depth0 = depth0;
            this.recurse = recurse;
        }

        public int Index0 { get; set; } = -1;

        public int Depth0 { get; }

        public long Length => items.Count;

        public string TypeName => "LoopContext";

        public string Module => "jinja2.runtime";

        public bool TryGetAttribute(string name, out object? value)
        {
            value = name switch
            {
                "index0" => (long)Index0,
                "index" => (long)Index0 + 1,
                "revindex" => (long)(items.Count - Index0),
                "revindex0" => (long)(items.Count - Index0 - 1),
                "first" => Index0 == 0,
                "last" => Index0 == items.Count - 1,
                "length" => (long)items.Count,
                "depth" => (long)Depth0 + 1,
                "depth0" => (long)Depth0,
                "previtem" => Index0 > 0 ? items[Index0 - 1] : Undefined.WithHint("there is no previous item"),
                "nextitem" => Index0 + 1 < items.Count ? items[Index0 + 1] : Undefined.WithHint("there is no next item"),
                "cycle" => new BoundMethod(this, "cycle", (frame, self, args) => Cycle(args)),
                "changed" => new BoundMethod(this, "changed", (frame, self, args) => Changed(args)),
                _ => Missing.Value,
            };
            return !(value is Missing);
        }

        public object? Call(Frame caller, CallArgs args)
        {
            if (recurse == null)
            {
                throw Raise.TypeError("The loop must have the 'recursive' marker to be called recursively.");
            }

            var bound = new ArgBinder("LoopContext.__call__", new[] { "iterable" }).Bind(args);
            return recurse(caller, bound[0]);
        }

        public string Repr() => $"<LoopContext {Index0 + 1}/{items.Count}>";

        private object? Cycle(CallArgs args)
        {
            if (args.Positional.Count == 0)
            {
                throw Raise.TypeError("no items for cycling given");
            }

            return args.Positional[Index0 % args.Positional.Count];
        }

        private object? Changed(CallArgs args)
        {
            var value = new PyTuple(args.Positional);
            if (lastChanged is Missing || !PyOps.Eq(lastChanged, value))
            {
                lastChanged = value;
                return true;
            }

            return false;
        }
    }
}
