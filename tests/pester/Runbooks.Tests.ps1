# The runbooks in examples/runbooks run unattended against the emulator: result objects, exit codes, no prompts.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    $script:Emulator = Start-TestEmulator -TimeScale 60
    $script:SourceAmi = 'ami-6d1c2007'
    $script:Runbooks = Join-Path $PSScriptRoot '../../examples/runbooks'
    $script:Marker = Get-EmulatorMarkerConsole
    # The runbooks say Import-Module CloudCompose.Image: put the built module on the module path.
    $script:SavedModulePath = $env:PSModulePath
    $env:PSModulePath = (Split-Path (Split-Path (Split-Path (Get-TestModuleManifest)))) + [IO.Path]::PathSeparator + $env:PSModulePath

    function New-Config([string] $Root, [string] $Name, [string] $Script = "echo $Name") {
        Write-TestFile $Root "$Name/cloud-compose.yml" "image:`n  name: $Name`n  version: '1.0'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n" | Out-Null
        Write-TestFile $Root "$Name/image.sh" "$Script`n" | Out-Null
    }

    function Invoke-Runbook([string] $File, [string] $Arguments) {
        $pwsh = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $prefix = @()
        if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $prefix = @([Environment]::GetCommandLineArgs()[0]) }
        # -Command so the result objects come back as JSON; exit $LASTEXITCODE semantics match -File (1 on a throw).
        $command = "try { & '$File' $Arguments | ConvertTo-Json -Depth 3 -AsArray } catch { Write-Output ('RUNBOOK-FAILED: ' + `$_); exit 1 }"
        $output = & $pwsh @prefix -NoProfile -NonInteractive -Command $command 2>&1 | Out-String
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output }
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
    $env:PSModulePath = $SavedModulePath
}

