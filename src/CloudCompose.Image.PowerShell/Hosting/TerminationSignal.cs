using System;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>
    /// SIGTERM (docker stop, systemd, a CI runner's cancel) kills pwsh without stopping the pipeline or running
    /// finally blocks. On PowerShell 7 (.NET's PosixSignalRegistration) this runs a handler first, on its own thread;
    /// when the handler returns, the process ends as the signal asks. The module targets netstandard2.0 for
    /// Windows PowerShell 5.1, which has no such API (and no SIGTERM), hence reflection.
    /// </summary>
    internal static class TerminationSignal
    {
        private const int SigTerm = -4; // PosixSignal.SIGTERM

        /// <returns>The registration (dispose it to unhook), or null where the runtime has no POSIX signal support.</returns>
        public static IDisposable? OnSigterm(Action handler)
        {
            var registration = Find("System.Runtime.InteropServices.PosixSignalRegistration");
            var context = Find("System.Runtime.InteropServices.PosixSignalContext");
            var signal = Find("System.Runtime.InteropServices.PosixSignal");
            if (registration == null || context == null || signal == null)
            {
                return null;
            }

            var create = registration.GetMethod("Create", BindingFlags.Public | BindingFlags.Static);
            if (create == null)
            {
                return null;
            }

            var parameter = Expression.Parameter(context, "context");
            var callback = Expression.Lambda(typeof(Action<>).MakeGenericType(context), Expression.Invoke(Expression.Constant(handler)), parameter).Compile();
            try
            {
                return create.Invoke(null, new[] { Enum.ToObject(signal, SigTerm), callback }) as IDisposable;
            }
            catch (TargetInvocationException e) when (e.InnerException is PlatformNotSupportedException)
            {
                return null;
            }
        }

        private static Type? Find(string name) =>
            Type.GetType(name + ", System.Runtime.InteropServices")
            ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name, false)).FirstOrDefault(t => t != null);
    }
}
