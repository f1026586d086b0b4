# The fault matrix: every phase of a bake × every way it can be stopped or fail. Each cell runs a real child pwsh
# against an emulator of its own (so faults never cross cells), drives it into the phase, applies the stop or fault, and
# collects what the emulator's inspection routes show afterwards. FaultMatrix.Tests.ps1 asserts and prints the table.
Set-StrictMode -Version 3

$script:Phases = 'launching', 'pending', 'running', 'stopped', 'image pending', 'copying', 'cleanup'
$script:Faults = 'Ctrl+C', 'SIGTERM', 'SIGHUP', 'SIGKILL', 'throttling burst', 'sustained throttling', '5xx', 'auth expiry', 'endpoint death', 'host output error'
$script:Signals = @{ 'Ctrl+C' = 'INT'; 'SIGTERM' = 'TERM'; 'SIGHUP' = 'HUP'; 'SIGKILL' = 'KILL' }

# The EC2 action each phase waits on: where a burst, sustained throttling or 5xx hits.
$script:PhaseAction = @{
    'launching' = 'RunInstances'; 'pending' = 'DescribeInstances'; 'running' = 'DescribeInstances'; 'stopped' = 'GetConsoleOutput'
    'image pending' = 'DescribeImages'; 'copying' = 'DescribeImages'; 'cleanup' = 'TerminateInstances'
}

function Get-MatrixPhase { $script:Phases }
function Get-MatrixFault { $script:Faults }

function Get-MatrixCell {
    # Every combination, with what it must end in. Left lists what EC2 keeps because the fault itself refuses its
    # removal (or the process was killed); everything else must be gone.
    foreach ($phase in $script:Phases) {
        foreach ($fault in $script:Faults) {
            $cell = [ordered]@{
                Phase = $phase; Fault = $fault; Left = @(); ErrorId = $null; Watchdog = $false; Note = ''
                Skip = $null
            }
            $refusing = $fault -in 'auth expiry', 'endpoint death'
            switch ($fault) {
                'throttling burst' { $cell.ErrorId = if ($phase -eq 'cleanup') { 'ImageScriptFailed' } else { 'ok' } }
                'sustained throttling' { $cell.ErrorId = if ($phase -eq 'cleanup') { 'ImageScriptFailed' } else { 'AwsThrottled' } }
                '5xx' { $cell.ErrorId = if ($phase -eq 'cleanup') { 'ImageScriptFailed' } else { 'AwsServiceUnavailable' } }
                'auth expiry' { $cell.ErrorId = if ($phase -eq 'cleanup') { 'ImageScriptFailed' } else { 'AwsAuthFailure' } }
                'endpoint death' { $cell.ErrorId = if ($phase -eq 'cleanup') { 'ImageScriptFailed' } else { 'AwsEndpointUnreachable' } }
                'host output error' { $cell.ErrorId = if ($phase -eq 'launching') { 'host:prompt' } else { 'host:pipe' } }
            }

            # What stays in EC2: a killed process cleans nothing; a refusing EC2 keeps what the phase had made.
            $made = switch ($phase) {
                'launching' { @() }
                { $_ -in 'pending', 'running', 'stopped', 'cleanup' } { @('builder') }
                'image pending' { @('builder', 'image') }
                'copying' { @('builder', 'copy', 'image') }
            }
            if ($fault -eq 'SIGKILL') {
                $cell.Left = @($made)
                $cell.Watchdog = $phase -in 'pending', 'running'
            }
            elseif ($refusing -or ($phase -eq 'cleanup' -and $fault -in 'sustained throttling', '5xx')) {
                # The finished image of the copying phase is kept on purpose; only what cleanup must remove counts.
                $cell.Left = @($made | Where-Object { $_ -ne 'image' -or $phase -ne 'copying' })
            }

            if ($phase -eq 'launching' -and $fault -eq 'endpoint death') {
                # RunInstances never answered: whether a builder exists is unknown, so the warning names the build instead.
                $cell.Left = @('unknown builder')
            }

            $cell.Note = switch ("$phase/$fault") {
                'launching/throttling burst' { 'the phase itself is 4 throttled RunInstances' }
                'launching/host output error' { 'a leftover warning that -NonInteractive cannot confirm ($WarningPreference = Inquire), just before or during RunInstances' }
                'launching/SIGKILL' { 'killed before RunInstances succeeded: nothing launched; the next run forgets the entry' }
                'cleanup/SIGKILL' { 'the watchdog case: the script had already stopped the builder' }
                'cleanup/throttling burst' { 'the phase itself is 6 throttled TerminateInstances' }
                'launching/Ctrl+C' { 'in every phase: PowerShell stops the pipeline, and its exit code is its own (0 for -File)' }
                { $_ -like 'stopped/SIGKILL' -or $_ -like 'image pending/SIGKILL' -or $_ -like 'copying/SIGKILL' } { 'builder already stopped by its script: no compute, the next run reports it' }
                default { '' }
            }
            [pscustomobject]$cell
        }
    }
}

