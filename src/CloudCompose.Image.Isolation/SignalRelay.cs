using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;

namespace CloudCompose.Image.Isolation
{
    /// <summary>
    /// The stop signals of .NET 8+ (PowerShell 7.4+), for the netstandard2.0 cmdlet assembly, which cannot name
    /// <see cref="PosixSignalRegistration"/>: SIGTERM (docker stop, systemd, CI cancel), SIGHUP (the terminal or SSH
    /// session closed) and SIGQUIT on Linux and macOS; on Windows the same API delivers console close as SIGHUP and
    /// logoff/shutdown as SIGTERM. SIGINT stays PowerShell's: its Ctrl+C handling already stops the pipeline.
    /// </summary>
    public static class SignalRelay
    {
        /// <summary>
        /// Calls <paramref name="onSignal"/> with the signal's name on the runtime's signal thread, and lets the signal's
        /// default action (the process ends, with exit code 128 + the signal's number) follow once it returns.
        /// </summary>
        public static IDisposable Register(Action<string> onSignal)
        {
            var signals = OperatingSystem.IsWindows()
                ? new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP }
                : new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT };
            return new Registrations(signals.Select(s => PosixSignalRegistration.Create(s, context => onSignal(context.Signal.ToString()))).ToList());
        }

        private sealed class Registrations : IDisposable
        {
            private readonly List<PosixSignalRegistration> registrations;

            public Registrations(List<PosixSignalRegistration> registrations) => this.registrations = registrations;

            public void Dispose() => registrations.ForEach(r => r.Dispose());
        }
    }
}
