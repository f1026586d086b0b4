namespace CloudCompose.Image.Bake
{
    /// <summary>Where a builder's console lines go as they are read.</summary>
    internal interface IConsoleSink
    {
        /// <param name="notice">The module's own line (output skipped), not the builder's.</param>
        void Line(string text, bool notice);

        /// <summary>The lines of one read are all out.</summary>
        void Flush();
    }
}
