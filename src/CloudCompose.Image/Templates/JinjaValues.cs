using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Threading.Tasks;
using CloudCompose.Image.Errors;
using Fluid;
using Fluid.Values;

namespace CloudCompose.Image.Templates
{
    /// <summary>
    /// A defined template value, printed and tested the Python way whatever Fluid asks of it
    /// ({{ }} writes str(value), {% if %} uses Python truthiness, {% for %} iterates like Python).
    /// </summary>
    internal sealed class JinjaValue : FluidValue
    {
        public JinjaValue(object? raw)
        {
            Raw = raw;
        }

        public object? Raw { get; }

        public override FluidValues Type => Raw switch
        {
            null => FluidValues.Nil,
            bool _ => FluidValues.Boolean,
            string _ => FluidValues.String,
            TemplateNumber _ => FluidValues.Number,
            IReadOnlyList<object?> _ => FluidValues.Array,
            _ => FluidValues.Dictionary,
        };

        public override bool Equals(FluidValue other) => other is JinjaValue j && PythonSemantics.Equals(Raw, j.Raw);

        public override bool ToBooleanValue() => PythonSemantics.Truthy(Raw);

        public override decimal ToNumberValue() => Raw is TemplateNumber n ? (decimal)n.Value : 0;

        public override string ToStringValue() => PythonSemantics.Str(Raw);

        public override object? ToObjectValue() => Raw;

        public override bool IsNil() => Raw == null;

        public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo)
        {
            writer.Write(PythonSemantics.Str(Raw));
            return default;
        }

        public override IEnumerable<FluidValue> Enumerate(TemplateContext context) =>
            (PythonSemantics.Iterate(Raw) ?? Array.Empty<object?>()).Select(x => new JinjaValue(x));

        public override bool Equals(object? obj) => obj is JinjaValue j && PythonSemantics.Equals(Raw, j.Raw);

        public override int GetHashCode() => Raw?.GetHashCode() ?? 0;
    }

    /// <summary>
    /// A value that fails when used: an undefined variable (Jinja2 StrictUndefined) or an error whose
    /// raising is deferred so that 'and', 'or', default() and 'is defined' can decide not to use it.
    /// </summary>
    internal sealed class JinjaFailure : FluidValue
    {
        public JinjaFailure(CloudComposeException error, bool isUndefined)
        {
            Error = error;
            IsUndefined = isUndefined;
        }

        public CloudComposeException Error { get; }

        /// <summary>True for a plain undefined value, which default() and 'is defined' may inspect.</summary>
        public bool IsUndefined { get; }

        public override FluidValues Type => FluidValues.Nil;

        public override bool Equals(FluidValue other) => throw Error;

        public override bool ToBooleanValue() => throw Error;

        public override decimal ToNumberValue() => throw Error;

        public override string ToStringValue() => throw Error;

        public override object ToObjectValue() => throw Error;

        public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) => throw Error;

        public override IEnumerable<FluidValue> Enumerate(TemplateContext context) => throw Error;

        public override bool Equals(object? obj) => ReferenceEquals(this, obj);

        public override int GetHashCode() => Error.GetHashCode();
    }
}
