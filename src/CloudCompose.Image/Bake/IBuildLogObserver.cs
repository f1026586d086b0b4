namespace CloudCompose.Image.Bake
{
    /// <summary>An <see cref="IBuildObserver"/> that also takes the builder's console lines as they are read, and messages for the Information stream.</summary>
    internal interface IBuildLogObserver
    {
        /// <summary>May be called from any thread, in each build's order.</summary>
        void Log(BuildLogLine line);

        /// <summary>A message about one build (name and version), such as "unchanged: reusing ami-… built 3d ago".</summary>
        void Information(string name, string version, string message);
    }
}
