<#
.SYNOPSIS
    Stop-detection lag, API cost and controller memory of 100 concurrent bakes with live logs, beside today's design,
    against the bundled EC2 emulator.
.DESCRIPTION
    The same builds run twice, each time in a fresh pwsh with an emulator of its own (so pollers, budgets and counters
    start clean): with live logs (the default: GetConsoleOutput Latest=true within the shared budget, the result marker
    acted on as soon as it shows), and with today's design — the shared poller alone, the console read once the builder
    has stopped (-NoLiveLog). Each builder's script runs 30-180 s (seeded) and prints a line a second.

    For every build the lag between the instance reaching 'stopped' and CreateImage being issued is read from the
    emulator's clock and request log; all DescribeInstances, DescribeImages and GetConsoleOutput calls of the run per
    second of its wall time from its counters; the controller's peak working set from the child process itself. The
    original tool's fixed 20 s poll per build is computed from the same launch and stop times as a further baseline.
    Targets: median lag <= 1 s, all Describe and GetConsoleOutput calls together <= 2 per second, controller <= 300 MB.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $EmulatorDir,
    [int] $Builds = 100,
    [int] $MinSeconds = 30,
    [int] $MaxSeconds = 180,
    [int] $Seed = 20261202,
    # Set by this script for its child runs: one design, its figures written back as JSON.
    [ValidateSet('', 'Live', 'Polling')] [string] $Design = ''
)
$ErrorActionPreference = 'Stop'

function Get-Percentile([double[]] $Values, [double] $P) {
    $sorted = $Values | Sort-Object
    $sorted[[math]::Min($sorted.Count - 1, [math]::Ceiling($P * $sorted.Count) - 1)]
}

if ($Design) {
    Import-Module (Join-Path (Resolve-Path $ModuleDir) 'CloudCompose.Image.psd1')
    Import-Module (Join-Path $PSScriptRoot '../tools/CloudComposeEmulator.psm1')
    # Real time (scale 1): the poller's intervals are real seconds, so the lag is measured as a user would see it.
    $emulator = Start-CloudComposeEmulator -EmulatorDir $EmulatorDir -TimeScale 1
    $root = Join-Path ([IO.Path]::GetTempPath()) ("cc-bench-bake-" + [guid]::NewGuid().ToString('N'))
    try {
        Invoke-Emulator $emulator POST seed @{ images = @(@{ id = 'ami-6d1c2007'; name = 'base'; ownerId = '137112412989'; public = $true }) } | Out-Null
        Invoke-Emulator $emulator POST delays @{ pendingDelay = 2; stopDelay = 3; imageDelay = 5 } | Out-Null
        $random = [Random]::new($Seed)
        $printed = 0
        foreach ($i in 1..$Builds) {
            New-Item -ItemType Directory -Force "$root/b$i" | Out-Null
            Set-Content "$root/b$i/cloud-compose.yml" "image:`n  name: bench$i`n  version: '1'`n  aws:`n    ami: ami-6d1c2007`n    subnet: subnet-0123abcd`n    instance_type: t3.micro`n"
            Set-Content "$root/b$i/image.sh" "echo bench$i"
            # The stops are spread out, as real builds' are; each script prints a line a second.
            $seconds = $random.Next($MinSeconds, $MaxSeconds + 1)
            $lines = @(foreach ($n in 1..($seconds - 1)) { @{ at = $n; text = "bench$i step $n of $seconds" } })
            $printed += $lines.Count
            Invoke-Emulator $emulator POST outcomes @{ userDataContains = "echo bench$i`n"; count = 1; outcome = @{ consoleLines = $lines; consoleText = (Get-EmulatorMarkerConsole); scriptDuration = $seconds } } | Out-Null
        }
        Invoke-Emulator $emulator DELETE counters | Out-Null
        Invoke-Emulator $emulator DELETE requests | Out-Null

        $watch = [Diagnostics.Stopwatch]::StartNew()
        $images = Get-ChildItem $root -Recurse -Filter cloud-compose.yml |
            New-CloudComposeImage -EndpointUrl $emulator.Url -ThrottleLimit $Builds -NoCleanup -NoLiveLog:($Design -eq 'Polling') -InformationVariable log -InformationAction SilentlyContinue
        $watch.Stop()
        if (@($images).Count -ne $Builds) { throw "Only $(@($images).Count) of $Builds builds succeeded." }
        $peakMb = (Get-Process -Id $PID).PeakWorkingSet64 / 1MB

        $instances = @(Invoke-Emulator $emulator GET instances)
        $creates = @(Invoke-Emulator $emulator GET 'requests?action=CreateImage&limit=10000')
        $launches = @(Invoke-Emulator $emulator GET 'requests?action=RunInstances&limit=10000')
        $lags = @(); $original = @(); $whileRunning = 0
        $stopped = @{}
        foreach ($image in $images) {
            $instance = $instances | Where-Object id -eq $image.BuilderInstanceId
            $create = $creates | Where-Object { $_.parameters.InstanceId -eq $image.BuilderInstanceId } | Select-Object -First 1
            $launch = $launches | Where-Object { $_.parameters.ClientToken -eq "cc-$($instance.tags.CloudComposeBuildId)" } | Select-Object -First 1
            $stoppedAt = [datetime]$instance.stoppedAt
            $stopped[$image.Name] = $stoppedAt.ToUniversalTime()
            $lags += ([datetime]$create.time - $stoppedAt).TotalSeconds
            # The original slept 20 s between DescribeInstances calls from its launch on.
            $sinceLaunch = ($stoppedAt - [datetime]$launch.time).TotalSeconds
            $original += 20 * [math]::Ceiling($sinceLaunch / 20) - $sinceLaunch
        }
        $steps = @($log | Where-Object { $_.MessageData -is [CloudCompose.Image.BuildLogLine] -and $_.MessageData.Text -like 'bench* step *' } | ForEach-Object MessageData)
        foreach ($line in $steps) { if ($line.Time -lt $stopped[$line.Name]) { $whileRunning++ } }

        $counters = Invoke-Emulator $emulator GET counters
        $calls = [int]$counters.DescribeInstances + [int]$counters.DescribeImages + [int]$counters.GetConsoleOutput
        '##RESULT ' + ([pscustomobject]@{
                Seconds = $watch.Elapsed.TotalSeconds; Median = (Get-Percentile $lags 0.5); P95 = (Get-Percentile $lags 0.95)
                OriginalMedian = (Get-Percentile $original 0.5); OriginalP95 = (Get-Percentile $original 0.95)
                Calls = $calls; DescribeInstances = [int]$counters.DescribeInstances; DescribeImages = [int]$counters.DescribeImages
                GetConsoleOutput = [int]$counters.GetConsoleOutput; PeakMb = $peakMb
                Printed = $printed; Streamed = $steps.Count; Unique = @($steps | ForEach-Object { "$($_.Name)|$($_.Text)" } | Sort-Object -Unique).Count
                WhileRunning = $whileRunning; Notices = @($log | Where-Object { $_.MessageData.IsNotice }).Count
            } | ConvertTo-Json -Compress)
    }
    finally {
        Stop-CloudComposeEmulator $emulator
        Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue
    }
    return
}

