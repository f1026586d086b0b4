# Shared set-up for the Pester files: where the built module is, and small helpers.
Set-StrictMode -Version 3

function Get-TestModuleManifest {
    $dir = $env:CC_TEST_MODULE_DIR
    if (-not $dir) {
        # Run outside build.ps1: take the newest build under out/.
        $root = Join-Path $PSScriptRoot '../../out/CloudCompose.Image'
        $dir = Get-ChildItem $root -Directory | Sort-Object { [version]$_.Name } | Select-Object -Last 1 -ExpandProperty FullName
    }
    $manifest = Join-Path $dir 'CloudCompose.Image.psd1'
    if (-not (Test-Path $manifest)) { throw "The module is not built ($manifest). Run: dotnet pwsh ./build.ps1 -Task Build" }
    $manifest
}

function New-TestFolder {
    $path = Join-Path ([IO.Path]::GetTempPath()) ("cc-pester-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $path | Out-Null
    $path
}

function Write-TestFile {
    param([string] $Folder, [string] $RelativePath, [string] $Content)
    $full = Join-Path $Folder $RelativePath
    New-Item -ItemType Directory -Force -Path (Split-Path $full) | Out-Null
    [IO.File]::WriteAllText($full, $Content)
    $full
}

function Get-FolderSnapshot {
    # Names, sizes and hashes of every file: "changes nothing" is asserted by comparing two snapshots.
    param([string] $Folder)
    Get-ChildItem -Recurse -File $Folder | Sort-Object FullName | ForEach-Object {
        '{0} {1}' -f $_.FullName, (Get-FileHash $_.FullName -Algorithm SHA256).Hash
    }
}

function Invoke-Pwsh {
    # Runs a command in a fresh pwsh with the module imported; returns the exit code and output.
    param([string] $Command, [string] $WorkingDirectory = (Get-Location).Path)
    $manifest = Get-TestModuleManifest
    $script = "Import-Module '$manifest'; $Command"
    $pwsh = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $arguments = @()
    if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') {
        # Running as a dotnet tool: the host is dotnet and pwsh.dll is the first argument.
        $arguments += [Environment]::GetCommandLineArgs()[0]
    }
    $arguments += @('-NoProfile', '-NonInteractive', '-Command', $script)
    Push-Location $WorkingDirectory
    try {
        $output = & $pwsh @arguments 2>&1 | Out-String
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output }
    }
    finally { Pop-Location }
}

Import-Module (Join-Path $PSScriptRoot '../../tools/CloudComposeEmulator.psm1') -Force -Global

function Start-TestEmulator {
    param([double] $TimeScale = 60, [int] $IdleTimeoutSeconds = 600)
    $dir = $env:CC_TEST_EMULATOR_DIR
    if (-not $dir) { $dir = Join-Path $PSScriptRoot '../../out/emulator' }
    Start-CloudComposeEmulator -EmulatorDir $dir -TimeScale $TimeScale -IdleTimeoutSeconds $IdleTimeoutSeconds
}

function Save-EmulatorActions {
    # Appends the EC2 actions the emulator has counted to <results>/emulator-actions.txt, so IamPolicy.Tests can check
    # that docs/iam-policy.json allows everything the suite called. Never fails a test.
    param($Emulator)
    if (-not $env:CC_TEST_RESULTS_DIR -or -not $Emulator -or $Emulator.Process.HasExited) { return }
    try {
        $counters = Invoke-RestMethod -Uri ($Emulator.Url + '_emulator/counters') -TimeoutSec 5
        $names = @($counters.PSObject.Properties | Where-Object { $_.Value -gt 0 } | ForEach-Object Name)
        if ($names) { Add-Content -Path (Join-Path $env:CC_TEST_RESULTS_DIR 'emulator-actions.txt') -Value $names }
    }
    catch { Write-Verbose "Could not read the emulator's counters: $_" }
}

function Stop-TestEmulator {
    param($Emulator)
    Save-EmulatorActions $Emulator
    Stop-CloudComposeEmulator $Emulator
}

function Reset-TestEmulator {
    param($Emulator)
    Save-EmulatorActions $Emulator
    Invoke-Emulator $Emulator POST reset | Out-Null
    Invoke-Emulator $Emulator POST outcomes/default (Get-EmulatorDefaultOutcome) | Out-Null
}

function Set-NextBuildOutcome {
    # The next launch (or -Count launches) behaves as given: exit code, never stopping, terminated underneath…
    param($Emulator, [hashtable] $Outcome, [int] $Count = 1)
    if (-not $Outcome.ContainsKey('consoleText')) { $Outcome.consoleText = (Get-EmulatorMarkerConsole) }
    if (-not $Outcome.ContainsKey('watchdogConsoleText')) { $Outcome.watchdogConsoleText = (Get-EmulatorWatchdogConsole) }
    Invoke-Emulator $Emulator POST outcomes @{ count = $Count; outcome = $Outcome } | Out-Null
}

Export-ModuleMember -Function *
