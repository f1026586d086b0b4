using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using CloudCompose.Image.Errors;
using Fluid;
using Fluid.Values;

namespace CloudCompose.Image.Templates
{
    /// <summary>
    /// The functions the translated Liquid calls (__var, __attr, __filter, __cmp, ...). They give
    /// Jinja2 semantics: strict undefined, Python comparisons, short-circuit 'and'/'or', Jinja filters.
    /// Failures travel as <see cref="JinjaFailure"/> values and raise only where Jinja2 would raise.
    /// </summary>
    internal sealed class JinjaRuntime
    {
        private static readonly Dictionary<string, string> LoopAttributes = new Dictionary<string, string>
        {
            ["index"] = "index",
            ["index0"] = "index0",
            ["first"] = "first",
            ["last"] = "last",
            ["length"] = "length",
            ["revindex"] = "rindex",
            ["revindex0"] = "rindex0",
        };

        private readonly TemplateRefs refs;
        private readonly IReadOnlyDictionary<string, object?> variables;
        private readonly HashSet<FluidValue> functions = new HashSet<FluidValue>();

        public JinjaRuntime(TemplateRefs refs, IReadOnlyDictionary<string, object?> variables)
        {
            this.refs = refs;
            this.variables = variables;
        }

        public void Register(TemplateContext context)
        {
            Add(context, "__var", (a, c) => Done(Variable(refs[Id(a, 0)], c)));
            Add(context, "__attr", (a, c) => Attribute(a.At(0), refs[Id(a, 1)], c));
            Add(context, "__item", (a, c) => new ValueTask<FluidValue>(Item(a.At(0), a.At(1), refs[Id(a, 2)])));
            Add(context, "__lit", (a, c) => Done(new JinjaValue(refs[Id(a, 0)].Literal)));
            Add(context, "__list", (a, c) => Done(List(a)));
            Add(context, "__and", (a, c) => Done(Logical(a.At(0), a.At(1), isAnd: true)));
            Add(context, "__or", (a, c) => Done(Logical(a.At(0), a.At(1), isAnd: false)));
            Add(context, "__not", (a, c) => Done(Not(a.At(0))));
            Add(context, "__concat", (a, c) => Done(Concat(a.At(0), a.At(1))));
            Add(context, "__cmp", (a, c) => Done(Compare(a.At(0), a.At(1), refs[Id(a, 2)])));
            Add(context, "__test", (a, c) => Done(Test(a.At(0), refs[Id(a, 1)])));
            Add(context, "__filter", (a, c) => Done(JinjaFilters.Apply(a.At(0), refs[Id(a, 1)], Enumerable.Range(2, a.Count - 2).Select(a.At).ToList())));
            Add(context, "__iter", (a, c) => Done(Iterable(a.At(0), refs[Id(a, 1)])));
            Add(context, "__force", (a, c) => Done(Force(a.At(0))));
        }

        public static FluidValue Wrap(object? value) => new JinjaValue(Normalize(value));

        /// <summary>Checks and normalizes a caller's value to the types the runtime handles.</summary>
        public static object? Normalize(object? value)
        {
            switch (value)
            {
                case null:
                case string _:
                case bool _:
                case TemplateNumber _:
                    return value;
                case int i: return TemplateNumber.FromInteger(i);
                case long l: return TemplateNumber.FromInteger(l);
                case IReadOnlyDictionary<string, object?> dict:
                    return dict.ToDictionary(kv => kv.Key, kv => Normalize(kv.Value));
                case IReadOnlyList<object?> list:
                    return list.Select(Normalize).ToList();
                default:
                    throw new ArgumentException(
                        $"A template variable may be a string, bool, null, TemplateNumber, list or dictionary, not {value.GetType().FullName}.");
            }
        }

        private void Add(TemplateContext context, string name, Func<FunctionArguments, TemplateContext, ValueTask<FluidValue>> body)
        {
            var function = new FunctionValue(body);
            functions.Add(function);
            context.SetValue(name, function);
        }

        private static int Id(FunctionArguments args, int index) => (int)args.At(index).ToNumberValue();

