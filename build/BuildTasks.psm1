# The tasks behind build.ps1. Each fails with a terminating error when a step fails.
Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'

function New-BuildContext {
    param([string] $Root, [string] $Configuration)
    $props = [xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))
    $version = @($props.Project.PropertyGroup | ForEach-Object { $_.SelectSingleNode('VersionPrefix') } | Where-Object { $_ })[0].InnerText
    [pscustomobject]@{
        Root          = $Root
        Configuration = $Configuration
        Version       = $version
        Out           = Join-Path $Root 'out'
        ModuleRoot    = Join-Path $Root 'out/CloudCompose.Image'
        ModuleDir     = Join-Path $Root "out/CloudCompose.Image/$version"
        EmulatorDir   = Join-Path $Root 'out/emulator'
        StagingDir    = Join-Path $Root 'out/staging/module'
        PackageDir    = Join-Path $Root 'out'
        PackagePath   = Join-Path $Root "out/CloudCompose.Image.$version.nupkg"
        ResultsDir    = Join-Path $Root 'out/TestResults'
    }
}

function Invoke-Native {
    # Runs a native command and turns a non-zero exit code into an error. Its output goes to the host, never into the
    # caller's return value (a task's result must be only what the task returns).
    param([string] $What, [scriptblock] $Command)
    & $Command | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
}

function Invoke-CleanTask {
    param($Context)
    if (Test-Path $Context.Out) { Remove-Item -Recurse -Force $Context.Out }
    Invoke-Native 'dotnet clean' { dotnet clean (Join-Path $Context.Root 'CloudCompose.Image.slnx') -c $Context.Configuration --nologo -v q }
}

function Invoke-BuildTask {
    param($Context)
    if (Test-Path $Context.ModuleDir) { Remove-Item -Recurse -Force $Context.ModuleDir }
    if (Test-Path $Context.StagingDir) { Remove-Item -Recurse -Force $Context.StagingDir }
    $cmdletProject = Join-Path $Context.Root 'src/CloudCompose.Image.PowerShell/CloudCompose.Image.PowerShell.csproj'
    $isolationProject = Join-Path $Context.Root 'src/CloudCompose.Image.Isolation/CloudCompose.Image.Isolation.csproj'
    Invoke-Native 'Publishing the module' { dotnet publish $cmdletProject -c $Context.Configuration -o $Context.StagingDir --nologo -v q }
    Invoke-Native 'Publishing the load context' { dotnet publish $isolationProject -c $Context.Configuration -o $Context.StagingDir --nologo -v q }
    Copy-ModuleFile -Context $Context

    $manifest = Get-Content -Raw (Join-Path $Context.Root 'module/CloudCompose.Image.psd1')
    $manifest = $manifest -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion = '$($Context.Version)'"
    Set-Content -Path (Join-Path $Context.ModuleDir 'CloudCompose.Image.psd1') -Value $manifest -NoNewline
    Get-ChildItem (Join-Path $Context.Root 'module') | Where-Object Name -ne 'CloudCompose.Image.psd1' |
        Copy-Item -Destination $Context.ModuleDir -Recurse
    Copy-Item (Join-Path $Context.Root 'LICENSE') -Destination $Context.ModuleDir

    # Help: MAML and about_ topics from docs/en-US into <module>/en-US, generated in a child pwsh.
    Invoke-HelpGeneration -Context $Context

    $emulatorProject = Join-Path $Context.Root 'src/CloudCompose.Image.Emulator/CloudCompose.Image.Emulator.csproj'
    if (Test-Path $emulatorProject) {
        Invoke-Native 'Publishing the emulator' { dotnet publish $emulatorProject -c $Context.Configuration -o $Context.EmulatorDir --nologo -v q }
    }
    Write-Host "Module: $($Context.ModuleDir)"
}

function Invoke-HelpGeneration {
    # Writes en-US/CloudCompose.Image.PowerShell.dll-Help.xml and the about_ topics into the built module.
    param($Context)
    $script = Join-Path $Context.Root 'build/New-ExternalHelp.ps1'
    Invoke-Native 'Generating help' { dotnet pwsh -NoProfile -NonInteractive -File $script -ModuleDir $Context.ModuleDir -DocsDir (Join-Path $Context.Root 'docs/en-US') }
}

function Get-ModuleFileList {
    # The explicit list of shipped DLLs (build/ModuleFiles.psd1): Root next to the manifest, Dependencies in dependencies/.
    param($Context)
    Import-PowerShellDataFile (Join-Path $Context.Root 'build/ModuleFiles.psd1')
}