Describe 'Invoke-NightlyImageBake.ps1' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
    }

    It 'bakes every config, writes one result each and exits 0' {
        $root = New-TestFolder
        New-Config $root 'alpha'
        New-Config $root 'beta'
        $run = Invoke-Runbook (Join-Path $Runbooks 'Invoke-NightlyImageBake.ps1') "-ConfigRoot '$root' -EndpointUrl '$($Emulator.Url)'"
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $results = $run.Output | ConvertFrom-Json
        @($results).Count | Should -Be 2
        $results.Status | Sort-Object -Unique | Should -Be 'Succeeded'
        $results.Name | Sort-Object | Should -Be @('alpha', 'beta')
        $results | ForEach-Object { $_.ImageId | Should -Match '^ami-' }
    }

    It 'retires each config''s unused older images with -Keep after its build, and reports them in Retired' {
        $root = New-TestFolder
        New-Config $root 'keep'
        $seeded = Invoke-Emulator $Emulator POST seed @{
            images = @(foreach ($age in 10, 20, 30, 40, 50) { @{ name = "keep_1.0_$age"; ageDays = $age; tags = @{ ImageName = 'keep'; ImageVersion = '1.0' } } })
        }
        $byAge = @{}; $i = 0; foreach ($age in 10, 20, 30, 40, 50) { $byAge[$age] = $seeded.imageIds[$i++] }
        # The 50-day-old image is in use: it stays whatever -Keep says.
        Invoke-Emulator $Emulator POST seed @{ instances = @(@{ imageId = $byAge[50]; state = 'stopped' }) } | Out-Null

        $run = Invoke-Runbook (Join-Path $Runbooks 'Invoke-NightlyImageBake.ps1') "-ConfigRoot '$root' -EndpointUrl '$($Emulator.Url)' -Keep 2"

        $run.ExitCode | Should -Be 0 -Because $run.Output
        $result = $run.Output | ConvertFrom-Json
        $result.Status | Should -Be 'Succeeded'
        # Kept: the new image and the 10-day-old one (-Keep 2), the used one. Retired: the 20-, 30- and 40-day-old ones.
        @($result.Retired) | Sort-Object | Should -Be (@($byAge[20], $byAge[30], $byAge[40]) | Sort-Object)
        $left = @(Invoke-Emulator $Emulator GET images).id
        $left | Should -Contain $result.ImageId
        $left | Should -Contain $byAge[10]
        $left | Should -Contain $byAge[50]
        foreach ($age in 20, 30, 40) { $left | Should -Not -Contain $byAge[$age] }
    }

    It 'goes on after a failed build, reports it with its error id, removes its builder and exits 1' {
        $root = New-TestFolder
        New-Config $root 'good'
        New-Config $root 'broken' -Script 'echo broken-build'
        Invoke-Emulator $Emulator POST outcomes @{ userDataContains = 'broken-build'; outcome = @{ exitCode = 3; consoleText = $Marker } } | Out-Null
        $run = Invoke-Runbook (Join-Path $Runbooks 'Invoke-NightlyImageBake.ps1') "-ConfigRoot '$root' -EndpointUrl '$($Emulator.Url)'"
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match 'RUNBOOK-FAILED: 1 of 2 image build\(s\) failed'
        $run.Output | Should -Not -Match 'not-a-secret-emulator-only'
        @((Invoke-Emulator $Emulator GET instances) | Where-Object { $_.state -in 'pending', 'running', 'stopping', 'stopped' }) | Should -BeNullOrEmpty
    }

    It 'returns result objects in-process and throws at the end under -ErrorAction Stop semantics' {
        $root = New-TestFolder
        New-Config $root 'inproc'
        New-Config $root 'inproc-broken' -Script 'echo broken-inproc'
        Invoke-Emulator $Emulator POST outcomes @{ userDataContains = 'broken-inproc'; outcome = @{ exitCode = 2; consoleText = $Marker } } | Out-Null
        $results = [System.Collections.Generic.List[object]]::new()
        { & (Join-Path $Runbooks 'Invoke-NightlyImageBake.ps1') -ConfigRoot $root -EndpointUrl $Emulator.Url -WarningAction SilentlyContinue | ForEach-Object { $results.Add($_) } } |
            Should -Throw '*1 of 2 image build(s) failed*'
        $failed = $results | Where-Object Status -eq 'Failed'
        $failed.Name | Should -BeNullOrEmpty
        $failed.ErrorId | Should -Be 'ImageScriptFailed'
        $failed.Message | Should -Match 'exit code 2'
        ($results | Where-Object Status -eq 'Succeeded').ImageId | Should -Match '^ami-'
    }

    It 'fails clearly when there is nothing to bake, and pwsh -File exits 1' {
        $pwsh = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $prefix = @()
        if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $prefix = @([Environment]::GetCommandLineArgs()[0]) }
        $output = & $pwsh @prefix -NoProfile -NonInteractive -File (Join-Path $Runbooks 'Invoke-NightlyImageBake.ps1') -ConfigRoot (New-TestFolder) -EndpointUrl $Emulator.Url 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 1
        $output | Should -Match 'No cloud-compose.yml'
    }
}

Describe 'Invoke-CiImageBuild.ps1' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
    }

    It 'bakes, writes image_id to GITHUB_OUTPUT and exits 0' {
        $root = New-TestFolder
        New-Config $root 'ci'
        $env:GITHUB_OUTPUT = Join-Path $root 'github-output.txt'
        try { $run = Invoke-Runbook (Join-Path $Runbooks 'Invoke-CiImageBuild.ps1') "-Path '$root/ci' -EndpointUrl '$($Emulator.Url)'" }
        finally { Remove-Item Env:GITHUB_OUTPUT }
        $run.ExitCode | Should -Be 0 -Because $run.Output
        Get-Content (Join-Path $root 'github-output.txt') | Should -Match '^image_id=ami-[0-9a-f]+$'
    }

    It 'stops before any AWS call when the template does not render, and exits 1' {
        $root = New-TestFolder
        New-Config $root 'ci-bad' -Script 'echo {{ missing_variable }}'
        Invoke-Emulator $Emulator DELETE counters | Out-Null
        $run = Invoke-Runbook (Join-Path $Runbooks 'Invoke-CiImageBuild.ps1') "-Path '$root/ci-bad' -EndpointUrl '$($Emulator.Url)'"
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match 'missing_variable'
        (Invoke-Emulator $Emulator GET counters).RunInstances | Should -BeNullOrEmpty
    }
}
