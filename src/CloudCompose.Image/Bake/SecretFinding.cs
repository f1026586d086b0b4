namespace CloudCompose.Image.Bake
{
    /// <summary>Where a secret would reach the user data, without the secret itself.</summary>
    internal sealed class SecretFinding
    {
        internal SecretFinding(string what, string script, int renderedLine, string? templateLine)
        {
            What = what;
            Script = script;
            RenderedLine = renderedLine;
            TemplateLine = templateLine;
        }

        /// <summary>"environment variable GITHUB_TOKEN", "image.db_password", "an AWS access key id (AKIA…)".</summary>
        public string What { get; }

        /// <summary>image.sh or the image.test script.</summary>
        public string Script { get; }

        /// <summary>The line of the rendered script that holds it.</summary>
        public int RenderedLine { get; }

        /// <summary>file:line of the template (or config) line that puts it there, when that can be told.</summary>
        public string? TemplateLine { get; }

        public override string ToString() =>
            $"the value of {What} is on line {RenderedLine} of {Script} as rendered" + (TemplateLine != null ? $" (put there by {TemplateLine})" : string.Empty);
    }
}