function Copy-ModuleFile {
    # Lays out the module from the publish output: only listed DLLs, each once; anything unlisted stops the build.
    param($Context)
    $list = Get-ModuleFileList -Context $Context
    $published = @(Get-ChildItem $Context.StagingDir -Filter '*.dll' | ForEach-Object Name)
    $listed = @($list.Root) + @($list.Dependencies)
    $unlisted = @($published | Where-Object { $_ -notin $listed })
    $missing = @($listed | Where-Object { $_ -notin $published })
    if ($unlisted) { throw "The publish output has DLLs that build/ModuleFiles.psd1 does not list: $($unlisted -join ', '). Ship them deliberately (add them) or drop the reference." }
    if ($missing) { throw "build/ModuleFiles.psd1 lists DLLs the publish output lacks: $($missing -join ', ')." }

    $dependencies = Join-Path $Context.ModuleDir 'dependencies'
    New-Item -ItemType Directory -Force $dependencies | Out-Null
    foreach ($name in $list.Root) { Copy-Item (Join-Path $Context.StagingDir $name) -Destination $Context.ModuleDir }
    foreach ($name in $list.Dependencies) { Copy-Item (Join-Path $Context.StagingDir $name) -Destination $dependencies }
}

function Get-PesterModulePath {
    param($Context)
    $toolsProject = Join-Path $Context.Root 'build/tools.proj'
    Invoke-Native 'Restoring test tools' { dotnet restore $toolsProject --nologo -v q }
    $packages = $env:NUGET_PACKAGES
    if (-not $packages) {
        $line = dotnet nuget locals global-packages --list
        $packages = ($line -replace '^global-packages:\s*', '').Trim()
    }
    $pesterVersion = ([xml](Get-Content -Raw $toolsProject)).Project.ItemGroup.PackageDownload |
        Where-Object Include -eq 'Pester' | ForEach-Object { $_.Version.Trim('[', ']') }
    $path = Join-Path $packages "pester/$pesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $path)) { throw "Pester $pesterVersion was not found at $path after restore." }
    $path
}

function Read-TrxCounts {
    param([string] $Path)
    $trx = [xml](Get-Content -Raw $Path)
    $counters = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int]$counters.passed
        Failed  = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        Skipped = [int]$counters.notExecuted
    }
}

