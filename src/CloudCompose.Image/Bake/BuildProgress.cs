using System;

namespace CloudCompose.Image.Bake
{
    public enum BuildPhase
    {
        Preparing,
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

    /// <summary>One progress report of one build: phase, time spent and how much of its timeout that is.</summary>
    public sealed class BuildProgress
    {
        public BuildProgress(string buildName, BuildPhase phase, string status, TimeSpan elapsed, TimeSpan timeout)
        {
            BuildName = buildName;
            Phase = phase;
            Status = status;
            Elapsed = elapsed;
            Timeout = timeout;
        }

        public string BuildName { get; }

        public BuildPhase Phase { get; }

        public string Status { get; }

        public TimeSpan Elapsed { get; }

        public TimeSpan Timeout { get; }

        public int PercentOfTimeout => Timeout <= TimeSpan.Zero ? 0 : (int)Math.Min(100, Elapsed.TotalMilliseconds * 100 / Timeout.TotalMilliseconds);

        public bool IsCompleted => Phase == BuildPhase.Completed;
    }
}
