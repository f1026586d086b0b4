using System.Collections.Generic;
using CloudCompose.Image.Templates;

namespace CloudCompose.Image.Configuration
{
    /// <summary>Makes the template engine's value types out of configuration text.</summary>
    internal static class TemplateValueFactory
    {
        /// <summary>A YAML number prints as written (1.10 stays 1.10) but computes as the number PyYAML read.</summary>
        public static object Number(string text) => new TemplateNumber(text);

        /// <summary>Map keys as a Python dict compares them: 1, 1.0 and true are one key.</summary>
        public static readonly IEqualityComparer<object> KeyComparer = new PythonKeyComparer();

        private sealed class PythonKeyComparer : IEqualityComparer<object>
        {
            public new bool Equals(object? x, object? y) => Normalize(x)?.Equals(Normalize(y)) ?? Normalize(y) == null;

            public int GetHashCode(object obj) => Normalize(obj)?.GetHashCode() ?? 0;

            private static object? Normalize(object? key) => key switch
            {
                TemplateNumber n => n.Value is double d ? (d == System.Math.Floor(d) && !double.IsInfinity(d) ? (object)(long)d : d) : n.Value,
                bool b => b ? 1L : 0L,
                _ => key,
            };
        }
    }
}
