# Dependency isolation on PowerShell 7: the engine, its template engine, the AWS SDK and YamlDotNet load into the module's own
# AssemblyLoadContext, so a session that already holds another AWSSDK (AWS.Tools) and this module both work.
# Every case runs in a fresh pwsh: what it loads must not leak into this test session (or into the next case).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
    $script:Emulator = Start-TestEmulator -TimeScale 60
    $script:SourceAmi = 'ami-6d1c2007'
    $script:Example = (Resolve-Path (Join-Path $PSScriptRoot '../../examples/docker')).Path
    $script:ModuleDir = Split-Path (Get-TestModuleManifest)
    $script:Environment = @{ AMI_ID = $SourceAmi; SUBNET_ID = 'subnet-9f0074c6' }

    # Defined in every child: the manifest, the old SDK, the emulator, and a view of what is loaded where.
    $script:Prelude = @"
`$Manifest = '$(Get-TestModuleManifest)'
`$OldSdk = '$(Get-OldAwsSdkCorePath)'
`$Endpoint = '$($Emulator.Url)'
`$Example = '$Example'
function Get-LoadedAssembly([string] `$Pattern = '*') {
    # 'Name Version @ LoadContext' for every loaded assembly whose name matches.
    [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -like `$Pattern } | ForEach-Object {
        '{0} {1} @ {2}' -f `$_.GetName().Name, `$_.GetName().Version, [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name
    } | Sort-Object
}
"@

    function Invoke-Isolated {
        param([string] $Script, [hashtable] $Environment = $script:Environment)
        $run = Invoke-ChildPwsh -Script ($Prelude + "`n" + $Script) -Environment $Environment
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Result | Should -Not -BeNullOrEmpty -Because $run.Output
        $run.Result
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Dependency isolation' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
    }

    It 'bakes with New-CloudComposeImage when an older AWSSDK.Core was loaded first (Add-Type)' {
        $result = Invoke-Isolated @'
Add-Type -Path $OldSdk
Import-Module $Manifest
$image = New-CloudComposeImage -Path $Example -EndpointUrl $Endpoint
Write-Result @{
    State       = $image.State
    IsImageInfo = $image -is [CloudCompose.Image.ImageInfo]
    AwsSdk      = @(Get-LoadedAssembly 'AWSSDK.Core')
    SessionSdk  = [Amazon.Runtime.AWSCredentials].Assembly.GetName().Version.ToString()
}
'@
        $result.State | Should -Be 'available'
        $result.IsImageInfo | Should -BeTrue
        $result.AwsSdk | Should -Be @('AWSSDK.Core 3.3.0.0 @ Default', 'AWSSDK.Core 4.0.0.0 @ CloudCompose.Image')
        # The session's type names still mean the SDK it loaded itself.
        $result.SessionSdk | Should -Be '3.3.0.0'
    }

    It 'keeps working when the older AWSSDK.Core is loaded after the module' {
        $result = Invoke-Isolated @'
Import-Module $Manifest
$first = Remove-CloudComposeImageBuilder -Name docker -EndpointUrl $Endpoint -Force -Verbose 4>&1 | Out-String
Add-Type -Path $OldSdk
$credential = [Amazon.Runtime.BasicAWSCredentials]::new('AKIDFROMOLDSDK', 'old-sdk-secret')
$second = Remove-CloudComposeImageBuilder -Name docker -EndpointUrl $Endpoint -Credential $credential -Force -Verbose 4>&1 | Out-String
$userData = Get-CloudComposeUserData -Path $Example
Write-Result @{ First = $first; Second = $second; UserData = $userData.Name; AwsSdk = @(Get-LoadedAssembly 'AWSSDK.Core') }
'@
        $result.First | Should -Match 'DescribeInstances: 0 live builder\(s\) tagged ImageName=docker in us-east-1'
        $result.Second | Should -Match 'DescribeInstances: 0 live builder\(s\) tagged ImageName=docker in us-east-1'
        $result.UserData | Should -Be 'docker'
        $result.AwsSdk | Should -Be @('AWSSDK.Core 3.3.0.0 @ Default', 'AWSSDK.Core 4.0.0.0 @ CloudCompose.Image')
    }

    It '-Credential takes an Amazon.Runtime.AWSCredentials of the older SDK (no other credentials around)' {
        $noCredentials = $Environment.Clone()
        foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE') { $noCredentials[$name] = $null }
        $nowhere = Join-Path ([IO.Path]::GetTempPath()) ([guid]::NewGuid().ToString('N'))
        $noCredentials.AWS_SHARED_CREDENTIALS_FILE = Join-Path $nowhere 'credentials'
        $noCredentials.AWS_CONFIG_FILE = Join-Path $nowhere 'config'
        $noCredentials.AWS_EC2_METADATA_DISABLED = 'true'

        $result = Invoke-Isolated -Environment $noCredentials @'
Add-Type -Path $OldSdk
Import-Module $Manifest
# Without -Credential the SDK's chain finds nothing: proof that the keys below come from the old SDK's object.
$without = try { Remove-CloudComposeImageBuilder -Name docker -EndpointUrl $Endpoint -Force; 'no error' } catch { $_.FullyQualifiedErrorId }
[Amazon.Runtime.AWSCredentials] $credential = [Amazon.Runtime.BasicAWSCredentials]::new('AKIDFROMOLDSDK', 'old-sdk-secret')
$with = Remove-CloudComposeImageBuilder -Name docker -EndpointUrl $Endpoint -Credential $credential -Force -Verbose 4>&1 | Out-String
Write-Result @{ Without = $without; With = $with; CredentialSdk = $credential.GetType().Assembly.GetName().Version.ToString() }
'@
        $result.CredentialSdk | Should -Be '3.3.0.0'
        $result.Without | Should -BeLike 'AwsCredentialsMissing,*'
        $result.With | Should -Match 'DescribeInstances: 0 live builder\(s\) tagged ImageName=docker in us-east-1'
    }

    It 'imports again after Remove-Module in the same session' {
        $result = Invoke-Isolated @'
Import-Module $Manifest
$null = Get-CloudComposeUserData -Path $Example
$null = Remove-CloudComposeImageBuilder -Name docker -EndpointUrl $Endpoint -Force
Remove-Module CloudCompose.Image
$removed = @(Get-Command -Module CloudCompose.Image -ErrorAction SilentlyContinue).Count
Import-Module $Manifest
$userData = Get-CloudComposeUserData -Path $Example
$again = Remove-CloudComposeImageBuilder -Name docker -EndpointUrl $Endpoint -Force -Verbose 4>&1 | Out-String
Write-Result @{
    Removed  = $removed
    Commands = @(Get-Command -Module CloudCompose.Image).Count
    UserData = $userData -is [CloudCompose.Image.Rendering.UserDataScript]
    Again    = $again
    Contexts = @([Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'CloudCompose.Image').Count
}
'@
        $result.Removed | Should -Be 0
        $result.Commands | Should -BeGreaterThan 0
        $result.UserData | Should -BeTrue
        $result.Again | Should -Match 'DescribeInstances: 0 live builder\(s\) tagged ImageName=docker in us-east-1'
        $result.Contexts | Should -Be 1
    }

    It 'puts only our own assemblies into the default context; the engine and its dependencies load from dependencies/' {
        $result = Invoke-Isolated @'
Import-Module $Manifest
$null = Get-CloudComposeUserData -Path $Example
$null = Remove-CloudComposeImageBuilder -Name docker -EndpointUrl $Endpoint -Force
$moduleDir = Split-Path $Manifest
$fromModule = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { -not $_.IsDynamic -and $_.Location.StartsWith($moduleDir) }
Write-Result @{
    Default   = @($fromModule | Where-Object { [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name -eq 'Default' } | ForEach-Object { [IO.Path]::GetRelativePath($moduleDir, $_.Location) } | Sort-Object)
    Private   = @($fromModule | Where-Object { [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name -eq 'CloudCompose.Image' } | ForEach-Object { [IO.Path]::GetRelativePath($moduleDir, $_.Location) } | Sort-Object)
    Elsewhere = @([Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'CloudCompose.Image' | ForEach-Object Assemblies | Where-Object { -not $_.Location.StartsWith($moduleDir) } | ForEach-Object FullName)
    Output    = [CloudCompose.Image.ImageInfo].Assembly.GetName().Name
    Engine    = [bool]('CloudCompose.Image.Configuration.ConfigReader' -as [type])
}
'@
        $result.Default | Should -Be @('CloudCompose.Image.Isolation.dll', 'CloudCompose.Image.Model.dll', 'CloudCompose.Image.PowerShell.dll')
        $result.Private | Should -Contain 'dependencies/CloudCompose.Image.dll'
        $result.Private | Should -Contain 'dependencies/AWSSDK.Core.dll'
        $result.Private | Should -Contain 'dependencies/AWSSDK.EC2.dll'
        $result.Private | Should -Contain 'dependencies/YamlDotNet.dll'
        $result.Private | Should -Contain 'dependencies/CloudCompose.Image.Jinja.dll'
        # The netstandard2.0 polyfills are for Windows PowerShell: on PowerShell 7 the runtime's own copies serve.
        $result.Private | Should -Not -Contain 'dependencies/System.Memory.dll'
        $result.Private | Should -Not -Contain 'dependencies/System.Text.Json.dll'
        $result.Elsewhere | Should -BeNullOrEmpty
        # PowerShell sees our output types by name, and not the engine's internals.
        $result.Output | Should -Be 'CloudCompose.Image.Model'
        $result.Engine | Should -BeFalse
    }

    It 'keeps third-party references out of the assemblies PowerShell loads directly' {
        function Get-AssemblyReference([string] $Path) {
            # Read from metadata: nothing gets loaded into this session.
            $stream = [IO.File]::OpenRead($Path)
            $pe = [Reflection.PortableExecutable.PEReader]::new($stream)
            try {
                $metadata = [Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
                foreach ($handle in $metadata.AssemblyReferences) { $metadata.GetString($metadata.GetAssemblyReference($handle).Name) }
            }
            finally { $pe.Dispose(); $stream.Dispose() }
        }
        @(Get-AssemblyReference (Join-Path $ModuleDir 'CloudCompose.Image.PowerShell.dll') | Sort-Object) |
            Should -Be @('CloudCompose.Image', 'CloudCompose.Image.Model', 'netstandard', 'System.Management.Automation')
        @(Get-AssemblyReference (Join-Path $ModuleDir 'CloudCompose.Image.Model.dll')) | Should -Be @('netstandard')
        Get-AssemblyReference (Join-Path $ModuleDir 'CloudCompose.Image.Isolation.dll') | Should -Not -Match '^(AWSSDK|YamlDotNet|CloudCompose)'
    }

    It 'loads the AWS SDK only when an AWS-calling cmdlet first needs it' {
        $result = Invoke-Isolated @'
Import-Module $Manifest
$atImport = @(Get-LoadedAssembly 'AWSSDK.*').Count + @(Get-LoadedAssembly 'CloudCompose.Image').Count
$null = Get-CloudComposeUserData -Path $Example
$afterUserData = @(Get-LoadedAssembly 'AWSSDK.*')
$engine = @(Get-LoadedAssembly 'YamlDotNet')
$null = Remove-CloudComposeImageBuilder -Name docker -EndpointUrl $Endpoint -Force
Write-Result @{ AtImport = $atImport; AfterUserData = $afterUserData.Count; Engine = $engine; AfterAws = @(Get-LoadedAssembly 'AWSSDK.*') }
'@
        $result.AtImport | Should -Be 0
        $result.AfterUserData | Should -Be 0
        $result.Engine | Should -Be @('YamlDotNet 16.0.0.0 @ CloudCompose.Image')
        $result.AfterAws | Should -Contain 'AWSSDK.Core 4.0.0.0 @ CloudCompose.Image'
        $result.AfterAws | Should -Contain 'AWSSDK.EC2 4.0.0.0 @ CloudCompose.Image'
    }

    It 'resolves the engine from dependencies/ with the Windows PowerShell resolver too (forced on PowerShell 7)' {
        # Windows PowerShell 5.1 cannot run here; its AssemblyResolve path can, with the switch that selects it.
        $fallback = $Environment.Clone()
        $fallback.CLOUDCOMPOSE_IMAGE_NO_LOAD_CONTEXT = '1'
        $result = Invoke-Isolated -Environment $fallback @'
Import-Module $Manifest
$userData = Get-CloudComposeUserData -Path $Example
$removal = Remove-CloudComposeImageBuilder -Name docker -EndpointUrl $Endpoint -Force -Verbose 4>&1 | Out-String
Write-Result @{
    UserData = $userData.Name
    Removal  = $removal
    Engine   = @(Get-LoadedAssembly 'CloudCompose.Image') + @(Get-LoadedAssembly 'AWSSDK.Core')
    Contexts = @([Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'CloudCompose.Image').Count
}
'@
        $result.UserData | Should -Be 'docker'
        $result.Removal | Should -Match 'DescribeInstances: 0 live builder\(s\) tagged ImageName=docker in us-east-1'
        $result.Engine[0] | Should -Match '^CloudCompose\.Image [\d.]+ @ Default$'
        $result.Engine[1] | Should -Be 'AWSSDK.Core 4.0.0.0 @ Default'
        $result.Contexts | Should -Be 0
    }
}
