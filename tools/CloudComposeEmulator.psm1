# Starts and drives the bundled EC2 emulator (src/CloudCompose.Image.Emulator) from PowerShell: used by the
# demo, the benchmarks and the Pester tests, and by anyone who wants to try the module without an AWS account.
Set-StrictMode -Version 3

# The console a builder "prints" in the emulator: the wrapper's result marker with this build's token and an exit code.
$script:MarkerConsole = "[  OK  ] Reached target Cloud-init target.`nhello from image.sh`nCLOUDCOMPOSE-RESULT {userdata:cloud-compose-token: (\S+)} exit={exitCode}`nreboot: Power down.`n"
# What the console shows when the wrapper's watchdog shuts a builder down at its deadline.
$script:WatchdogConsole = "CLOUDCOMPOSE-RESULT {userdata:cloud-compose-token: (\S+)} watchdog`nreboot: Power down.`n"

function Start-CloudComposeEmulator {
    # Starts the emulator as a child process on 127.0.0.1; it exits by itself when this process does or when idle.
    param([Parameter(Mandatory)] [string] $EmulatorDir, [double] $TimeScale = 60, [int] $IdleTimeoutSeconds = 600)
    $dll = Join-Path $EmulatorDir 'CloudCompose.Image.Emulator.dll'
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
    Set-EmulatorCredential
    Invoke-Emulator $emulator POST outcomes/default (Get-EmulatorDefaultOutcome) | Out-Null
    $emulator
}

function Set-EmulatorCredential {
    # Keys that mean nothing, so the SDK's default chain resolves without a real account.
    $env:AWS_ACCESS_KEY_ID = 'AKIDCLOUDCOMPOSETEST'
    $env:AWS_SECRET_ACCESS_KEY = 'not-a-secret-emulator-only'
    $env:AWS_REGION = 'us-east-1'
    Remove-Item Env:AWS_SESSION_TOKEN, Env:AWS_PROFILE -ErrorAction SilentlyContinue
}

function Stop-CloudComposeEmulator {
    param($Emulator)
    if ($Emulator -and -not $Emulator.Process.HasExited) { $Emulator.Process.Kill(); $Emulator.Process.WaitForExit(5000) | Out-Null }
}

function Invoke-Emulator {
    # Calls the emulator's admin API (JSON under /_emulator/, see docs/emulator.md).
    param($Emulator, [string] $Method, [string] $Route, $Body)
    $uri = $Emulator.Url + '_emulator/' + $Route
    # ForEach-Object unrolls a JSON array, so an empty list yields nothing rather than one empty array.
    if ($null -ne $Body) {
        Invoke-RestMethod -Method $Method -Uri $uri -ContentType 'application/json' -Body ($Body | ConvertTo-Json -Depth 10) | ForEach-Object { $_ }
    }
    else { Invoke-RestMethod -Method $Method -Uri $uri | ForEach-Object { $_ } }
}

function Get-EmulatorMarkerConsole { $script:MarkerConsole }

function Get-EmulatorWatchdogConsole { $script:WatchdogConsole }

function Get-EmulatorDefaultOutcome {
    # A builder that runs the script, prints the wrapper's marker, and (past its deadline) the watchdog's.
    @{ consoleText = $script:MarkerConsole; watchdogConsoleText = $script:WatchdogConsole; exitCode = 0 }
}

Export-ModuleMember -Function Start-CloudComposeEmulator, Stop-CloudComposeEmulator, Invoke-Emulator, Set-EmulatorCredential, Get-EmulatorMarkerConsole, Get-EmulatorWatchdogConsole, Get-EmulatorDefaultOutcome