function Invoke-UnitTests {
    param($Context)
    $totals = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    $projects = Get-ChildItem (Join-Path $Context.Root 'tests/unit') -Recurse -Filter '*.Tests.csproj'
    foreach ($project in $projects) {
        $trxName = "$($project.BaseName).trx"
        $trxPath = Join-Path $Context.ResultsDir $trxName
        if (Test-Path $trxPath) { Remove-Item $trxPath }
        Write-Host "--- xunit: $($project.BaseName)"
        dotnet test $project.FullName -c $Context.Configuration --nologo --results-directory $Context.ResultsDir `
            --logger "trx;LogFileName=$trxName" --logger 'console;verbosity=minimal' | Write-Host
        $exit = $LASTEXITCODE
        if (Test-Path $trxPath) {
            $counts = Read-TrxCounts $trxPath
            $totals.Passed += $counts.Passed
            $totals.Failed += $counts.Failed
            $totals.Skipped += $counts.Skipped
            if ($exit -ne 0 -and $counts.Failed -eq 0) { $totals.Failed += 1; Write-Host "dotnet test exited $exit with no failed test: counted as one failure." }
        }
        else {
            Write-Host "dotnet test wrote no results for $($project.BaseName) (exit $exit): counted as one failure." -ForegroundColor Red
            $totals.Failed += 1
        }
    }
    $totals
}

function Invoke-PesterTests {
    param($Context, [string] $Filter)
    $pester = Get-PesterModulePath -Context $Context
    $resultFile = Join-Path $Context.ResultsDir 'pester-counts.json'
    if (Test-Path $resultFile) { Remove-Item $resultFile }
    $runner = Join-Path $Context.Root 'tests/pester/Invoke-PesterTests.ps1'
    Write-Host "--- Pester"
    Push-Location $Context.Root
    try {
        # A child pwsh keeps the module's DLLs out of this build process, so the next build can overwrite them.
        # The filter travels in the environment: pwsh on Unix would glob a '*' argument given to a native command.
        $env:CC_PESTER_FILTER = $Filter
        $env:CC_TEST_PACKAGE = $Context.PackagePath
        dotnet pwsh -NoProfile -NonInteractive -File $runner -PesterPath $pester -ModuleDir $Context.ModuleDir `
            -EmulatorDir $Context.EmulatorDir -ResultFile $resultFile -ResultsDir $Context.ResultsDir | Write-Host
    }
    finally { Pop-Location; Remove-Item Env:CC_PESTER_FILTER, Env:CC_TEST_PACKAGE -ErrorAction SilentlyContinue }
    if (-not (Test-Path $resultFile)) {
        Write-Host 'Pester wrote no results: counted as one failure.' -ForegroundColor Red
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    $counts = Get-Content -Raw $resultFile | ConvertFrom-Json
    # A run that found no tests or stopped before counting (a filter matching no file, Pester itself failing) is a failure.
    if ($null -eq $counts.Passed -or $null -eq $counts.Failed -or ($counts.Passed + $counts.Failed) -eq 0) {
        Write-Host 'Pester ran no tests: counted as one failure.' -ForegroundColor Red
        return [pscustomobject]@{ Passed = [int]$counts.Passed; Failed = [int]$counts.Failed + 1; Skipped = [int]$counts.Skipped }
    }
    $counts
}

function Invoke-TestTask {
    param($Context, [string] $PesterFilter = '*')
    New-Item -ItemType Directory -Force $Context.ResultsDir | Out-Null
    $null = Invoke-BuildTask -Context $Context
    $null = New-ModulePackage -Context $Context
    $unit = Invoke-UnitTests -Context $Context
    $pester = Invoke-PesterTests -Context $Context -Filter $PesterFilter
    Write-Host ("xunit:  {0} passed, {1} failed, {2} skipped" -f $unit.Passed, $unit.Failed, $unit.Skipped)
    Write-Host ("Pester: {0} passed, {1} failed, {2} skipped" -f $pester.Passed, $pester.Failed, $pester.Skipped)
    $passed = $unit.Passed + $pester.Passed
    $failed = $unit.Failed + $pester.Failed
    $skipped = $unit.Skipped + $pester.Skipped
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    return ($failed -eq 0 -and ($passed + $failed) -gt 0)
}

function Invoke-DemoTask {
    param($Context)
    Invoke-BuildTask -Context $Context
    $demo = Join-Path $Context.Root 'examples/Start-Demo.ps1'
    Push-Location $Context.Root
    try { Invoke-Native 'The demo' { dotnet pwsh -NoProfile -NonInteractive -File $demo -ModuleDir $Context.ModuleDir -EmulatorDir $Context.EmulatorDir } }
    finally { Pop-Location }
}

function Invoke-PackageTask {
    # The gallery package: out/CloudCompose.Image.<version>.nupkg, made from the built module folder.
    param($Context)
    Invoke-BuildTask -Context $Context
    New-ModulePackage -Context $Context
}

function New-ModulePackage {
    param($Context)
    $manifest = Join-Path $Context.ModuleDir 'CloudCompose.Image.psd1'
    Test-ModuleManifest -Path $manifest -ErrorAction Stop | Out-Null
    if (Test-Path $Context.PackagePath) { Remove-Item $Context.PackagePath }
    # Compress-PSResource (PSResourceGet 1.1+, shipped with PowerShell 7.6) writes what Publish-PSResource would upload,
    # without registering a repository: a nuspec made from the manifest's metadata, and the module folder as is.
    Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
    Compress-PSResource -Path $Context.ModuleDir -DestinationPath $Context.PackageDir
    if (-not (Test-Path $Context.PackagePath)) { throw "Compress-PSResource did not write $($Context.PackagePath)." }
    Write-Host "Package: $($Context.PackagePath)"
}

function Invoke-BenchmarkTask {
    param($Context)
    Invoke-BuildTask -Context $Context
    $scripts = Get-ChildItem (Join-Path $Context.Root 'benchmarks') -Filter '*.ps1' -ErrorAction SilentlyContinue
    if (-not $scripts) { throw 'No benchmark scripts under benchmarks/.' }
    Push-Location $Context.Root
    try {
        foreach ($script in $scripts) {
            Invoke-Native $script.Name { dotnet pwsh -NoProfile -NonInteractive -File $script.FullName -ModuleDir $Context.ModuleDir -EmulatorDir $Context.EmulatorDir }
        }
    }
    finally { Pop-Location }
}

Export-ModuleMember -Function New-BuildContext, Invoke-*Task
