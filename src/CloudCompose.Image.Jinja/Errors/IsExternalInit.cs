// netstandard2.0 lacks this marker type; defining it lets the engine use init-only properties.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
