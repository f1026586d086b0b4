using CloudCompose.Image.Templates;

namespace CloudCompose.Image.Configuration
{
    /// <summary>Makes the template engine's value types out of configuration text.</summary>
    internal static class TemplateValueFactory
    {
        /// <summary>A YAML number prints as written (1.10 stays 1.10) but compares as a number.</summary>
        public static object Number(string text) => new TemplateNumber(text);
    }
}