        private static ValueTask<FluidValue> Done(FluidValue value) => new ValueTask<FluidValue>(value);

        private FluidValue Variable(TemplateRef at, TemplateContext context)
        {
            // Loop and {% set %} variables live in Fluid's scopes; the caller's variables do not, so
            // a variable may carry any name, even one of ours.
            var scoped = context.GetValue(at.Name == "loop" ? "forloop" : at.Name);
            if (!(scoped is UndefinedValue) && !(scoped is NilValue) && !functions.Contains(scoped))
            {
                return at.Name == "loop" ? new LoopValue(scoped) : scoped;
            }

            if (variables.TryGetValue(at.Name, out var value))
            {
                return new JinjaValue(value);
            }

            return Undefined(at.Display, at);
        }

        private static async ValueTask<FluidValue> Attribute(FluidValue target, TemplateRef at, TemplateContext context)
        {
            switch (target)
            {
                case JinjaFailure failure:
                    return Escalate(failure);
                case LoopValue loop:
                    if (LoopAttributes.TryGetValue(at.Name, out var fluidName))
                    {
                        return FromFluid(await loop.Inner.GetValueAsync(fluidName, context));
                    }

                    return Undefined(at.Display, at);
                case JinjaValue value when value.Raw is IReadOnlyDictionary<string, object?> dict:
                    return dict.TryGetValue(at.Name, out var child) ? new JinjaValue(child) : Undefined(at.Display, at);
                default:
                    return Undefined(at.Display, at);
            }
        }

        private static FluidValue Item(FluidValue target, FluidValue key, TemplateRef at)
        {
            if (target is JinjaFailure failure)
            {
                return Escalate(failure);
            }

            if (key is JinjaFailure keyFailure)
            {
                return Escalate(keyFailure);
            }

            var raw = ((JinjaValue)target).Raw;
            var k = ((JinjaValue)key).Raw;
            switch (raw)
            {
                case IReadOnlyDictionary<string, object?> dict when k is string s:
                    return dict.TryGetValue(s, out var child) ? new JinjaValue(child) : Undefined(at.Display, at);
                case IReadOnlyList<object?> _:
                case string _:
                    var items = PythonSemantics.Iterate(raw)!;
                    if (!(k is TemplateNumber n) || n.Value != Math.Floor(n.Value))
                    {
                        return Undefined(at.Display, at);
                    }

                    var index = (int)n.Value < 0 ? items.Count + (int)n.Value : (int)n.Value;
                    return index >= 0 && index < items.Count ? new JinjaValue(items[index]) : Undefined(at.Display, at);
                default:
                    return Undefined(at.Display, at);
            }
        }

        private static FluidValue List(FunctionArguments args)
        {
            var items = new List<object?>();
            for (var i = 0; i < args.Count; i++)
            {
                if (args.At(i) is JinjaFailure failure)
                {
                    return Escalate(failure);
                }

                items.Add(((JinjaValue)args.At(i)).Raw);
            }

            return new JinjaValue(items);
        }

        private static FluidValue Logical(FluidValue left, FluidValue right, bool isAnd)
        {
            if (left is JinjaFailure failure)
            {
                return Escalate(failure);
            }

            return left.ToBooleanValue() == isAnd ? right : left;
        }

        private static FluidValue Not(FluidValue value) =>
            value is JinjaFailure failure ? Escalate(failure) : new JinjaValue(!value.ToBooleanValue());

        private static FluidValue Concat(FluidValue left, FluidValue right)
        {
            if (left is JinjaFailure l)
            {
                return Escalate(l);
            }

            return right is JinjaFailure r ? Escalate(r) : new JinjaValue(PythonSemantics.Str(Raw(left)) + PythonSemantics.Str(Raw(right)));
        }

