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
}
