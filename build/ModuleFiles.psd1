# The DLLs the module ships, and nothing else: Build copies exactly these from the publish output and stops when
# that output holds a DLL not listed here (or lacks one that is), so a new dependency is a deliberate edit of this
# file. tests/pester/Packaging.Tests.ps1 compares the .nupkg with it. Besides these, the module folder holds only
# the manifest, LICENSE and the files under module/ (formats, help). docs/packaging.md explains the layout.
@{
    # Next to the manifest, loaded into PowerShell's default context: our own code, no third-party assembly.
    Root         = @(
        'CloudCompose.Image.PowerShell.dll'     # the cmdlets (RootModule); references the engine and the model only
        'CloudCompose.Image.Model.dll'          # output types (RequiredAssemblies): [CloudCompose.Image.ImageInfo] resolves
        'CloudCompose.Image.Isolation.dll'      # net8.0, PowerShell 7 only: the private AssemblyLoadContext
    )

    # dependencies/: the private AssemblyLoadContext on PowerShell 7, an AssemblyResolve handler on Windows PowerShell 5.1.
    Dependencies = @(
        'CloudCompose.Image.dll'                # the engine
        'CloudCompose.Image.Jinja.dll'          # the template engine (Jinja2 3.1; no dependencies of its own)
        'AWSSDK.Core.dll'
        'AWSSDK.EC2.dll'
        'AWSSDK.SimpleSystemsManagement.dll'    # image.publish.ssm_parameter
        'AWSSDK.SecurityToken.dll'              # assume-role profiles (loaded by the SDK's credential chain)
        'AWSSDK.SSO.dll'                        # SSO profiles
        'AWSSDK.SSOOIDC.dll'
        'YamlDotNet.dll'
        # netstandard2.0 polyfills that .NET Framework lacks. PowerShell 7's runtime carries these at the same or a
        # higher version, and the load context then takes the runtime's copy (EngineLoadContext.PlatformProvides).
        'Microsoft.Bcl.AsyncInterfaces.dll'
        'System.Buffers.dll'
        'System.Memory.dll'
        'System.Numerics.Vectors.dll'
        'System.Runtime.CompilerServices.Unsafe.dll'
        'System.Text.Encodings.Web.dll'
        'System.Text.Json.dll'
        'System.Threading.Tasks.Extensions.dll'
    )
}
