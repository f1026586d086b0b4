namespace CloudCompose.Image.Bake
{
    /// <summary>An observer that drops everything (tests, benchmarks).</summary>
    internal sealed class NullBuildObserver : IBuildObserver
    {
        public static readonly NullBuildObserver Instance = new NullBuildObserver();

        public void Verbose(string message)
        {
        }

        public void Warning(string message)
        {
        }

        public void Progress(BuildProgress progress)
        {
        }
    }
}
