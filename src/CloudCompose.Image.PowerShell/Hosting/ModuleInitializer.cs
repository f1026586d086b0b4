using System.Management.Automation;

namespace CloudCompose.Image.PowerShell.Hosting
{
    /// <summary>
    /// Import-Module and Remove-Module hooks: make the engine and its dependencies loadable from the module's
    /// <c>dependencies</c> folder without putting them into PowerShell's default load context.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => DependencyLoader.Install();

        public void OnRemove(PSModuleInfo psModuleInfo) => DependencyLoader.Uninstall();
    }
}
