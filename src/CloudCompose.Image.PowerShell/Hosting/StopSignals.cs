using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>
    /// SIGTERM, SIGHUP and SIGQUIT (and on Windows console close, logoff and shutdown) run the same cleanup as Ctrl+C,
    /// bounded by <see cref="Bound"/>, then let the process end as the signal says (exit code 143, 129). The
    /// handlers are registered only while some work is registered here, so a signal when nothing runs is never
    /// swallowed or delayed.
    /// </summary>
    internal static class StopSignals
    {
        /// <summary>From the signal until the process ends: what a CI system's or docker's grace period usually allows.</summary>
        public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

        private const string RelayType = "CloudCompose.Image.Isolation.SignalRelay";

        private static readonly object Gate = new object();
        private static readonly List<IStoppable> Active = new List<IStoppable>();
        private static IDisposable? registration;

        /// <summary>The signal that ended this process's work, if one did (what the cmdlet reports).</summary>
        public static string? Received { get; private set; }

        /// <summary>
        /// Whether the signal's default action ends the process once its handlers return. SIGQUIT does not under
        /// PowerShell, which takes it as Ctrl+Break (a stop, not an exit): the command ends with BuildCancelled and the
        /// session goes on.
        /// </summary>
        public static bool EndsProcess(string? signal) =>
            signal is "SIGTERM" or "SIGHUP" or "CTRL_CLOSE_EVENT" or "CTRL_LOGOFF_EVENT" or "CTRL_SHUTDOWN_EVENT";

        public static IDisposable Register(IStoppable work)
        {
            lock (Gate)
            {
                Active.Add(work);
                registration ??= Install(OnSignal);
            }

            return new Registration(work);
        }

        private static void Unregister(IStoppable work)
        {
            lock (Gate)
            {
                Active.Remove(work);
                if (Active.Count == 0)
                {
                    registration?.Dispose();
                    registration = null;
                }
            }
        }

        private static void OnSignal(string signal)
        {
            Received = signal;
            IStoppable[] work;
            lock (Gate)
            {
                work = Active.ToArray();
            }

            var started = DateTime.UtcNow;
            foreach (var w in work)
            {
                w.Stop(signal, Bound);
            }

            foreach (var w in work)
            {
                var left = Bound - (DateTime.UtcNow - started);
                w.WaitStopped(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
        }

        private static IDisposable? Install(Action<string> handler)
        {
            if (Environment.Version.Major >= 8 && typeof(object).Assembly.GetType("System.Runtime.InteropServices.PosixSignalRegistration") != null)
            {
                // PowerShell 7.4+: the typed registration lives in the net8.0 isolation assembly (loaded by path, as the load context is).
                var isolation = Assembly.LoadFrom(Path.Combine(DependencyLoader.ModuleDirectory, "CloudCompose.Image.Isolation.dll"));
                var register = isolation.GetType(RelayType, throwOnError: true)!.GetMethod("Register")!;
                return (IDisposable)register.Invoke(null, new object[] { handler })!;
            }

            return ConsoleControlHandler.TryInstall(handler);
        }

        private sealed class Registration : IDisposable
        {
            private IStoppable? work;

            public Registration(IStoppable work) => this.work = work;

            public void Dispose()
            {
                var w = Interlocked.Exchange(ref work, null);
                if (w != null)
                {
                    Unregister(w);
                }
            }
        }
    }
}
