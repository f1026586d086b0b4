namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// How the engine reports while it works. Calls may come from any thread; the cmdlet layer
    /// queues them and writes them on the pipeline thread.
    /// </summary>
    internal interface IBuildObserver
    {
        void Verbose(string message);

        void Warning(string message);

        void Progress(BuildProgress progress);
    }

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
