namespace CloudCompose.Image.Configuration
{
    /// <summary>Makes the template engine's value types out of configuration text.</summary>
    internal static class TemplateValueFactory
    {
        public static object Number(string text) => text;
    }
}