function Get-LastDescendant {
    # `dotnet pwsh` is muxer → shim → pwsh.dll: the process to signal is the deepest descendant.
    param([int] $ProcessId)
    $children = @{}
    foreach ($stat in Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue | Where-Object Name -match '^\d+$') {
        try {
            $text = [IO.File]::ReadAllText("$($stat.FullName)/stat")
            $ppid = [int](($text.Substring($text.LastIndexOf(')') + 2) -split ' ')[1])
            if (-not $children.ContainsKey($ppid)) { $children[$ppid] = @() }
            $children[$ppid] += [int]$stat.Name
        }
        catch { Write-Verbose "process $($stat.Name) ended while being read" }
    }
    $current = $ProcessId
    while ($children.ContainsKey($current) -and @($children[$current]).Count -gt 0) { $current = @($children[$current])[0] }
    $current
}

function Start-MatrixChild {
    # A child pwsh (dotnet pwsh.dll, as the suite runs) with its own state folder; stdout and stderr read as they come.
    param([string] $Script, [string] $StateDir, [switch] $ThroughMuxer)
    $file = Join-Path ([IO.Path]::GetTempPath()) ("cc-matrix-" + [guid]::NewGuid().ToString('N') + '.ps1')
    Set-Content -Path $file -Value $Script
    $host_ = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $start = [Diagnostics.ProcessStartInfo]::new($host_)
    if ($ThroughMuxer) { $start.ArgumentList.Add('pwsh') }
    elseif ([IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') { $start.ArgumentList.Add([Environment]::GetCommandLineArgs()[0]) }
    foreach ($a in '-NoProfile', '-NonInteractive', '-File', $file) { $start.ArgumentList.Add($a) }
    $start.WorkingDirectory = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.RedirectStandardInput = $true
    $start.UseShellExecute = $false
    $start.Environment['CLOUDCOMPOSE_IMAGE_STATE_DIR'] = $StateDir
    $start.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
    $start.Environment['POWERSHELL_UPDATECHECK'] = 'Off'
    $process = [Diagnostics.Process]::Start($start)
    [pscustomobject]@{ Process = $process; Stdout = $process.StandardOutput.ReadToEndAsync(); Stderr = $process.StandardError.ReadToEndAsync(); File = $file }
}

function Wait-Until {
    param([scriptblock] $Condition, [int] $Seconds = 60, [int] $IntervalMs = 150)
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        if (& $Condition) { return $true }
        Start-Sleep -Milliseconds $IntervalMs
    }
    [bool](& $Condition)
}

function Get-CellState {
    # What the emulator's inspection routes show, limited to this build's resources.
    param($Emulator)
    $instances = @(Invoke-Emulator $Emulator GET instances | Where-Object { $_.tags.PSObject.Properties['CloudComposeBuildId'] })
    [pscustomobject]@{
        Instances = $instances
        Images    = @(Invoke-Emulator $Emulator GET images | Where-Object { $_.tags.PSObject.Properties['CloudComposeBuildId'] })
        Copies    = @(Invoke-Emulator $Emulator GET 'images?region=us-west-2')
        Snapshots = @(Invoke-Emulator $Emulator GET snapshots | Where-Object { $_.tags.PSObject.Properties['CloudComposeBuildId'] })
    }
}

function Test-PhaseReached {
    param($Emulator, [string] $Phase)
    switch ($Phase) {
        'launching' { @(Invoke-Emulator $Emulator GET 'requests?action=RunInstances' | Where-Object status -eq 503).Count -ge 1 }
        'pending' { @(Invoke-Emulator $Emulator GET instances | Where-Object state -eq 'pending').Count -ge 1 }
        'running' { @(Invoke-Emulator $Emulator GET instances | Where-Object state -eq 'running').Count -ge 1 }
        'stopped' { @(Invoke-Emulator $Emulator GET instances | Where-Object { $_.state -eq 'stopped' -and $_.tags.PSObject.Properties['CloudComposeBuildId'] }).Count -ge 1 }
        'image pending' { @(Invoke-Emulator $Emulator GET images | Where-Object state -eq 'pending').Count -ge 1 }
        'copying' { @(Invoke-Emulator $Emulator GET 'images?region=us-west-2' | Where-Object state -eq 'pending').Count -ge 1 }
        'cleanup' { @(Invoke-Emulator $Emulator GET 'requests?action=TerminateInstances' | Where-Object status -eq 503).Count -ge 1 }
    }
}

function Initialize-CellEmulator {
    # Seeds the source AMI and makes the phase long enough to be caught in (emulated time runs 60× real time).
    param($Emulator, $Cell)
    Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = 'ami-6d1c2007'; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
    $outcome = Get-EmulatorDefaultOutcome
    switch ($Cell.Phase) {
        'launching' { Invoke-Emulator $Emulator POST faults @{ action = 'RunInstances'; count = 4; code = 'RequestLimitExceeded' } | Out-Null }
        'pending' { Invoke-Emulator $Emulator POST delays @{ pendingDelay = 600 } | Out-Null }
        'running' { Invoke-Emulator $Emulator POST delays @{ scriptDuration = 600 } | Out-Null }
        'stopped' { $outcome.consoleText = "[  OK  ] Reached target Cloud-init target.`nstill writing the log`n" }
        'image pending' { Invoke-Emulator $Emulator POST delays @{ imageDelay = 600 } | Out-Null }
        'copying' { Invoke-Emulator $Emulator POST delays @{ imageDelay = 300 } | Out-Null }
        'cleanup' {
            $outcome.exitCode = 1
            Invoke-Emulator $Emulator POST faults @{ action = 'TerminateInstances'; count = 6; code = 'RequestLimitExceeded' } | Out-Null
        }
    }
    if ($Cell.Watchdog) { $outcome.neverStops = $true }
    if ($Cell.Fault -eq 'host output error' -and $Cell.Phase -eq 'launching') {
        # An earlier run's builder, so the bake's first message is a warning (which -NonInteractive cannot confirm).
        Invoke-Emulator $Emulator POST seed @{ instances = @(@{ imageId = 'ami-6d1c2007'; state = 'stopped'; tags = @{ ImageName = 'web'; ImageVersion = '1.0'; CloudComposeDeadline = '2020-01-01T00:00:00Z' } }) } | Out-Null
    }
    Invoke-Emulator $Emulator POST outcomes/default $outcome | Out-Null
}

function Get-CellBakeScript {
    param($Cell, [string] $Manifest, [string] $Folder, [string] $Url, [string] $GoFile)
    $short = $Cell.Fault -in 'sustained throttling', '5xx', 'endpoint death'
    $timeout = if ($short) { '2m' } else { '30m' }
    $console = if ($Cell.Phase -eq 'stopped') { '2m' } else { '10m' }
    $common = "-Path '$Folder' -EndpointUrl '$Url' -Timeout $timeout -ImageTimeout $timeout -ConsoleTimeout $console -CleanupTimeout 15s -NoCleanup"
    $bake = switch ($Cell.Fault) {
        'host output error' {
            if ($Cell.Phase -eq 'launching') { "`$WarningPreference = 'Inquire'; New-CloudComposeImage $common | Out-Null" }
            else {
                # The first message written after launch blocks the pump (as a slow or stuck consumer does) until the
                # phase is reached, then the consumer fails: the command's own output is what breaks.
                "New-CloudComposeImage $common -Verbose 4>&1 | ForEach-Object { if (-not `$script:thrown -and `"`$_`" -match '^RunInstances:') { `$script:thrown = `$true; while (-not (Test-Path '$GoFile')) { Start-Sleep -Milliseconds 100 }; throw 'host output failed: the consumer of the output died' } }"
            }
        }
        default { "New-CloudComposeImage $common -Verbose | Out-Null" }
    }
    @"
`$ErrorActionPreference = 'Stop'
Import-Module '$Manifest'
try { $bake; '##RESULT ok' }
catch { '##RESULT ' + `$_.FullyQualifiedErrorId + ' ## ' + (`$_.Exception.Message -replace '\s+', ' ') }
"@
}

function Invoke-MatrixCell {
    # Runs one cell to its end; returns what it saw. The emulator keeps running for the next-run check.
    param($Cell, [string] $Manifest, [string] $EmulatorDir)
    $emulator = Start-CloudComposeEmulator -EmulatorDir $EmulatorDir -TimeScale 60 -IdleTimeoutSeconds 900
    $work = Join-Path ([IO.Path]::GetTempPath()) ("cc-matrix-cell-" + [guid]::NewGuid().ToString('N'))
    $stateDir = Join-Path $work 'state'
    $folder = Join-Path $work 'config'
    New-Item -ItemType Directory -Force -Path $stateDir, $folder | Out-Null
    $extra = if ($Cell.Phase -eq 'copying') { "    copy_to_regions: [us-west-2]`n" } else { '' }
    Set-Content -Path (Join-Path $folder 'cloud-compose.yml') -Value "image:`n  name: web`n  version: '1.0'`n  aws:`n    ami: ami-6d1c2007`n    subnet: subnet-0123abcd`n$extra"
    Set-Content -Path (Join-Path $folder 'image.sh') -Value "#!/bin/bash`necho building`n"
    $goFile = Join-Path $work 'go'
    Initialize-CellEmulator $emulator $Cell

    $child = Start-MatrixChild -Script (Get-CellBakeScript $Cell $Manifest $folder $emulator.Url $goFile) -StateDir $stateDir
    # The refused prompt of a bake's first warning comes just before RunInstances, or while the SDK retries it.
    $promptFirst = $Cell.Phase -eq 'launching' -and $Cell.Fault -eq 'host output error'
    $reached = Wait-Until { ($promptFirst -and $child.Process.HasExited) -or (Test-PhaseReached $emulator $Cell.Phase) } -Seconds 90
    $deadlineTag = $null
    if ($reached) {
        $action = $script:PhaseAction[$Cell.Phase]
        switch ($Cell.Fault) {
            { $script:Signals.ContainsKey($_) } { & kill "-$($script:Signals[$_])" (Get-LastDescendant $child.Process.Id) }
            'throttling burst' {
                if ($Cell.Phase -notin 'launching', 'cleanup') { Invoke-Emulator $emulator POST faults @{ action = $action; count = 3; code = 'RequestLimitExceeded' } | Out-Null }
                if ($Cell.Phase -eq 'stopped') {
                    # The result reaches the console late: the read that rides out the burst finds it.
                    $id = @((Get-CellState $emulator).Instances)[0].id
                    Invoke-Emulator $emulator POST "instances/$id/outcome" @{ consoleText = (Get-EmulatorMarkerConsole); exitCode = 0 } | Out-Null
                }
            }
            'sustained throttling' { Invoke-Emulator $emulator POST faults @{ action = $action; count = 100000; code = 'RequestLimitExceeded' } | Out-Null }
            '5xx' { Invoke-Emulator $emulator POST faults @{ action = $action; count = 100000; code = 'InternalError' } | Out-Null }
            'auth expiry' { Invoke-Emulator $emulator POST faults @{ action = '*'; count = 100000; code = 'RequestExpired' } | Out-Null }
            'endpoint death' { Invoke-Emulator $emulator POST faults @{ action = '*'; count = 100000; code = 'ConnectionReset' } | Out-Null }
            'host output error' { Set-Content -Path $goFile -Value 'go' }
        }
    }

    $exited = $child.Process.WaitForExit(150000)
    if (-not $exited) { $child.Process.Kill($true); $child.Process.WaitForExit() }
    $output = $child.Stdout.Result + $child.Stderr.Result
    Remove-Item $child.File -ErrorAction SilentlyContinue

    # A killed bake's builder stops by its own watchdog at the deadline its user data set.
    if ($Cell.Watchdog) {
        Wait-Until { @((Get-CellState $emulator).Instances | Where-Object state -eq 'stopped').Count -ge 1 } -Seconds 120 | Out-Null
    }
    $state = Get-CellState $emulator
    $builder = @($state.Instances | Select-Object -First 1)
    if ($builder) { $deadlineTag = $builder[0].tags.CloudComposeDeadline }
    $line = @($output -split "`r?`n" | Where-Object { $_.StartsWith('##RESULT ') }) | Select-Object -Last 1
    [pscustomobject]@{
        Cell        = $Cell
        Reached     = $reached
        Exited      = $exited
        ExitCode    = $child.Process.ExitCode
        Output      = $output
        Result      = if ($line) { $line.Substring('##RESULT '.Length) } else { $null }
        State       = $state
        DeadlineTag = $deadlineTag
        Emulator    = $emulator
        StateDir    = $stateDir
        Work        = $work
        NextRun     = $null
        AfterRemove = $null
    }
}

function Invoke-NextRun {
    # What the next command of the module says about what the cell left, with the credentials restored and the endpoint back.
    param($Run)
    Invoke-Emulator $Run.Emulator DELETE faults | Out-Null
    $saved = $env:CLOUDCOMPOSE_IMAGE_STATE_DIR
    $env:CLOUDCOMPOSE_IMAGE_STATE_DIR = $Run.StateDir
    try {
        $warnings = $null
        Get-CloudComposeImage -EndpointUrl $Run.Emulator.Url -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
        $Run.NextRun = "$warnings"
        if (@($Run.Cell.Left) -contains 'builder') {
            # The command the warning names, unattended (-Force: the printed one asks per builder).
            Remove-CloudComposeImageBuilder -Name web -Region us-east-1 -EndpointUrl $Run.Emulator.Url -Force -WarningAction SilentlyContinue | Out-Null
            $after = $null
            Get-CloudComposeImage -EndpointUrl $Run.Emulator.Url -WarningVariable after -WarningAction SilentlyContinue | Out-Null
            $Run.AfterRemove = [pscustomobject]@{ Warning = "$after"; State = Get-CellState $Run.Emulator }
        }
    }
    finally { $env:CLOUDCOMPOSE_IMAGE_STATE_DIR = $saved }
}

function Get-CellCheck {
    # The assertions of one cell, as named booleans with what was seen: the tests assert them, the table sums them up.
    param($Run)
    $cell = $Run.Cell
    $checks = [Collections.Generic.List[object]]::new()
    function Add-Check([string] $Name, [bool] $Pass, [string] $Detail) { $checks.Add([pscustomobject]@{ Name = $Name; Pass = $Pass; Detail = $Detail }) }

    Add-Check 'the phase was reached' $Run.Reached "phase $($cell.Phase) never showed in the emulator"
    Add-Check 'the child ended' $Run.Exited 'the child pwsh did not end within 150 s'
    $live = @($Run.State.Instances | Where-Object state -in 'pending', 'running', 'stopping', 'stopped')
    $unfinished = @($Run.State.Images | Where-Object state -in 'pending', 'failed')
    $copies = @($Run.State.Copies | Where-Object state -in 'pending', 'failed')
    $seen = "instances: $(@($Run.State.Instances | ForEach-Object { "$($_.id)=$($_.state)" }) -join ', '); images: $(@($Run.State.Images | ForEach-Object { "$($_.id)=$($_.state)" }) -join ', '); copies: $(@($Run.State.Copies | ForEach-Object { "$($_.id)=$($_.state)" }) -join ', ')"
    if ($cell.Left -notcontains 'builder') { Add-Check 'no builder left' ($live.Count -eq 0) $seen }
    if ($cell.Left -notcontains 'image') { Add-Check 'no unfinished image left' ($unfinished.Count -eq 0) $seen }
    if ($cell.Left -notcontains 'copy') { Add-Check 'no unfinished copy left' ($copies.Count -eq 0) $seen }
    if ($cell.Left -notcontains 'image' -and $unfinished.Count -eq 0) {
        $orphans = @($Run.State.Snapshots | Where-Object { $s = $_; -not @($Run.State.Images | Where-Object { $_.snapshotIds -contains $s.id }) })
        Add-Check 'no snapshot without its image' ($orphans.Count -eq 0) "snapshots: $(@($Run.State.Snapshots | ForEach-Object id) -join ', ')"
    }

    $expectedExit = @{ 'SIGTERM' = 143; 'SIGHUP' = 129; 'SIGKILL' = 137 }[$cell.Fault]
    if ($null -ne $expectedExit) { Add-Check "exit code $expectedExit" ($Run.ExitCode -eq $expectedExit) "exit code $($Run.ExitCode)" }
    if ($cell.Fault -eq 'Ctrl+C') { Add-Check 'the stop was seen and said so' ($Run.Output -match 'Stopping: terminating the builder') ($Run.Output -split "`n" | Select-Object -Last 5 | Out-String) }
    if ($cell.Fault -in 'SIGTERM', 'SIGHUP') { Add-Check 'the signal was seen and said so' ($Run.Output -match "$($cell.Fault) received") ($Run.Output -split "`n" | Select-Object -Last 5 | Out-String) }
    switch -Wildcard ($cell.ErrorId) {
        $null { }
        'ok' { Add-Check 'the bake succeeded' ($Run.Result -eq 'ok') "result: $($Run.Result)" }
        'host:prompt' { Add-Check 'the refused prompt surfaced' ("$($Run.Result)" -match 'NonInteractive|prompt|Inquire') "result: $($Run.Result)" }
        'host:pipe' { Add-Check 'the consumer failure surfaced' ("$($Run.Result)" -match 'the consumer of the output died') "result: $($Run.Result)" }
        default { Add-Check "error id $($cell.ErrorId)" ("$($Run.Result)" -like "$($cell.ErrorId),*") "result: $($Run.Result)" }
    }
    if ("$($Run.Result)" -like 'UnexpectedFailure*' -or $Run.Output -match 'BuildFailed') { Add-Check 'no catch-all error' $false $Run.Result }

    foreach ($kind in $cell.Left) {
        $ids = switch ($kind) {
            'builder' { @($Run.State.Instances | ForEach-Object id) }
            'image' { @($Run.State.Images | ForEach-Object id) }
            'copy' { @($Run.State.Copies | ForEach-Object id) }
            'unknown builder' { @() }
        }
        if ($cell.Fault -ne 'SIGKILL') {
            # A killed process writes nothing; otherwise the warning names what is left and how to remove it.
            foreach ($id in $ids) { Add-Check "the warning names $kind $id" ($Run.Output -match [regex]::Escape($id) -and $Run.Output -match 'Remove it with') ($Run.Output -split "`n" | Select-Object -Last 15 | Out-String) }
            if ($kind -eq 'unknown builder') { Add-Check 'the warning names the build whose builder may exist' ($Run.Output -match 'id unknown, build [0-9a-f]{32}' -and $Run.Output -match 'Remove it with') ($Run.Output -split "`n" | Select-Object -Last 15 | Out-String) }
        }
        foreach ($id in $ids) { Add-Check "the next run reports $kind $id" ($Run.NextRun -match [regex]::Escape($id)) "next run: $($Run.NextRun)" }
        if ($kind -eq 'builder' -and $Run.AfterRemove) {
            $stillLive = @($Run.AfterRemove.State.Instances | Where-Object state -in 'pending', 'running', 'stopping', 'stopped')
            Add-Check 'the named command removes the builder' ($stillLive.Count -eq 0) "after removal: $(@($Run.AfterRemove.State.Instances | ForEach-Object { "$($_.id)=$($_.state)" }) -join ', ')"
            foreach ($id in $ids) { Add-Check "the next run forgets the removed builder $id" ($Run.AfterRemove.Warning -notmatch [regex]::Escape($id)) "then: $($Run.AfterRemove.Warning)" }
        }
    }
    if (@($cell.Left).Count -eq 0 -and $cell.Fault -eq 'SIGKILL') {
        Add-Check 'the next run has nothing to report' ($Run.NextRun -notmatch 'left by earlier runs') "next run: $($Run.NextRun)"
    }

    if ($cell.Watchdog) {
        $builder = @($Run.State.Instances)[0]
        $deadline = if ($Run.DeadlineTag) { [DateTime]::Parse($Run.DeadlineTag, [cultureinfo]::InvariantCulture, 'AdjustToUniversal') } else { $null }
        $fired = if ($builder -and $builder.watchdogAt) { ([DateTime]$builder.watchdogAt).ToUniversalTime() } else { $null }
        Add-Check 'the watchdog stopped the builder at its deadline tag' ($null -ne $deadline -and $fired -eq $deadline -and $builder.state -eq 'stopped') "deadline tag $($Run.DeadlineTag), watchdog fired $fired, state $($builder.state), stopped $($builder.stoppedAt)"
    }
    $checks
}

function Format-Matrix {
    # Rows: faults; columns: phases; each cell: what it ended in, and ✗ where a check failed.
    param($Runs)
    $width = 17
    $lines = [Collections.Generic.List[string]]::new()
    $lines.Add(('{0,-21}' -f 'fault \ phase') + (($script:Phases | ForEach-Object { $_.PadRight($width) }) -join ''))
    foreach ($fault in $script:Faults) {
        $row = '{0,-21}' -f $fault
        foreach ($phase in $script:Phases) {
            $run = $Runs | Where-Object { $_.Cell.Phase -eq $phase -and $_.Cell.Fault -eq $fault } | Select-Object -First 1
            $text = if (-not $run) { 'n/a' }
            else {
                $ok = -not @(Get-CellCheck $run | Where-Object { -not $_.Pass })
                $what = if ($run.Cell.Watchdog) { 'watchdog+rep' }
                elseif (@($run.Cell.Left).Count -gt 0) { 'left+reported' }
                elseif ($run.Cell.ErrorId -eq 'ok') { 'baked' }
                else { 'clean' }
                ($(if ($ok) { '✓ ' } else { '✗ ' }) + $what)
            }
            $row += $text.PadRight($width)
        }
        $lines.Add($row)
    }
    $lines.Add('clean: nothing pending/running/stopped; left+reported: EC2 refused or the process was killed, the warning names it, the next run reports it and the named command removes it;')
    $lines.Add('watchdog+rep: killed with SIGKILL, the builder stopped itself at its deadline tag and the next run reports it; baked: the fault was ridden out.')
    $notes = @($Runs | Where-Object { $_.Cell.Note } | ForEach-Object { "  $($_.Cell.Phase) × $($_.Cell.Fault): $($_.Cell.Note)" })
    if ($notes) { $lines.Add('notes:'); $notes | ForEach-Object { $lines.Add($_) } }
    $lines -join [Environment]::NewLine
}

Export-ModuleMember -Function Get-MatrixCell, Get-MatrixPhase, Get-MatrixFault, Invoke-MatrixCell, Invoke-NextRun, Get-CellCheck, Format-Matrix, Start-MatrixChild, Get-LastDescendant, Wait-Until, Get-CellState
