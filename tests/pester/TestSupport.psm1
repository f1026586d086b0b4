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

# The console a builder "prints" in the emulator: the wrapper's marker with this build's token and an exit code.
$script:MarkerConsole = "[  OK  ] Reached target Cloud-init target.`nhello from image.sh`nCLOUDCOMPOSE-RESULT {userdata:cloud-compose-token: (\S+)} exit={exitCode}`nreboot: Power down.`n"

function Start-TestEmulator {
    # Starts the built emulator as a child process on 127.0.0.1; it exits by itself when this process does.
    param([double] $TimeScale = 60, [int] $IdleTimeoutSeconds = 600)
    $dir = $env:CC_TEST_EMULATOR_DIR
    if (-not $dir) { $dir = Join-Path $PSScriptRoot '../../out/emulator' }
    $dll = Join-Path $dir 'CloudCompose.Image.Emulator.dll'
    if (-not (Test-Path $dll)) { throw "The emulator is not built ($dll). Run: dotnet pwsh ./build.ps1 -Task Build" }
    $start = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($dll, '--parent-pid', $PID, '--idle-timeout', $IdleTimeoutSeconds, '--time-scale', $TimeScale.ToString([cultureinfo]::InvariantCulture))) { $start.ArgumentList.Add([string]$a) }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait(30000) -or $line.Result -notmatch 'listening on (?<url>http://127\.0\.0\.1:\d+/)') {
        $process.Kill()
        throw "The emulator did not start: $($line.Result) $($process.StandardError.ReadToEnd())"
    }
    $emulator = [pscustomobject]@{ Url = $Matches.url; Process = $process }
    Set-EmulatorEnvironment -Emulator $emulator
    Invoke-Emulator $emulator POST outcomes/default @{ consoleText = $script:MarkerConsole; exitCode = 0 } | Out-Null
    $emulator
}

function Set-EmulatorEnvironment {
    # Credentials that mean nothing, so the SDK's default chain resolves without a real account.
    param($Emulator)
    $env:AWS_ACCESS_KEY_ID = 'AKIDCLOUDCOMPOSETEST'
    $env:AWS_SECRET_ACCESS_KEY = 'not-a-secret-emulator-only'
    $env:AWS_REGION = 'us-east-1'
    Remove-Item Env:AWS_SESSION_TOKEN, Env:AWS_PROFILE -ErrorAction SilentlyContinue
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
    if ($Emulator -and -not $Emulator.Process.HasExited) { $Emulator.Process.Kill(); $Emulator.Process.WaitForExit(5000) | Out-Null }
}

function Invoke-Emulator {
    # Calls the emulator's admin API (JSON under /_emulator/).
    param($Emulator, [string] $Method, [string] $Route, $Body)
    $uri = $Emulator.Url + '_emulator/' + $Route
    # ForEach-Object unrolls a JSON array, so an empty list yields nothing rather than one empty array.
    if ($null -ne $Body) {
        Invoke-RestMethod -Method $Method -Uri $uri -ContentType 'application/json' -Body ($Body | ConvertTo-Json -Depth 10) | ForEach-Object { $_ }
    }
    else { Invoke-RestMethod -Method $Method -Uri $uri | ForEach-Object { $_ } }
}

function Reset-TestEmulator {
    param($Emulator)
    Save-EmulatorActions $Emulator
    Invoke-Emulator $Emulator POST reset | Out-Null
    Invoke-Emulator $Emulator POST outcomes/default @{ consoleText = $script:MarkerConsole; exitCode = 0 } | Out-Null
}

function Set-NextBuildOutcome {
    # The next launch (or -Count launches) behaves as given: exit code, never stopping, terminated underneath…
    param($Emulator, [hashtable] $Outcome, [int] $Count = 1)
    if (-not $Outcome.ContainsKey('consoleText')) { $Outcome.consoleText = $script:MarkerConsole }
    Invoke-Emulator $Emulator POST outcomes @{ count = $Count; outcome = $Outcome } | Out-Null
}

Export-ModuleMember -Function *
