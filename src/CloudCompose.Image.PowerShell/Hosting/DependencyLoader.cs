using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>
    /// Where the engine (CloudCompose.Image.dll) and its dependencies come from. They sit in the module's
    /// <c>dependencies</c> folder, which neither runtime probes by itself, so nothing of theirs reaches
    /// PowerShell's default context unless this class resolves it:
    /// <list type="bullet">
    /// <item>PowerShell 7 (.NET 8+): a private AssemblyLoadContext (CloudCompose.Image.Isolation.dll, net8.0,
    /// loaded by path and driven by reflection so this assembly stays netstandard2.0).</item>
    /// <item>Windows PowerShell 5.1 (and PowerShell 7 before 7.4): an AppDomain.AssemblyResolve handler for the
    /// files in <c>dependencies</c>, asked for by this module's assemblies only. .NET Framework has no load contexts:
    /// strong-named assemblies of another version load side by side, the same version is shared (docs/packaging.md).</item>
    /// </list>
    /// </summary>
    internal static class DependencyLoader
    {
        private const string IsolationAssemblyName = "CloudCompose.Image.Isolation";
        private const string LoadContextTypeName = "CloudCompose.Image.Isolation.EngineLoadContext";

        private static readonly object Sync = new object();
        private static MethodInfo? uninstallLoadContext;
        private static HashSet<string>? resolvableNames;
        private static bool resolveHandlerInstalled;

        internal static string ModuleDirectory => Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location)!;

        internal static string DependencyDirectory => Path.Combine(ModuleDirectory, "dependencies");

        /// <summary>
        /// True where .NET has AssemblyLoadContext and the isolation assembly's net8.0 target runs. Asked of the core
        /// library itself, as PSResourceGet does: RuntimeInformation is not part of every .NET Framework 4.x.
        /// </summary>
        internal static bool UsesLoadContext =>
            typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext") != null
            && Environment.Version.Major >= 8
            && Environment.GetEnvironmentVariable(NoLoadContextVariable) != "1";

        /// <summary>
        /// Set to 1 before Import-Module to use the Windows PowerShell resolver on PowerShell 7 too: how the tests
        /// exercise that code path here, and an escape hatch should the load context ever get in the way.
        /// </summary>
        internal const string NoLoadContextVariable = "CLOUDCOMPOSE_IMAGE_NO_LOAD_CONTEXT";

        public static void Install()
        {
            lock (Sync)
            {
                if (UsesLoadContext)
                {
                    InstallLoadContext();
                }
                else
                {
                    InstallResolveHandler();
                }
            }
        }

        public static void Uninstall()
        {
            lock (Sync)
            {
                uninstallLoadContext?.Invoke(null, null);
                if (resolveHandlerInstalled)
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromDependencies;
                    resolveHandlerInstalled = false;
                }
            }
        }

        private static void InstallLoadContext()
        {
            var isolation = Assembly.LoadFrom(Path.Combine(ModuleDirectory, IsolationAssemblyName + ".dll"));
            var loadContext = isolation.GetType(LoadContextTypeName, throwOnError: true)!;
            var own = typeof(DependencyLoader).Assembly;

            // What this assembly references from dependencies/ (the engine) enters the private context; the output
            // types' assembly is shared with the default context so PowerShell sees one ImageInfo, not two.
            var entries = own.GetReferencedAssemblies()
                .Select(n => n.Name!)
                .Where(n => File.Exists(Path.Combine(DependencyDirectory, n + ".dll")))
                .ToArray();
            var shared = new[] { typeof(ImageInfo).Assembly };

            loadContext.GetMethod("Install")!.Invoke(null, new object[] { DependencyDirectory, entries, shared });
            uninstallLoadContext = loadContext.GetMethod("Uninstall");
        }

        private static void InstallResolveHandler()
        {
            resolvableNames ??= new HashSet<string>(
                Directory.EnumerateFiles(DependencyDirectory, "*.dll").Select(Path.GetFileNameWithoutExtension),
                StringComparer.OrdinalIgnoreCase);
            if (!resolveHandlerInstalled)
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencies;
                resolveHandlerInstalled = true;
            }
        }

        private static Assembly? ResolveFromDependencies(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (name == null || resolvableNames == null || !resolvableNames.Contains(name) || !AskedByThisModule(args.RequestingAssembly))
            {
                return null;
            }

            return Assembly.LoadFrom(Path.Combine(DependencyDirectory, name + ".dll"));
        }

        private static bool AskedByThisModule(Assembly? requester)
        {
            // .NET Framework does not always say who asks; then the name alone decides.
            if (requester == null || requester.IsDynamic || string.IsNullOrEmpty(requester.Location))
            {
                return requester == null;
            }

            var folder = Path.GetDirectoryName(requester.Location);
            return string.Equals(folder, ModuleDirectory, StringComparison.OrdinalIgnoreCase)
                || string.Equals(folder, DependencyDirectory, StringComparison.OrdinalIgnoreCase);
        }
    }
}
