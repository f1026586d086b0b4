# The module as the PowerShell Gallery ships it: the manifest, the .nupkg that `build.ps1 -Task Package` makes, and
# installing that package from a local folder repository into a fresh pwsh with Install-Module and Install-PSResource.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Manifest = Get-TestModuleManifest
    $script:ModuleDir = Split-Path $Manifest
    $script:Data = Import-PowerShellDataFile $Manifest
    $script:FileList = Import-PowerShellDataFile (Join-Path $Root 'build/ModuleFiles.psd1')
    $props = [xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))
    $script:Version = @($props.Project.PropertyGroup | ForEach-Object { $_.SelectSingleNode('VersionPrefix') } | Where-Object { $_ })[0].InnerText
    $script:Package = if ($env:CC_TEST_PACKAGE) { $env:CC_TEST_PACKAGE } else { Join-Path $Root "out/CloudCompose.Image.$Version.nupkg" }
    if (-not (Test-Path $Package)) { throw "The package is not built ($Package). Run: dotnet pwsh ./build.ps1 -Task Package" }

    function Get-PackageEntry {
        # Paths inside the .nupkg, with NuGet's own bookkeeping (nuspec, _rels, content types, psmdcp) left out.
        $zip = [IO.Compression.ZipFile]::OpenRead($Package)
        try {
            $zip.Entries | Where-Object { $_.Length -gt 0 -or -not $_.FullName.EndsWith('/') } | ForEach-Object { [Uri]::UnescapeDataString($_.FullName) } |
                Where-Object { $_ -notmatch '^(_rels/|package/|\[Content_Types\]\.xml$|CloudCompose\.Image\.nuspec$)' } | Sort-Object
        }
        finally { $zip.Dispose() }
    }

    function Get-Nuspec {
        $zip = [IO.Compression.ZipFile]::OpenRead($Package)
        try {
            $reader = [IO.StreamReader]::new($zip.GetEntry('CloudCompose.Image.nuspec').Open())
            try { ([xml]$reader.ReadToEnd()).package.metadata } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
    }
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest' {
        $module = Test-ModuleManifest -Path $Manifest -ErrorAction Stop
        $module.Name | Should -Be 'CloudCompose.Image'
        $module.Version | Should -Be ([version]$Version)
    }

    It 'exports cmdlets by name only: no wildcard, no function, alias or variable' {
        $Data.CmdletsToExport | Should -Not -BeNullOrEmpty
        $Data.CmdletsToExport | Where-Object { $_ -match '[*?]' } | Should -BeNullOrEmpty
        @($Data.FunctionsToExport).Count | Should -Be 0
        @($Data.AliasesToExport).Count | Should -Be 0
        @($Data.VariablesToExport).Count | Should -Be 0
    }

    It 'lists exactly the cmdlets the assembly defines, and Get-Command shows them all' {
        $run = Invoke-ChildPwsh -Script @"
Import-Module '$Manifest'
`$assembly = (Get-Module CloudCompose.Image).ImplementingAssembly
`$defined = `$assembly.ExportedTypes | ForEach-Object { `$_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], `$false) } | ForEach-Object { "`$(`$_.VerbName)-`$(`$_.NounName)" }
Write-Result @{ Defined = @(`$defined | Sort-Object); Commands = @(Get-Command -Module CloudCompose.Image | ForEach-Object Name | Sort-Object) }
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Result.Defined | Should -Be @($Data.CmdletsToExport | Sort-Object)
        $run.Result.Commands | Should -Be @($Data.CmdletsToExport | Sort-Object)
    }

    It 'has the gallery metadata' {
        $Data.Description | Should -Not -BeNullOrEmpty
        $Data.Author | Should -Not -BeNullOrEmpty
        $Data.CompanyName | Should -Not -BeNullOrEmpty
        $Data.Copyright | Should -Match 'MIT'
        $Data.PowerShellVersion | Should -Be '5.1'
        $Data.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $Data.PrivateData.PSData.Tags | Should -Contain 'AWS'
        $Data.PrivateData.PSData.ProjectUri | Should -Match '^https://'
        $Data.PrivateData.PSData.LicenseUri | Should -Match '^https://.*LICENSE$'
        $Data.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'takes its version from Directory.Build.props, as the assemblies do' {
        $Data.ModuleVersion | Should -Be $Version
        foreach ($dll in $FileList.Root) {
            [Reflection.AssemblyName]::GetAssemblyName((Join-Path $ModuleDir $dll)).Version | Should -Be ([version]"$Version.0")
        }
    }

    It 'loads only the output types eagerly; the engine is not a required assembly' {
        $Data.RequiredAssemblies | Should -Be @('CloudCompose.Image.Model.dll')
        $Data.RootModule | Should -Be 'CloudCompose.Image.PowerShell.dll'
    }
}