$pwsh = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
# Running as a dotnet tool: the host is dotnet and pwsh.dll is the first argument.
$prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { [Environment]::GetCommandLineArgs()[0] })
$results = [ordered]@{}
foreach ($design in 'Polling', 'Live') {
    Write-Host "Baking $Builds images at once ($design; scripts run $MinSeconds-$MaxSeconds s)…"
    $output = & $pwsh @prefix -NoProfile -NonInteractive -File $PSCommandPath -ModuleDir $ModuleDir -EmulatorDir $EmulatorDir -Builds $Builds `
        -MinSeconds $MinSeconds -MaxSeconds $MaxSeconds -Seed $Seed -Design $design 2>&1 | ForEach-Object { "$_" }
    $line = $output | Where-Object { $_ -like '##RESULT *' } | Select-Object -Last 1
    if (-not $line) { throw "The $design run reported nothing:`n$($output -join "`n")" }
    $results[$design] = $line.Substring(9) | ConvertFrom-Json
}

$live = $results.Live; $polling = $results.Polling
$designs = @(
    @{ Name = 'live logs (shared budget, marker acted on)'; R = $live }
    @{ Name = "today's design (poller only, console after the stop)"; R = $polling }
)
foreach ($d in $designs) {
    $r = $d.R
    Write-Host ("{0,-52}  median lag {1:N2} s, p95 {2:N2} s; {3:N2} Describe+GetConsoleOutput calls/s (DescribeInstances {4}, DescribeImages {5}, GetConsoleOutput {6}); peak memory {7:N0} MB; lines shown while their builder ran {8:N0} of {9:N0}" -f `
            $d.Name, $r.Median, $r.P95, ($r.Calls / $r.Seconds), $r.DescribeInstances, $r.DescribeImages, $r.GetConsoleOutput, $r.PeakMb, $r.WhileRunning, $r.Printed)
}
Write-Host ("{0,-52}  median lag {1:N2} s, p95 {2:N2} s; {3:N2} DescribeInstances calls/s" -f 'original plugin (20 s poll per build)', $live.OriginalMedian, $live.OriginalP95, ($Builds / 20))
foreach ($design in 'Live', 'Polling') {
    $r = $results[$design]
    Write-Host ("{0}: {1} builds in {2:N1} s wall; lines streamed {3} of {4} ({5} unique, {6} 'output skipped' notices)" -f $design, $Builds, $r.Seconds, $r.Streamed, $r.Printed, $r.Unique, $r.Notices)
}
$met = { param($ok) if ($ok) { 'met' } else { 'NOT met' } }
Write-Host ("Targets (live logs): median lag <= 1 s: {0}; <= 2 Describe+GetConsoleOutput calls/s: {1}; controller <= 300 MB: {2}; every line once: {3}" -f `
    (& $met ($live.Median -le 1)), (& $met (($live.Calls / $live.Seconds) -le 2)), (& $met ($live.PeakMb -le 300)), (& $met ($live.Streamed -eq $live.Printed -and $live.Unique -eq $live.Printed)))
