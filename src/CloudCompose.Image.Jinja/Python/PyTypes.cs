using System.Numerics;
using System.Runtime.CompilerServices;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Python
{
    /// <summary>Python type names of runtime values, as error messages and tests (<c>is string</c>) use them.</summary>
    internal static class PyTypes
    {
        public static string TypeName(object? value) => value switch
        {
            null => "NoneType",
            bool _ => "bool",
            long _ => "int",
            BigInteger _ => "int",
            double _ => "float",
            string _ => "str",
            Markup _ => "Markup",
            PyList _ => "list",
            PyTuple _ => "tuple",
            PyDict _ => "dict",
            PyRange _ => "range",
            PyIterator it => it.TypeName,
            DictView view => view.TypeName,
            Undefined _ => "StrictUndefined",
            TextNumber n => TypeName(n.Number),
            IPyObject o => o.TypeName,
            _ => value.GetType().Name,
        };

        /// <summary>Jinja2's object_type_repr: <c>dict object</c>, <c>jinja2.runtime.LoopContext object</c>, <c>None</c>.</summary>
        public static string ObjectTypeRepr(object? value)
        {
            if (value == null)
            {
                return "None";
            }

            var module = value switch
            {
                Markup _ => "markupsafe",
                Undefined _ => "jinja2.runtime",
                IPyObject o => o.Module,
                _ => "builtins",
            };
            return module == "builtins" ? TypeName(value) + " object" : $"{module}.{TypeName(value)} object";
        }

        public static bool IsString(object? value) => value is string || value is Markup;

        public static string? AsString(object? value) => value is string s ? s : value is Markup m ? m.Text : null;

        public static bool IsInteger(object? value) => value is long || value is BigInteger || (value is TextNumber n && n.Number is not double);

        /// <summary>int, float or bool (Python's numbers.Number), a number given with its text included.</summary>
        public static bool IsNumber(object? value) =>
            value is long || value is double || value is BigInteger || value is bool || value is TextNumber;

        /// <summary>What Python would print for id(): stable per object within a render, never meaningful.</summary>
        public static string FakeAddress(object? value) =>
            (0x7f0000000000L + ((long)(uint)RuntimeHelpers.GetHashCode(value ?? new object()) << 4)).ToString("x");
    }
}
