<#
.SYNOPSIS
    Detection latency and API cost of concurrent bakes, against the bundled EC2 emulator.
.DESCRIPTION
    Twenty builds run at once; each builder's script stops after a random time (seeded). For every build the
    lag between the instance reaching 'stopped' and CreateImage being issued is measured from the emulator's
    own clock and request log, and the Describe calls per second of the whole run from its counters.
    The original tool's fixed 20 s poll per build is computed from the same launch and stop times as the baseline.
    Targets: median lag <= 2 s, and <= 1 Describe call/s for all twenty builds together.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $EmulatorDir,
    [int] $Builds = 20,
    [int] $Seed = 20261126
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path (Resolve-Path $ModuleDir) 'CloudCompose.Image.psd1')
Import-Module (Join-Path $PSScriptRoot '../tools/CloudComposeEmulator.psm1')

function Get-Percentile([double[]] $Values, [double] $P) {
    $sorted = $Values | Sort-Object
    $sorted[[math]::Min($sorted.Count - 1, [math]::Ceiling($P * $sorted.Count) - 1)]
}

# Real time (scale 1): the poller's intervals are real seconds, so the lag is measured as a user would see it.
$emulator = Start-CloudComposeEmulator -EmulatorDir $EmulatorDir -TimeScale 1
$root = Join-Path ([IO.Path]::GetTempPath()) ("cc-bench-bake-" + [guid]::NewGuid().ToString('N'))
try {
    Invoke-Emulator $emulator POST seed @{ images = @(@{ id = 'ami-6d1c2007'; name = 'base'; ownerId = '137112412989'; public = $true }) } | Out-Null
    Invoke-Emulator $emulator POST delays @{ pendingDelay = 2; stopDelay = 3; imageDelay = 5 } | Out-Null
    $random = [Random]::new($Seed)
    foreach ($i in 1..$Builds) {
        New-Item -ItemType Directory -Force "$root/b$i" | Out-Null
        Set-Content "$root/b$i/cloud-compose.yml" "image:`n  name: bench$i`n  version: '1'`n  aws:`n    ami: ami-6d1c2007`n    subnet: subnet-0123abcd`n"
        Set-Content "$root/b$i/image.sh" "echo bench$i"
        # Each builder's script runs 5-60 s: the stops are spread out, as real builds' are.
        Invoke-Emulator $emulator POST outcomes @{ userDataContains = "echo bench$i`n"; count = 1; outcome = @{ consoleText = (Get-EmulatorMarkerConsole); scriptDuration = $random.Next(5, 61) } } | Out-Null
    }
    Invoke-Emulator $emulator DELETE counters | Out-Null
    Invoke-Emulator $emulator DELETE requests | Out-Null

    Write-Host "Baking $Builds images at once (scripts stop after 5-60 s)…"
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $images = Get-ChildItem $root -Recurse -Filter cloud-compose.yml | New-CloudComposeImage -EndpointUrl $emulator.Url -ThrottleLimit $Builds -NoCleanup
    $watch.Stop()
    if (@($images).Count -ne $Builds) { throw "Only $(@($images).Count) of $Builds builds succeeded." }

    $instances = @(Invoke-Emulator $emulator GET instances)
    $creates = @(Invoke-Emulator $emulator GET 'requests?action=CreateImage')
    $launches = @(Invoke-Emulator $emulator GET 'requests?action=RunInstances')
    $lags = @(); $baseline = @()
    foreach ($image in $images) {
        $instance = $instances | Where-Object id -eq $image.BuilderInstanceId
        $create = $creates | Where-Object { $_.parameters.InstanceId -eq $image.BuilderInstanceId } | Select-Object -First 1
        $launch = $launches | Where-Object { $_.parameters.ClientToken -eq "cc-$($instance.tags.CloudComposeBuildId)" } | Select-Object -First 1
        $stopped = [datetime]$instance.stoppedAt
        $lags += ([datetime]$create.time - $stopped).TotalSeconds
        # The original slept 20 s between DescribeInstances calls from its launch on.
        $sinceLaunch = ($stopped - [datetime]$launch.time).TotalSeconds
        $baseline += 20 * [math]::Ceiling($sinceLaunch / 20) - $sinceLaunch
    }

    $counters = Invoke-Emulator $emulator GET counters
    $describes = [int]$counters.DescribeInstances + [int]$counters.DescribeImages
    $seconds = $watch.Elapsed.TotalSeconds
    $rows = @(
        [pscustomobject]@{ Design = 'CloudCompose.Image (shared adaptive poller)'; 'Median lag (s)' = '{0:N2}' -f (Get-Percentile $lags 0.5); 'p95 lag (s)' = '{0:N2}' -f (Get-Percentile $lags 0.95); 'Describe calls/s' = '{0:N2}' -f ($describes / $seconds) }
        [pscustomobject]@{ Design = 'original (20 s poll per build), baseline'; 'Median lag (s)' = '{0:N2}' -f (Get-Percentile $baseline 0.5); 'p95 lag (s)' = '{0:N2}' -f (Get-Percentile $baseline 0.95); 'Describe calls/s' = '{0:N2}' -f ($Builds / 20) }
    )
    $rows | Format-Table -AutoSize | Out-Host
    Write-Host ("{0} builds in {1:N1} s wall; DescribeInstances {2}, DescribeImages {3}, GetConsoleOutput {4}, CreateImage {5}" -f $Builds, $seconds, $counters.DescribeInstances, $counters.DescribeImages, $counters.GetConsoleOutput, $counters.CreateImage)
    $medianOk = (Get-Percentile $lags 0.5) -le 2
    $callsOk = ($describes / $seconds) -le 1
    Write-Host ("Targets: median lag <= 2 s: {0}; <= 1 Describe call/s: {1}" -f ($(if ($medianOk) { 'met' } else { 'NOT met' })), ($(if ($callsOk) { 'met' } else { 'NOT met' })))
}
finally {
    Stop-CloudComposeEmulator $emulator
    Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue
}
