using System;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>Work that has resources to clean up when the process is asked to end.</summary>
    internal interface IStoppable
    {
        /// <summary>Starts stopping (cancels, and bounds cleanup to what is left of <paramref name="bound"/>).</summary>
        void Stop(string signal, TimeSpan bound);

        /// <summary>Waits until the work has cleaned up and said so; false when the time ran out.</summary>
        bool WaitStopped(TimeSpan timeout);
    }
}
