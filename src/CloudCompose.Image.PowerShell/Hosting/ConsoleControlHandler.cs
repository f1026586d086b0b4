using System;
using System.Runtime.InteropServices;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework has no PosixSignalRegistration): console close, logoff and shutdown through
    /// SetConsoleCtrlHandler. The handler blocks while cleanup runs (Windows allows about 5 s for close and 20 s for
    /// logoff and shutdown), then returns FALSE so the next handler and the default action end the process.
    /// Ctrl+C and Ctrl+Break stay PowerShell's.
    /// </summary>
    internal static class ConsoleControlHandler
    {
        private const int CtrlCloseEvent = 2;
        private const int CtrlLogoffEvent = 5;
        private const int CtrlShutdownEvent = 6;

        private delegate bool HandlerRoutine(int controlType);

        public static IDisposable? TryInstall(Action<string> onSignal)
        {
            if (Environment.OSVersion.Platform != PlatformID.Win32NT)
            {
                return null;
            }

            HandlerRoutine routine = type =>
            {
                var name = type switch
                {
                    CtrlCloseEvent => "CTRL_CLOSE_EVENT",
                    CtrlLogoffEvent => "CTRL_LOGOFF_EVENT",
                    CtrlShutdownEvent => "CTRL_SHUTDOWN_EVENT",
                    _ => null,
                };
                if (name != null)
                {
                    onSignal(name);
                }

                return false;
            };
            return SetConsoleCtrlHandler(routine, true) ? new Installed(routine) : null;
        }

        [DllImport("kernel32.dll", SetLastError = true)]
        private static extern bool SetConsoleCtrlHandler(HandlerRoutine handler, bool add);

        private sealed class Installed : IDisposable
        {
            // Held here so the delegate outlives its registration (the OS calls it through a pointer).
            private readonly HandlerRoutine routine;

            public Installed(HandlerRoutine routine) => this.routine = routine;

            public void Dispose() => SetConsoleCtrlHandler(routine, false);
        }
    }
}
