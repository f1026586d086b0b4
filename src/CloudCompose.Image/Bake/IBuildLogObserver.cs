namespace CloudCompose.Image.Bake
{
    /// <summary>An <see cref="IBuildObserver"/> that also takes the builder's console lines as they are read.</summary>
    public interface IBuildLogObserver
    {
        /// <summary>May be called from any thread, in each build's order.</summary>
        void Log(BuildLogLine line);
    }
}