Describe 'The package' {
    It 'is named after the module and version' {
        Split-Path $Package -Leaf | Should -Be "CloudCompose.Image.$Version.nupkg"
    }

    It 'ships exactly the DLLs of build/ModuleFiles.psd1: ours next to the manifest, the rest in dependencies/' {
        $expected = @($FileList.Root) + @($FileList.Dependencies | ForEach-Object { "dependencies/$_" })
        $dlls = @(Get-PackageEntry | Where-Object { $_ -like '*.dll' })
        $dlls | Should -Be @($expected | Sort-Object)
        # No name twice anywhere (a stray copy of AWSSDK.Core next to the manifest would load into the default context).
        $dlls | ForEach-Object { Split-Path $_ -Leaf } | Group-Object | Where-Object Count -gt 1 | Should -BeNullOrEmpty
    }

    It 'holds nothing else than the manifest, LICENSE, the files under module/ and the help built from docs/en-US' {
        $moduleSource = Join-Path $Root 'module'
        $fromModuleFolder = Get-ChildItem $moduleSource -Recurse -File | Where-Object Name -ne 'CloudCompose.Image.psd1' |
            ForEach-Object { [IO.Path]::GetRelativePath($moduleSource, $_.FullName).Replace('\', '/') }
        $help = @('en-US/CloudCompose.Image.PowerShell.dll-Help.xml') +
            @(Get-ChildItem (Join-Path $Root 'docs/en-US') -Filter 'about_*.help.txt' | ForEach-Object { "en-US/$($_.Name)" })
        $expected = @('CloudCompose.Image.psd1', 'LICENSE') + @($fromModuleFolder) + $help
        @(Get-PackageEntry | Where-Object { $_ -notlike '*.dll' }) | Should -Be @($expected | Sort-Object)
    }

    It 'is the built module folder, file for file' {
        $built = Get-ChildItem $ModuleDir -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($ModuleDir, $_.FullName).Replace('\', '/') } | Sort-Object
        @(Get-PackageEntry) | Should -Be @($built)
    }

    It 'carries the manifest metadata in its nuspec' {
        $nuspec = Get-Nuspec
        $nuspec.id | Should -Be 'CloudCompose.Image'
        $nuspec.version | Should -Be $Version
        $nuspec.authors | Should -Be $Data.Author
        $nuspec.description | Should -Be $Data.Description
        $nuspec.projectUrl | Should -Be $Data.PrivateData.PSData.ProjectUri
        $nuspec.licenseUrl | Should -Be $Data.PrivateData.PSData.LicenseUri
        $nuspec.releaseNotes | Should -Not -BeNullOrEmpty
        $nuspec.tags -split ' ' | Should -Contain 'PSModule'
    }

    It 'ships the MIT license text' {
        Get-Content -Raw (Join-Path $ModuleDir 'LICENSE') | Should -Match '^MIT License'
    }
}

Describe 'Installing from a local folder repository' {
    BeforeAll {
        $script:Emulator = Start-TestEmulator -TimeScale 60
        $script:Example = (Resolve-Path (Join-Path $Root 'examples/docker')).Path
        $script:Work = New-TestFolder
        $script:Repository = New-Item -ItemType Directory (Join-Path $Work 'repository')

        function Get-InstallEnvironment {
            # A home of its own: repository registrations, caches and the CurrentUser module folder all land in it.
            param([string] $Name)
            $homeDir = (New-Item -ItemType Directory (Join-Path $Work $Name)).FullName
            @{
                HOME                      = $homeDir
                XDG_DATA_HOME             = $null
                XDG_CONFIG_HOME           = $null
                XDG_CACHE_HOME            = $null
                PSModulePath              = Join-Path $homeDir '.local/share/powershell/Modules'
                PSModuleAnalysisCachePath = Join-Path $homeDir 'analysis-cache'
                AMI_ID                    = 'ami-6d1c2007'
                SUBNET_ID                 = 'subnet-9f0074c6'
            }
        }

        # What every installed copy must do: import by name, list its cmdlets, render user data and call EC2.
        $script:UseInstalledModule = @"
Import-Module CloudCompose.Image
`$module = Get-Module CloudCompose.Image
`$userData = Get-CloudComposeUserData -Path '$Example'
`$removal = Remove-CloudComposeImageBuilder -Name docker -EndpointUrl '$($Emulator.Url)' -Force -Verbose 4>&1 | Out-String
Write-Result @{
    ModuleBase = `$module.ModuleBase
    Version    = `$module.Version.ToString()
    Commands   = @(Get-Command -Module CloudCompose.Image | ForEach-Object Name | Sort-Object)
    UserData   = `$userData.GetType().FullName + ' ' + `$userData.Name + ' ' + `$userData.Version
    Removal    = `$removal
}
"@

        # Publishing is the same for both clients: the package goes into a folder repository.
        $publish = Invoke-ChildPwsh -Environment (Get-InstallEnvironment 'publisher') -Script @"
Register-PSResourceRepository -Name CloudComposeLocal -Uri '$Repository' -Trusted
Publish-PSResource -NupkgPath '$Package' -Repository CloudComposeLocal
"@
        if ($publish.ExitCode -ne 0) { throw "Publish-PSResource failed: $($publish.Output)" }
    }

    AfterAll {
        Stop-TestEmulator $Emulator
        Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue
    }

    It 'has the package in the repository after Publish-PSResource' {
        Get-ChildItem $Repository | ForEach-Object Name | Should -Be "CloudCompose.Image.$Version.nupkg"
    }

    It 'installs with Install-Module (PowerShellGet), imports by name and runs' {
        $environment = Get-InstallEnvironment 'powershellget'
        $run = Invoke-ChildPwsh -Environment $environment -Script (@"
Register-PSRepository -Name CloudComposeLocal -SourceLocation '$Repository' -InstallationPolicy Trusted
Install-Module CloudCompose.Image -Repository CloudComposeLocal -Scope CurrentUser
"@ + "`n" + $UseInstalledModule)

        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Result.ModuleBase | Should -Be (Join-Path $environment.PSModulePath "CloudCompose.Image/$Version")
        $run.Result.Version | Should -Be $Version
        $run.Result.Commands | Should -Be @($Data.CmdletsToExport | Sort-Object)
        $run.Result.UserData | Should -Be 'CloudCompose.Image.Rendering.UserDataScript docker 1.10'
        $run.Result.Removal | Should -Match 'DescribeInstances: 0 live builder\(s\) tagged ImageName=docker in us-east-1'
    }

    It 'installs with Install-PSResource (PSResourceGet), imports by name and runs' {
        $environment = Get-InstallEnvironment 'psresourceget'
        $run = Invoke-ChildPwsh -Environment $environment -Script (@"
Register-PSResourceRepository -Name CloudComposeLocal -Uri '$Repository' -Trusted
Install-PSResource CloudCompose.Image -Repository CloudComposeLocal -Scope CurrentUser -TrustRepository
"@ + "`n" + $UseInstalledModule)

        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Result.ModuleBase | Should -Be (Join-Path $environment.PSModulePath "CloudCompose.Image/$Version")
        $run.Result.Commands | Should -Be @($Data.CmdletsToExport | Sort-Object)
        $run.Result.UserData | Should -Be 'CloudCompose.Image.Rendering.UserDataScript docker 1.10'
        $run.Result.Removal | Should -Match 'DescribeInstances: 0 live builder\(s\) tagged ImageName=docker in us-east-1'
    }
}
