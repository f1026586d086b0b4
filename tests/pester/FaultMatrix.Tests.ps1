# Nothing left billing, whatever ends the run: each phase of a bake × each stop or fault, in real child pwsh processes
# (real signals), each cell against an emulator of its own, witnessed through the emulator's inspection routes.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'FaultMatrix.psm1') -Force
    # Hashtables, so each test sees $Phase and $Fault.
    $script:Cells = @(Get-MatrixCell | ForEach-Object { @{ Phase = $_.Phase; Fault = $_.Fault } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'FaultMatrix.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    Set-EmulatorCredential
    $manifest = Get-TestModuleManifest
    $emulatorDir = if ($env:CC_TEST_EMULATOR_DIR) { $env:CC_TEST_EMULATOR_DIR } else { Join-Path $PSScriptRoot '../../out/emulator' }
    $support = $PSScriptRoot

    # Cells run four at a time: each holds a child pwsh and an emulator of its own, so none sees another's faults.
    $started = [DateTime]::UtcNow
    $script:Runs = @(Get-MatrixCell | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module (Join-Path $using:support 'TestSupport.psm1') -Force
            Import-Module (Join-Path $using:support 'FaultMatrix.psm1') -Force
            Set-EmulatorCredential
            Invoke-MatrixCell -Cell $_ -Manifest $using:manifest -EmulatorDir $using:emulatorDir
        })

    # The next run of a command, in this session, once EC2 takes requests again.
    foreach ($run in $script:Runs | Where-Object { @($_.Cell.Left).Count -gt 0 -or $_.Cell.Fault -eq 'SIGKILL' }) { Invoke-NextRun $run }
    $script:Elapsed = [DateTime]::UtcNow - $started
    Write-Host ''
    Write-Host "Fault matrix ($($script:Runs.Count) cells in $([int]$script:Elapsed.TotalSeconds) s):"
    Write-Host (Format-Matrix $script:Runs)
}

AfterAll {
    foreach ($run in @($script:Runs)) {
        Save-EmulatorActions $run.Emulator
        Stop-CloudComposeEmulator $run.Emulator
        Remove-Item -Recurse -Force $run.Work -ErrorAction SilentlyContinue
    }
}

Describe 'New-CloudComposeImage, stopped or failing in every phase' {
    It '<Phase> × <Fault>' -ForEach $Cells {
        $run = $script:Runs | Where-Object { $_.Cell.Phase -eq $Phase -and $_.Cell.Fault -eq $Fault } | Select-Object -First 1
        $run | Should -Not -BeNullOrEmpty
        $failed = @(Get-CellCheck $run | Where-Object { -not $_.Pass })
        $failed | ForEach-Object { "$($_.Name): $($_.Detail)" } | Should -BeNullOrEmpty -Because "every check of the cell must hold (child output, last lines: $(($run.Output -split "`n" | Select-Object -Last 12) -join ' | '))"
    }
}

Describe 'Stop signals' {
    BeforeAll {
        $script:Emulator = Start-TestEmulator -TimeScale 60
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = 'ami-6d1c2007'; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
        $script:Folder = New-TestFolder
        Write-TestFile $Folder 'cloud-compose.yml' "image:`n  name: web`n  version: '1.0'`n  aws:`n    ami: ami-6d1c2007`n    subnet: subnet-0123abcd`n" | Out-Null
        Write-TestFile $Folder 'image.sh' "#!/bin/bash`necho hi`n" | Out-Null
    }

    AfterAll { Stop-TestEmulator $Emulator }

    It 'reach pwsh.dll through dotnet pwsh (muxer, shim, pwsh.dll): SIGTERM to the last one cleans up and the muxer exits 143' {
        Invoke-Emulator $Emulator POST outcomes/default (@{ neverStops = $true } + (Get-EmulatorDefaultOutcome)) | Out-Null
        $state = New-TestFolder
        $child = Start-MatrixChild -ThroughMuxer -StateDir $state -Script "`$ErrorActionPreference = 'Stop'; Import-Module '$(Get-TestModuleManifest)'; New-CloudComposeImage -Path '$Folder' -EndpointUrl '$($Emulator.Url)' | Out-Null"
        try {
            Wait-Until { @(Invoke-Emulator $Emulator GET instances | Where-Object state -eq 'running').Count -gt 0 } | Should -BeTrue
            $target = Get-LastDescendant $child.Process.Id
            $target | Should -Not -Be $child.Process.Id -Because 'dotnet pwsh starts the shim, which starts pwsh.dll'
            (Get-Content "/proc/$target/cmdline" -Raw) | Should -Match 'pwsh\.dll'
            & kill -TERM $target
            $child.Process.WaitForExit(60000) | Should -BeTrue
            $child.Process.ExitCode | Should -Be 143
            $child.Stdout.Result | Should -Match 'SIGTERM received'
            @(Invoke-Emulator $Emulator GET instances | Where-Object state -in 'pending', 'running', 'stopping', 'stopped') | Should -BeNullOrEmpty
        }
        finally { if (-not $child.Process.HasExited) { $child.Process.Kill($true) } }
    }

    It 'are not taken over when no bake runs: SIGTERM after a finished bake ends pwsh at once, as PowerShell does' {
        Invoke-Emulator $Emulator POST outcomes/default (Get-EmulatorDefaultOutcome) | Out-Null
        $state = New-TestFolder
        $child = Start-MatrixChild -StateDir $state -Script "`$ErrorActionPreference = 'Stop'; Import-Module '$(Get-TestModuleManifest)'; New-CloudComposeImage -Path '$Folder' -EndpointUrl '$($Emulator.Url)' | Out-Null; 'BAKED'; Start-Sleep -Seconds 120"
        try {
            Wait-Until { $child.Process.HasExited -or @(Invoke-Emulator $Emulator GET images | Where-Object { $_.state -eq 'available' -and $_.id -ne 'ami-6d1c2007' }).Count -gt 0 } | Should -BeTrue
            Wait-Until { @(Invoke-Emulator $Emulator GET 'requests?action=TerminateInstances').Count -gt 0 } | Should -BeTrue
            Start-Sleep -Seconds 2
            & kill -TERM (Get-LastDescendant $child.Process.Id)
            $child.Process.WaitForExit(20000) | Should -BeTrue -Because 'with no bake running the module holds no signal handler'
            $child.Process.ExitCode | Should -Be 143
            $child.Stdout.Result | Should -Match 'BAKED'
            $child.Stdout.Result | Should -Not -Match 'SIGTERM received'
        }
        finally { if (-not $child.Process.HasExited) { $child.Process.Kill($true) } }
    }
}
