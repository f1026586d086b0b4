# Builders: Get-CloudComposeImageBuilder tells abandoned from active ones, and Remove-CloudComposeImageBuilder takes
# only the abandoned ones unless -IncludeActive, so a runbook's cleanup never kills a bake still running elsewhere.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    $script:Emulator = Start-TestEmulator -TimeScale 60
    $script:Endpoint = $Emulator.Url
    $script:SourceAmi = 'ami-6d1c2007'

    function Format-Utc([datetime] $Time) { $Time.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [cultureinfo]::InvariantCulture) }

    function New-Builder([string] $Name = 'web', [hashtable] $Tags = @{}) {
        $all = @{ ImageName = $Name; ImageVersion = '1.0' } + $Tags
        (Invoke-Emulator $Emulator POST seed @{ instances = @(@{ imageId = $SourceAmi; state = 'stopped'; tags = $all }) }).instanceIds[0]
    }

    function Get-State([string] $Id) { (Invoke-Emulator $Emulator GET instances | Where-Object id -eq $Id).state }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Get-CloudComposeImageBuilder' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
    }

    It 'says which builders are abandoned: deadline passed, build ended, or no deadline; before the deadline it is active' {
        $passed = New-Builder -Tags @{ CloudComposeDeadline = (Format-Utc ([datetime]::UtcNow.AddHours(-1))); CloudComposeBuildId = 'b-passed' }
        $ended = New-Builder -Tags @{ CloudComposeDeadline = (Format-Utc ([datetime]::UtcNow.AddHours(1))); CloudComposeBuildEnded = (Format-Utc ([datetime]::UtcNow)) }
        $noDeadline = New-Builder
        $active = New-Builder -Tags @{ CloudComposeDeadline = (Format-Utc ([datetime]::UtcNow.AddHours(1))); CloudComposeBuildId = 'b-active' }
        $other = New-Builder api

        $builders = @(Get-CloudComposeImageBuilder -Name web -EndpointUrl $Endpoint)

        $builders.Count | Should -Be 4
        $builders[0] | Should -BeOfType ([CloudCompose.Image.BuilderInfo])
        $byId = @{}; foreach ($b in $builders) { $byId[$b.InstanceId] = $b }
        $byId[$passed].Abandoned | Should -BeTrue
        $byId[$passed].BuildId | Should -Be 'b-passed'
        $byId[$ended].Abandoned | Should -BeTrue
        $byId[$ended].BuildEnded | Should -Not -BeNullOrEmpty
        $byId[$noDeadline].Abandoned | Should -BeTrue
        $byId[$noDeadline].Deadline | Should -BeNullOrEmpty
        $byId[$active].Abandoned | Should -BeFalse
        $byId[$active].Deadline | Should -BeGreaterThan ([datetime]::UtcNow)
        @(Get-CloudComposeImageBuilder -EndpointUrl $Endpoint).InstanceId | Should -Contain $other
        @(Get-CloudComposeImageBuilder -Name 'w*' -Abandoned -EndpointUrl $Endpoint).InstanceId | Sort-Object | Should -Be (@($passed, $ended, $noDeadline) | Sort-Object)
    }
}

