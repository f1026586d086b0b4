using System;

namespace CloudCompose.Image.Bake
{
    /// <summary>One progress report of one build: phase, time spent in it and the time it is allowed.</summary>
    internal sealed class BuildProgress
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

        public bool IsCompleted => Phase == BuildPhase.Completed;
    }
}
