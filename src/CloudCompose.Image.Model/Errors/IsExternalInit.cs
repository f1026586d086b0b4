// netstandard2.0 lacks this marker type; defining it lets this assembly use init-only properties.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
