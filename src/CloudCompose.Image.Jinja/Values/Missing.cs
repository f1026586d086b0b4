namespace CloudCompose.Image.Jinja.Values
{
    /// <summary>Jinja2's <c>missing</c> sentinel: an argument that was not given, a lookup that found nothing.</summary>
    internal sealed class Missing
    {
        public static readonly Missing Value = new Missing();

        private Missing()
        {
        }
    }
}