        private static FluidValue Compare(FluidValue left, FluidValue right, TemplateRef at)
        {
            if (left is JinjaFailure l)
            {
                return Escalate(l);
            }

            if (right is JinjaFailure r)
            {
                return Escalate(r);
            }

            var a = Raw(left);
            var b = Raw(right);
            bool? result;
            switch (at.Name)
            {
                case "==": result = PythonSemantics.Equals(a, b); break;
                case "!=": result = !PythonSemantics.Equals(a, b); break;
                case "in": result = PythonSemantics.Contains(b, a); break;
                case "not in": result = !PythonSemantics.Contains(b, a); break;
                default:
                    var order = PythonSemantics.Compare(a, b);
                    result = order == null ? (bool?)null
                        : at.Name == "<" ? order < 0 : at.Name == ">" ? order > 0 : at.Name == "<=" ? order <= 0 : order >= 0;
                    break;
            }

            if (result == null)
            {
                var message = at.Name.EndsWith("in", StringComparison.Ordinal)
                    ? $"'{at.Name}' is not supported between a {PythonSemantics.TypeName(a)} and a {PythonSemantics.TypeName(b)}"
                    : $"'{at.Name}' not supported between instances of '{PythonSemantics.TypeName(a)}' and '{PythonSemantics.TypeName(b)}'";
                return new JinjaFailure(TemplateErrors.TypeError(message, at.Location), isUndefined: false);
            }

            return new JinjaValue(result.Value);
        }

        private static FluidValue Test(FluidValue value, TemplateRef at)
        {
            if (value is JinjaFailure failure)
            {
                if (!failure.IsUndefined)
                {
                    return failure;
                }

                return new JinjaValue(at.Name == "undefined");
            }

            switch (at.Name)
            {
                case "defined": return new JinjaValue(true);
                case "undefined": return new JinjaValue(false);
                default: return new JinjaValue(Raw(value) == null);
            }
        }

        private static FluidValue Iterable(FluidValue value, TemplateRef at)
        {
            if (value is JinjaFailure failure)
            {
                throw failure.Error;
            }

            var raw = Raw(value);
            var items = PythonSemantics.Iterate(raw)
                ?? throw TemplateErrors.TypeError($"'{PythonSemantics.TypeName(raw)}' object is not iterable", at.Location);
            return new JinjaValue(items);
        }

        private static FluidValue Force(FluidValue value) =>
            value is JinjaFailure failure && !failure.IsUndefined ? throw failure.Error : value;

        internal static object? Raw(FluidValue value) => value is JinjaValue j ? j.Raw : FromFluid(value) is JinjaValue k ? k.Raw : null;

        /// <summary>Fluid's own values (only from its forloop object) as Python-behaving values.</summary>
        private static FluidValue FromFluid(FluidValue value)
        {
            switch (value)
            {
                case JinjaValue _:
                case JinjaFailure _:
                    return value;
                case NumberValue n:
                    return new JinjaValue(new TemplateNumber(n.ToNumberValue().ToString(CultureInfo.InvariantCulture)));
                case BooleanValue b:
                    return new JinjaValue(b.ToBooleanValue());
                case StringValue s:
                    return new JinjaValue(s.ToStringValue());
                default:
                    return new JinjaValue(value.IsNil() ? null : value.ToStringValue());
            }
        }

        /// <summary>Using an attribute of an undefined value raises in Jinja2, even under default().</summary>
        private static FluidValue Escalate(JinjaFailure failure) =>
            failure.IsUndefined ? new JinjaFailure(failure.Error, isUndefined: false) : failure;

        private static JinjaFailure Undefined(string name, TemplateRef at) =>
            new JinjaFailure(TemplateErrors.Undefined(name, at.Location), isUndefined: true);

        /// <summary>Marks Fluid's forloop object so attribute access maps Jinja's loop names onto it.</summary>
        private sealed class LoopValue : FluidValue
        {
            public LoopValue(FluidValue inner)
            {
                Inner = inner;
            }

            public FluidValue Inner { get; }

            public override FluidValues Type => FluidValues.Object;

            public override bool Equals(FluidValue other) => ReferenceEquals(this, other);

            public override bool ToBooleanValue() => true;

            public override decimal ToNumberValue() => 0;

            public override string ToStringValue() => "<LoopContext>";

            public override object ToObjectValue() => this;

            public override bool Equals(object? obj) => ReferenceEquals(this, obj);

            public override int GetHashCode() => Inner.GetHashCode();
        }
    }
}
