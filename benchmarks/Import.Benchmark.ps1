<#
.SYNOPSIS
    How much CloudCompose.Image adds to a fresh pwsh: import, first user data render, first AWS call.
.DESCRIPTION
    Each figure is the median wall-clock time of -Runs fresh `pwsh -NoProfile` processes (rounds interleave the
    cases, so drift on a busy machine hits them alike); beside it, the median time the work took inside the
    process, which start-up noise on a shared machine does not reach. The import is by name, as after Install-Module. Targets:
    Import-Module + Get-Command ≤ 400 ms over bare pwsh; the first Get-CloudComposeUserData ≤ 1 s over
    bare. Also shows that the AWS SDK is not loaded until an AWS-calling cmdlet needs it. A report, not a test:
    it exits 0 whatever the figures.
.EXAMPLE
    dotnet pwsh ./benchmarks/Import.Benchmark.ps1 -ModuleDir ./out/CloudCompose.Image/0.1.0 -EmulatorDir ./out/emulator
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $EmulatorDir,
    [ValidateRange(5, 50)] [int] $Runs = 9
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

$ModuleDir = (Resolve-Path $ModuleDir).Path
$env:CC_TEST_EMULATOR_DIR = (Resolve-Path $EmulatorDir).Path
Import-Module (Join-Path $PSScriptRoot '../tests/pester/TestSupport.psm1') -Force
$example = (Resolve-Path (Join-Path $PSScriptRoot '../examples/docker')).Path
# Import by name: the folder holding CloudCompose.Image/<version>/ goes first on the module path.
$modulePath = Split-Path (Split-Path $ModuleDir)

function Invoke-Pwsh {
    # One fresh pwsh; returns the elapsed milliseconds and what it printed.
    param([string] $Command)
    $pwsh = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $start = [Diagnostics.ProcessStartInfo]::new($pwsh)
    if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $start.ArgumentList.Add([Environment]::GetCommandLineArgs()[0]) }
    foreach ($a in '-NoProfile', '-NonInteractive', '-Command', $Command) { $start.ArgumentList.Add($a) }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $start.Environment['PSModulePath'] = $modulePath
    $start.Environment['AMI_ID'] = 'ami-6d1c2007'
    $start.Environment['SUBNET_ID'] = 'subnet-9f0074c6'
    $start.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
    $start.Environment['POWERSHELL_UPDATECHECK'] = 'Off'
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $process = [Diagnostics.Process]::Start($start)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    $process.WaitForExit()
    $watch.Stop()
    if ($process.ExitCode -ne 0) { throw "pwsh -c '$Command' failed ($($process.ExitCode)): $($stdout.Result)$($stderr.Result)" }
    $inside = 0.0
    [pscustomobject]@{
        Milliseconds = $watch.Elapsed.TotalMilliseconds
        Inside       = if ([double]::TryParse($stderr.Result.Trim(), [Globalization.NumberStyles]::Float, [cultureinfo]::InvariantCulture, [ref]$inside)) { $inside } else { $null }
        Output       = $stdout.Result.Trim()
    }
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $middle = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

$emulator = Start-TestEmulator
try {
    $awsCount = "@([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -like 'AWSSDK.*' }).Count"
    # Each case also times its own work inside the process (stderr), which process start-up noise does not reach.
    $timed = { param($work) "`$w = [Diagnostics.Stopwatch]::StartNew(); $work; [Console]::Error.Write(`$w.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture))" }
    $cases = [ordered]@{
        'bare pwsh -NoProfile -c 1'                      = '1'
        'Import-Module + Get-Command -Module'            = & $timed 'Import-Module CloudCompose.Image; $null = Get-Command -Module CloudCompose.Image'
        'Import-Module + first Get-CloudComposeUserData' = & $timed "Import-Module CloudCompose.Image; `$null = Get-CloudComposeUserData -Path '$example'"
        'Import-Module + first AWS call (emulator)'      = & $timed "Import-Module CloudCompose.Image; `$null = Remove-CloudComposeImageBuilder -Name docker -EndpointUrl '$($emulator.Url)' -Force"
    }

    # One warm-up of each (disk cache, first JIT of pwsh itself), then interleaved rounds.
    foreach ($command in $cases.Values) { $null = Invoke-Pwsh $command }
    $times = @{}
    $inside = @{}
    foreach ($name in $cases.Keys) { $times[$name] = [Collections.Generic.List[double]]::new(); $inside[$name] = [Collections.Generic.List[double]]::new() }
    for ($round = 1; $round -le $Runs; $round++) {
        foreach ($name in $cases.Keys) {
            $run = Invoke-Pwsh $cases[$name]
            $times[$name].Add($run.Milliseconds)
            if ($null -ne $run.Inside) { $inside[$name].Add($run.Inside) }
        }
    }

    $bare = Get-Median $times['bare pwsh -NoProfile -c 1']
    $targets = @{ 'Import-Module + Get-Command -Module' = 400; 'Import-Module + first Get-CloudComposeUserData' = 1000 }
    Write-Host ("Import benchmark: median of {0} fresh processes each (PowerShell {1}, {2} cores, load average {3})" -f $Runs, $PSVersionTable.PSVersion, [Environment]::ProcessorCount, $(if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg).Split(' ')[0] } else { 'n/a' }))
    foreach ($name in $cases.Keys) {
        $median = Get-Median $times[$name]
        $line = '  {0,-48} {1,7:N0} ms' -f $name, $median
        if ($name -ne 'bare pwsh -NoProfile -c 1') {
            $line += '   +{0,5:N0} ms over bare (in-process {1,4:N0} ms)' -f ($median - $bare), (Get-Median $inside[$name])
            if ($targets.Contains($name)) {
                $verdict = if ($median - $bare -le $targets[$name]) { 'within' } else { 'OVER' }
                $line += '   target <= {0} ms: {1}' -f $targets[$name], $verdict
            }
        }
        Write-Host $line
    }

    $lazy = Invoke-Pwsh ("Import-Module CloudCompose.Image; `$a = $awsCount; `$null = Get-CloudComposeUserData -Path '$example'; `$b = $awsCount; " +
        "`$null = Remove-CloudComposeImageBuilder -Name docker -EndpointUrl '$($emulator.Url)' -Force; `$c = $awsCount; `"`$a `$b `$c`"")
    $counts = $lazy.Output -split ' '
    Write-Host ('AWSSDK assemblies loaded: after Import-Module {0}, after Get-CloudComposeUserData {1}, after the first AWS-calling cmdlet {2}' -f $counts[0], $counts[1], $counts[2])
}
finally {
    Stop-TestEmulator $emulator
}
