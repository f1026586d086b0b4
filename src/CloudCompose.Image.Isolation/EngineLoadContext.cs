using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace CloudCompose.Image.Isolation
{
    /// <summary>
    /// The module's private load context on PowerShell 7: the engine (CloudCompose.Image.dll) and everything it
    /// references from the module's <c>dependencies</c> folder (CloudCompose.Image.Jinja, AWSSDK.*, YamlDotNet, …) load here, so a
    /// session that already holds another AWSSDK version (AWS.Tools) keeps it and the module keeps its own.
    /// <para>
    /// Only the cmdlet assembly's references to the engine enter through PowerShell's default context (the
    /// <see cref="AssemblyLoadContext.Resolving"/> handler below, which fires only for names the default context
    /// cannot find). Inside, three rules decide where a name comes from:
    /// the shared assemblies (CloudCompose.Image.Model, whose types PowerShell and the format files see by name)
    /// are the default context's copies; a file in <c>dependencies</c> loads here, unless the runtime itself
    /// carries that assembly at the same or a higher version (System.Memory, System.Text.Json and the other
    /// polyfills ship for Windows PowerShell 5.1 only); anything else falls back to the default context
    /// (the framework and System.Management.Automation).
    /// </para>
    /// </summary>
    public sealed class EngineLoadContext : AssemblyLoadContext
    {
        private static readonly object Sync = new object();
        private static EngineLoadContext? instance;
        private static HashSet<string> entryNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private static bool installed;

        private readonly string dependencyDirectory;
        private readonly Dictionary<string, Assembly> shared;
        private readonly Dictionary<string, string> platform;

        private EngineLoadContext(string dependencyDirectory, IEnumerable<Assembly> sharedAssemblies)
            : base("CloudCompose.Image", isCollectible: false)
        {
            this.dependencyDirectory = dependencyDirectory;
            shared = sharedAssemblies.ToDictionary(a => a.GetName().Name!, StringComparer.OrdinalIgnoreCase);
            platform = PlatformAssemblies();
        }

        /// <summary>
        /// Called by the cmdlet assembly on Import-Module. <paramref name="entryAssemblies"/> are the names the
        /// cmdlet assembly references from <paramref name="dependencyDirectory"/> (the engine); the default
        /// context hands exactly those to this context. Idempotent: Remove-Module and Import-Module again reuse
        /// the context (assemblies never unload), only the handler comes and goes.
        /// </summary>
        public static void Install(string dependencyDirectory, string[] entryAssemblies, Assembly[] sharedAssemblies)
        {
            lock (Sync)
            {
                instance ??= new EngineLoadContext(dependencyDirectory, sharedAssemblies);
                entryNames = new HashSet<string>(entryAssemblies, StringComparer.OrdinalIgnoreCase);
                if (!installed)
                {
                    Default.Resolving += ResolveEntry;
                    installed = true;
                }
            }
        }

        /// <summary>Called on Remove-Module: the default context stops resolving the engine through this module.</summary>
        public static void Uninstall()
        {
            lock (Sync)
            {
                if (installed)
                {
                    Default.Resolving -= ResolveEntry;
                    installed = false;
                }
            }
        }

        /// <summary>The context the engine lives in (null before the first import); for diagnostics and tests.</summary>
        public static AssemblyLoadContext? Current => instance;

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var name = assemblyName.Name;
            if (name == null)
            {
                return null;
            }

            if (shared.TryGetValue(name, out var sharedAssembly))
            {
                return sharedAssembly;
            }

            var path = Path.Combine(dependencyDirectory, name + ".dll");
            if (!File.Exists(path) || PlatformProvides(assemblyName))
            {
                return null;
            }

            return LoadFromAssemblyPath(path);
        }

        private static Assembly? ResolveEntry(AssemblyLoadContext context, AssemblyName assemblyName)
        {
            var current = instance;
            if (current == null || assemblyName.Name == null || !entryNames.Contains(assemblyName.Name))
            {
                return null;
            }

            return current.LoadFromAssemblyName(assemblyName);
        }

        private bool PlatformProvides(AssemblyName requested)
        {
            if (!platform.TryGetValue(requested.Name!, out var path))
            {
                return false;
            }

            var available = AssemblyName.GetAssemblyName(path).Version;
            return requested.Version == null || (available != null && available >= requested.Version);
        }

        private static Dictionary<string, string> PlatformAssemblies()
        {
            // The runtime's and PowerShell's own assemblies: what the default context resolves by name.
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
            foreach (var path in list.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            {
                result[Path.GetFileNameWithoutExtension(path)] = path;
            }

            return result;
        }
    }
}
