namespace CloudCompose.Image.Bake
{
    /// <summary>Where a bake is; progress reports name it.</summary>
    internal enum BuildPhase
    {
        Launching,
        RunningScript,
        ReadingConsole,
        CreatingImage,
        Testing,
        CopyingImage,
        Publishing,
        CleaningUp,
        Completed,
    }
}