Describe 'Remove-CloudComposeImageBuilder' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
    }

    It 'terminates abandoned builders only, warns about each active one, and -IncludeActive takes those too' {
        $abandoned = New-Builder -Tags @{ CloudComposeDeadline = (Format-Utc ([datetime]::UtcNow.AddHours(-1))) }
        $active = New-Builder -Tags @{ CloudComposeDeadline = (Format-Utc ([datetime]::UtcNow.AddHours(1))) }

        $preview = Remove-CloudComposeImageBuilder -Name web -EndpointUrl $Endpoint -WhatIf -WarningVariable warnings -WarningAction SilentlyContinue 6>&1 | Out-String
        $removed = Remove-CloudComposeImageBuilder -Name web -EndpointUrl $Endpoint -Force -WarningVariable warnings -WarningAction SilentlyContinue

        $removed.InstanceId | Should -Be $abandoned
        Get-State $active | Should -Be 'stopped'
        "$warnings" | Should -Match "Kept active builder $active"
        "$warnings" | Should -Match '-IncludeActive'

        $more = Remove-CloudComposeImageBuilder -Name web -EndpointUrl $Endpoint -Force -IncludeActive
        $more.InstanceId | Should -Be $active
        Get-State $active | Should -BeIn 'shutting-down', 'terminated'
    }

    It 'names the state, launch time and deadline in the ShouldProcess target (-WhatIf and -Confirm show it)' {
        New-Builder -Tags @{ CloudComposeDeadline = '2020-01-01T00:00:00Z' } | Out-Null
        # -WhatIf writes to the host; -Verbose shows the same ShouldProcess message where a test can read it.
        $verbose = Remove-CloudComposeImageBuilder -Name web -EndpointUrl $Endpoint -Confirm:$false -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String
        $verbose | Should -Match 'Performing the operation "Terminate builder instance" on target "i-[0-9a-f]+ \(web:1\.0, stopped, launched \d{4}-\d\d-\d\d \d\d:\d\dZ, deadline passed 2020-01-01 00:00Z\)"'
    }

    It 'leaves the builder of a bake running in another runspace alone, and the bake goes on' {
        $folder = New-TestFolder
        Write-TestFile $folder 'cloud-compose.yml' "image:`n  name: concurrent`n  version: '1.0'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n" | Out-Null
        Write-TestFile $folder 'image.sh' "echo concurrent`n" | Out-Null
        Invoke-Emulator $Emulator POST delays @{ scriptDuration = 180 } | Out-Null
        $ps = [PowerShell]::Create()
        try {
            $ps.AddScript("Import-Module '$(Get-TestModuleManifest)'; New-CloudComposeImage -Path '$folder' -EndpointUrl '$Endpoint'") | Out-Null
            $bake = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not @(Invoke-Emulator $Emulator GET instances | Where-Object { $_.tags.ImageName -eq 'concurrent' -and $_.state -eq 'running' }) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            $builder = @(Invoke-Emulator $Emulator GET instances | Where-Object { $_.tags.ImageName -eq 'concurrent' })[0]
            $builder.state | Should -Be 'running'

            # The nightly runbook's cleanup after some other build failed:
            Remove-CloudComposeImageBuilder -Name concurrent -EndpointUrl $Endpoint -Force -WarningAction SilentlyContinue | Should -BeNullOrEmpty
            (Get-CloudComposeImageBuilder -Name concurrent -EndpointUrl $Endpoint).Abandoned | Should -BeFalse

            Invoke-Emulator $Emulator POST delays @{ scriptDuration = 5 } | Out-Null
            Invoke-Emulator $Emulator POST "instances/$($builder.id)/outcome" @{ consoleText = (Get-EmulatorMarkerConsole); exitCode = 0; scriptDuration = 1 } | Out-Null
            $image = $ps.EndInvoke($bake)
            $image.State | Should -Be 'available'
        }
        finally {
            $ps.Dispose()
            Invoke-Emulator $Emulator POST delays @{ scriptDuration = 60 } | Out-Null
        }
    }

    It 'takes a builder kept with -KeepBuilderOnFailure without -IncludeActive: the build tagged it as ended' {
        $folder = New-TestFolder
        Write-TestFile $folder 'cloud-compose.yml' "image:`n  name: kept`n  version: '1.0'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n" | Out-Null
        Write-TestFile $folder 'image.sh' "echo kept`n" | Out-Null
        Set-NextBuildOutcome $Emulator @{ exitCode = 1 }
        New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint -KeepBuilderOnFailure -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Out-Null

        $kept = Get-CloudComposeImageBuilder -Path $folder -EndpointUrl $Endpoint
        $kept.Abandoned | Should -BeTrue
        $kept.BuildEnded | Should -Not -BeNullOrEmpty
        $kept.Deadline | Should -BeGreaterThan ([datetime]::UtcNow) -Because 'it is abandoned although its deadline has not passed'
        (Remove-CloudComposeImageBuilder -Path $folder -EndpointUrl $Endpoint -Force).InstanceId | Should -Be $kept.InstanceId
    }
}
