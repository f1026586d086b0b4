BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    $script:Emulator = Start-TestEmulator -TimeScale 60
    $script:Endpoint = $Emulator.Url
    $script:SourceAmi = 'ami-6d1c2007'

    function New-BakeFolder {
        param([string] $Name = 'web', [string] $Script = "#!/bin/bash`necho building {{ name }}`n", [string] $Extra = '')
        $folder = New-TestFolder
        Write-TestFile $folder 'cloud-compose.yml' ("image:`n  name: $Name`n  version: '1.0'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n" + $Extra) | Out-Null
        Write-TestFile $folder 'image.sh' $Script | Out-Null
        $folder
    }

    function Get-EmulatorState {
        [pscustomobject]@{
            Instances = @(Invoke-Emulator $Emulator GET instances)
            Images    = @(Invoke-Emulator $Emulator GET images)
            Snapshots = @(Invoke-Emulator $Emulator GET snapshots)
        }
    }

    function Assert-NoOrphans {
        # Nothing a failed or cancelled build made may be left costing money.
        $state = Get-EmulatorState
        @($state.Instances | Where-Object { $_.imageId -eq $SourceAmi -and $_.state -in 'pending', 'running', 'stopping', 'stopped' }) | Should -BeNullOrEmpty
        @($state.Images | Where-Object { $_.id -ne $SourceAmi }) | Should -BeNullOrEmpty
        @($state.Snapshots | Where-Object { $_.tags.CloudComposeBuildId }) | Should -BeNullOrEmpty
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'New-CloudComposeImage' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
        $env:AMI_ID = $SourceAmi
        $env:SUBNET_ID = 'subnet-9f0074c6'
    }

    It 'bakes the docker example into an available, tagged image and terminates the builder' {
        $image = New-CloudComposeImage -Path (Join-Path $PSScriptRoot '../../examples/docker') -EndpointUrl $Endpoint

        $image | Should -BeOfType ([CloudCompose.Image.ImageInfo])
        $image.ImageName | Should -Match '^docker_1\.10_\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}$'
        $image.State | Should -Be 'available'
        $image.Name | Should -Be 'docker'
        $image.Version | Should -Be '1.10'
        $image.Region | Should -Be 'us-east-1'
        $image.SnapshotIds.Count | Should -BeGreaterThan 0
        $image.ConsoleOutput | Should -Match 'CLOUDCOMPOSE-RESULT \w+ exit=0'

        $state = Get-EmulatorState
        $stored = $state.Images | Where-Object id -eq $image.ImageId
        $stored.description | Should -Be "$($image.ImageName) image created by cloud-compose."
        $stored.tags.ImageName | Should -Be 'docker'
        $stored.tags.ImageVersion | Should -Be '1.10'
        $stored.tags.Name | Should -Be 'docker:1.10'
        $stored.tags.Team | Should -Be 'platform'
        foreach ($snapshot in $state.Snapshots | Where-Object { $_.id -in $image.SnapshotIds }) {
            $snapshot.tags.ImageName | Should -Be 'docker'
        }
        ($state.Instances | Where-Object id -eq $image.BuilderInstanceId).state | Should -BeIn 'shutting-down', 'terminated'
    }

    It 'launches with a client token, tags at creation, IMDSv2 and stop-on-shutdown' {
        $folder = New-BakeFolder -Extra "    keypair: drydock`n    security_groups: sg-11111111,sg-22222222`n    instance_type: t3.small`n"
        New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint | Out-Null
        $run = @(Invoke-Emulator $Emulator GET 'requests?action=RunInstances')
        $run.Count | Should -Be 1
        $p = $run[0].parameters
        $p.ClientToken | Should -Match '^cc-[0-9a-f]{32}$'
        $p.'TagSpecification.1.ResourceType' | Should -Be 'instance'
        $p.'TagSpecification.2.ResourceType' | Should -Be 'volume'
        $p.'MetadataOptions.HttpTokens' | Should -Be 'required'
        $p.InstanceInitiatedShutdownBehavior | Should -Be 'stop'
        $p.InstanceType | Should -Be 't3.small'
        $p.KeyName | Should -Be 'drydock'
        $p.'SecurityGroupId.2' | Should -Be 'sg-22222222'
        @(Invoke-Emulator $Emulator GET 'requests?action=CreateTags').Count | Should -Be 0
    }

    It 'sends the builder exactly the user data Get-CloudComposeUserData shows (each with its own token and deadline)' {
        $folder = New-BakeFolder
        $shown = Get-CloudComposeUserData -Path $folder -Timeout 20m
        $image = New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint -Timeout 20m
        $sent = (Invoke-Emulator $Emulator GET instances | Where-Object id -eq $image.BuilderInstanceId).userData
        $token = [regex]::Match($shown.UserData, '# cloud-compose-token: (\w+)').Groups[1].Value
        $buildToken = [regex]::Match($sent, '# cloud-compose-token: (\w+)').Groups[1].Value
        $buildToken | Should -Not -Be $token
        # The bake fixes the watchdog's deadline at launch, in EC2's clock; Get-CloudComposeUserData can only say now + -Timeout.
        $deadline = [regex]::Match($shown.UserData, 'cc_left=\$\(\( (\d+) ').Groups[1].Value
        $buildDeadline = [regex]::Match($sent, 'cc_left=\$\(\( (\d+) ').Groups[1].Value
        $deadline | Should -Not -BeNullOrEmpty
        $buildDeadline | Should -Not -BeNullOrEmpty
        $sent | Should -BeExactly $shown.UserData.Replace($token, $buildToken).Replace("cc_left=`$(( $deadline ", "cc_left=`$(( $buildDeadline ")
        $sent | Should -Match '\[ "\$cc_left" -gt 1200 \] && cc_left=1200' -Because 'the watchdog waits at most -Timeout whatever the clocks say'
    }

    It 'calls no mutating API with -WhatIf' {
        $folder = New-BakeFolder
        $result = New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint -WhatIf
        $result | Should -BeNullOrEmpty
        $counters = Invoke-Emulator $Emulator GET counters
        foreach ($mutating in 'RunInstances', 'CreateImage', 'TerminateInstances', 'CreateTags', 'DeregisterImage', 'DeleteSnapshot') {
            $counters.$mutating | Should -BeNullOrEmpty -Because "$mutating must not be called"
        }
    }

    It 'reads a plain number on -Timeout as minutes and says the unit in -WhatIf text' {
        $folder = New-BakeFolder
        (Invoke-Pwsh -Command "New-CloudComposeImage -Path '$folder' -EndpointUrl '$Endpoint' -Timeout 30 -WhatIf").Output | Should -Match '-Timeout 30 minutes'
        (Invoke-Pwsh -Command "New-CloudComposeImage -Path '$folder' -EndpointUrl '$Endpoint' -Timeout 2h -WhatIf").Output | Should -Match '-Timeout 2 hours'
    }

    Context 'when the build fails' {
        It 'reports ImageScriptFailed with the exit code and console, makes no image and removes the builder' {
            Set-NextBuildOutcome $Emulator @{ exitCode = 3 }
            $folder = New-BakeFolder
            $err = { New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint } | Should -Throw -ErrorId 'ImageScriptFailed,*' -PassThru
            $err.Exception.Message | Should -Match 'exit code 3'
            $err.Exception.Message | Should -Match 'hello from image.sh'
            Assert-NoOrphans
        }

        It 'treats a console without the result marker as a failure unless -SkipScriptCheck' {
            Set-NextBuildOutcome $Emulator @{ consoleText = "boot`nno marker here`n" } -Count 2
            $folder = New-BakeFolder
            $err = { New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint -ConsoleTimeout 5s } | Should -Throw -ErrorId 'ImageScriptFailed,*' -PassThru
            $err.Exception.Message | Should -Match 'never showed the result'
            Assert-NoOrphans
            $image = New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint -SkipScriptCheck
            $image.State | Should -Be 'available'
        }

        It 'times out a builder that never stops with BuildTimedOut, saving its console first' {
            Set-NextBuildOutcome $Emulator @{ neverStops = $true }
            $folder = New-BakeFolder
            $log = Join-Path (New-TestFolder) 'timeout.log'
            $err = { New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint -Timeout 6s -LogPath $log } | Should -Throw -ErrorId 'BuildTimedOut,*' -PassThru
            $err.TargetObject | Should -BeOfType ([CloudCompose.Image.BuildConsole])
            $err.TargetObject.ConsoleOutput | Should -Match 'CLOUDCOMPOSE-RESULT \w+ watchdog'
            $err.TargetObject.LogPath | Should -Be $log
            Get-Content -Raw $log | Should -Be $err.TargetObject.ConsoleOutput
            $builder = (Get-EmulatorState).Instances | Where-Object id -eq $err.TargetObject.InstanceId
            # Six seconds leave no room to boot: the watchdog fires at the deadline or, already past it, as the script starts.
            ([datetime]$builder.watchdogAt).ToUniversalTime() | Should -BeGreaterOrEqual ([datetime]::Parse($builder.tags.CloudComposeDeadline, [cultureinfo]::InvariantCulture, 'AdjustToUniversal'))
            Assert-NoOrphans
        }

        It 'saves the console of a failed script and attaches it to ImageScriptFailed' {
            Set-NextBuildOutcome $Emulator @{ exitCode = 5 }
            $log = Join-Path (New-TestFolder) 'failed.log'
            $err = { New-CloudComposeImage -Path (New-BakeFolder) -EndpointUrl $Endpoint -LogPath $log } | Should -Throw -ErrorId 'ImageScriptFailed,*' -PassThru
            $err.TargetObject.ConsoleOutput | Should -Match 'exit=5'
            Get-Content -Raw $log | Should -Match 'exit=5'
            "$($err.TargetObject)" | Should -Match 'cloud-compose.yml$'
            Assert-NoOrphans
        }

        It 'rejects a malformed or unknown region at once with AwsRegionInvalid and a did-you-mean' {
            $folder = New-BakeFolder
            $err = { New-CloudComposeImage -Path $folder -Region 'us east 1!' } | Should -Throw -ErrorId 'AwsRegionInvalid,*' -PassThru
            $err.Exception.Message | Should -Match "'us east 1!' \(-Region\) is not an AWS region name"
            $err = { New-CloudComposeImage -Path $folder -Region 'us-eest-1' } | Should -Throw -ErrorId 'AwsRegionInvalid,*' -PassThru
            $err.ErrorDetails.Message | Should -Match 'Did you mean us-east-1\?'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }

        It 'reports a builder terminated underneath the build' {
            Set-NextBuildOutcome $Emulator @{ terminateAfter = 5; neverStops = $true }
            $folder = New-BakeFolder
            { New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint } | Should -Throw -ErrorId 'BuilderTerminatedUnexpectedly,*'
            Assert-NoOrphans
        }

        It 'removes an image that ended failed, with its snapshots' {
            Invoke-Emulator $Emulator POST faults/images @{ count = 1 } | Out-Null
            $folder = New-BakeFolder
            { New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint } | Should -Throw -ErrorId 'ImageCreationFailed,*'
            Assert-NoOrphans
        }

        It 'keeps the builder with -KeepBuilderOnFailure and names it in a warning' {
            Set-NextBuildOutcome $Emulator @{ exitCode = 1 }
            $folder = New-BakeFolder -Name keep
            $failed = $null
            try { New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint -KeepBuilderOnFailure -WarningVariable warnings -WarningAction SilentlyContinue }
            catch { $failed = $_ }
            $failed.FullyQualifiedErrorId | Should -BeLike 'ImageScriptFailed,*'
            $kept = @((Get-EmulatorState).Instances | Where-Object { $_.state -eq 'stopped' })
            $kept.Count | Should -Be 1
            "$warnings" | Should -Match $kept[0].id
        }

        It 'reports an AMI that does not exist in the region with the config line' {
            $folder = New-BakeFolder
            (Get-Content -Raw "$folder/cloud-compose.yml").Replace($SourceAmi, 'ami-0fffffffffffffff0') | Set-Content "$folder/cloud-compose.yml"
            $err = { New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint } | Should -Throw -ErrorId 'SourceAmiNotFound,*' -PassThru
            $err.Exception.Message | Should -Match 'cloud-compose.yml:5:'
            (Invoke-Emulator $Emulator GET counters).RunInstances | Should -BeNullOrEmpty
        }

        It 'reports a launch the EC2 API refuses as BuilderLaunchFailed' {
            Invoke-Emulator $Emulator POST faults @{ action = 'RunInstances'; count = 1; code = 'InvalidSubnetID.NotFound' } | Out-Null
            $err = { New-CloudComposeImage -Path (New-BakeFolder) -EndpointUrl $Endpoint } | Should -Throw -ErrorId 'BuilderLaunchFailed,*' -PassThru
            $err.Exception.Message | Should -Match 'InvalidSubnetID.NotFound'
            $err.ErrorDetails.Message | Should -Match 'Hint: Check image.aws.subnet'
            Assert-NoOrphans
        }

        It 'makes pwsh -c exit non-zero' {
            Set-NextBuildOutcome $Emulator @{ exitCode = 2 }
            $folder = New-BakeFolder
            $run = Invoke-Pwsh -Command "New-CloudComposeImage -Path '$folder' -EndpointUrl '$Endpoint'"
            $run.ExitCode | Should -Not -Be 0
            $run.Output | Should -Match 'exit code 2'
            $run.Output | Should -Not -Match 'not-a-secret-emulator-only'
        }
    }

    Context 'resilience' {
        It 'rides out a burst of throttling' {
            Invoke-Emulator $Emulator POST faults @{ action = 'DescribeInstances'; count = 3; code = 'RequestLimitExceeded' } | Out-Null
            Invoke-Emulator $Emulator POST faults @{ action = 'RunInstances'; count = 2; code = 'RequestLimitExceeded' } | Out-Null
            Invoke-Emulator $Emulator POST faults @{ action = 'DescribeImages'; count = 2; code = 'InternalError' } | Out-Null
            $image = New-CloudComposeImage -Path (New-BakeFolder) -EndpointUrl $Endpoint
            $image.State | Should -Be 'available'
            @((Get-EmulatorState).Instances | Where-Object { $_.state -in 'pending', 'running', 'stopped' }).Count | Should -Be 0
        }

        It 'rides out NotFound right after creation (eventual consistency)' {
            Invoke-Emulator $Emulator POST delays @{ consistencyDelay = 20 } | Out-Null
            try { (New-CloudComposeImage -Path (New-BakeFolder) -EndpointUrl $Endpoint).State | Should -Be 'available' }
            finally { Invoke-Emulator $Emulator POST delays @{ consistencyDelay = 0 } | Out-Null }
        }

        It 'gzips a script over 16 KB and still bakes it' {
            $big = "#!/bin/bash`n" + ("echo 'a line repeated to make the script large'`n" * 500)
            $image = New-CloudComposeImage -Path (New-BakeFolder -Script $big) -EndpointUrl $Endpoint
            $image.State | Should -Be 'available'
        }
    }

    Context 'Ctrl+C' {
        It 'leaves nothing behind when stopped while <Phase>' -ForEach @(
            @{ Phase = 'waiting for the builder'; Until = { param($s) @($s.Instances | Where-Object state -eq 'running').Count -gt 0 } }
            @{ Phase = 'waiting for the image'; Until = { param($s) @($s.Images | Where-Object { $_.id -ne $SourceAmi }).Count -gt 0 } }
            @{ Phase = 'reading the console'; NoMarker = $true; Until = { param($s) @($s.Instances | Where-Object state -eq 'stopped').Count -gt 0 } }
            @{ Phase = 'launching'; Throttle = $true; Until = { param($s) $true } }
        ) {
            Invoke-Emulator $Emulator POST delays @{ imageDelay = 600; scriptDuration = 120 } | Out-Null
            if ($NoMarker) {
                Invoke-Emulator $Emulator POST delays @{ scriptDuration = 5 } | Out-Null
                Set-NextBuildOutcome $Emulator @{ consoleText = "no marker`n" }
            }
            if ($Throttle) { Invoke-Emulator $Emulator POST faults @{ action = 'RunInstances'; count = 6; code = 'RequestLimitExceeded' } | Out-Null }
            try {
                $folder = New-BakeFolder
                $ps = [PowerShell]::Create()
                $ps.AddScript("Import-Module '$(Get-TestModuleManifest)'; New-CloudComposeImage -Path '$folder' -EndpointUrl '$Endpoint'") | Out-Null
                $handle = $ps.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while (-not (& $Until (Get-EmulatorState)) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
                if ($NoMarker) { Start-Sleep -Seconds 2 }
                & $Until (Get-EmulatorState) | Should -BeTrue -Because "the build should reach the phase '$Phase'"
                $ps.Stop()
                $ps.Dispose()
                Assert-NoOrphans
            }
            finally {
                Invoke-Emulator $Emulator POST delays @{ imageDelay = 30; scriptDuration = 60 } | Out-Null
                Invoke-Emulator $Emulator DELETE faults | Out-Null
            }
        }
    }

    Context 'logs and credentials' {
        It 'saves the console with -LogPath' {
            $log = Join-Path (New-TestFolder) 'logs/build.log'
            $image = New-CloudComposeImage -Path (New-BakeFolder) -EndpointUrl $Endpoint -LogPath $log
            $image.LogPath | Should -Be $log
            Get-Content -Raw $log | Should -Match 'CLOUDCOMPOSE-RESULT \w+ exit=0'
        }

        It 'takes keys from a PSCredential and never shows the secret' {
            $secret = 'wJalrXUtnFEMI-never-print-this'
            $credential = [pscredential]::new('AKIDFROMPSCREDENTIAL', (ConvertTo-SecureString $secret -AsPlainText -Force))
            Set-NextBuildOutcome $Emulator @{ exitCode = 4 }
            $output = & { try { New-CloudComposeImage -Path (New-BakeFolder) -EndpointUrl $Endpoint -Credential $credential -Verbose 4>&1 3>&1 } catch { $_ | Format-List * -Force | Out-String } } | Out-String
            $output | Should -Match 'exit code 4'
            $output | Should -Not -Match $secret
            (Invoke-Emulator $Emulator GET 'requests?action=RunInstances').parameters.PSObject.Properties.Value -join ' ' | Should -Not -Match $secret
        }

        It 'takes credentials and region from a shared credentials profile' {
            $folder = New-TestFolder
            $credentials = Write-TestFile $folder 'credentials' "[builder]`naws_access_key_id = AKIDFROMPROFILE`naws_secret_access_key = profile-secret`n"
            $config = Write-TestFile $folder 'config' "[profile builder]`nregion = us-west-2`n"
            $saved = $env:AWS_SHARED_CREDENTIALS_FILE, $env:AWS_CONFIG_FILE, $env:AWS_REGION
            try {
                $env:AWS_SHARED_CREDENTIALS_FILE = $credentials
                $env:AWS_CONFIG_FILE = $config
                Remove-Item Env:AWS_REGION
                Invoke-Emulator $Emulator POST seed @{ region = 'us-west-2'; images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
                # A fresh process: the SDK reads the shared files' locations once per process.
                $run = Invoke-Pwsh -Command "(New-CloudComposeImage -Path '$(New-BakeFolder)' -EndpointUrl '$Endpoint' -ProfileName builder).Region"
                $run.Output.Trim() | Should -Be 'us-west-2'
                $run = Invoke-Pwsh -Command "try { New-CloudComposeImage -Path '$(New-BakeFolder)' -EndpointUrl '$Endpoint' -ProfileName nosuchprofile -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }"
                $run.Output | Should -Match '^AwsProfileNotFound,'
            }
            finally {
                $env:AWS_SHARED_CREDENTIALS_FILE, $env:AWS_CONFIG_FILE, $env:AWS_REGION = $saved
            }
        }

        It 'picks the newest image matching an AMI name filter' {
            Invoke-Emulator $Emulator POST seed @{ images = @(
                    @{ id = 'ami-0000000000000aaa1'; name = 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240101'; ownerId = '099720109477'; public = $true; ageDays = 30 }
                    @{ id = 'ami-0000000000000aaa2'; name = 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240301'; ownerId = '099720109477'; public = $true; ageDays = 2 }
                    @{ id = 'ami-0000000000000aaa3'; name = 'ubuntu/images/hvm-ssd/ubuntu-noble-24.04-amd64-server-20240401'; ownerId = '099720109477'; public = $true; ageDays = 1 }
                ) } | Out-Null
            $folder = New-BakeFolder
            (Get-Content -Raw "$folder/cloud-compose.yml").Replace("ami: $SourceAmi", 'ami: {name: "ubuntu/images/*-22.04-amd64-*", owners: ["099720109477"]}') | Set-Content "$folder/cloud-compose.yml"
            $image = New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint
            $image.SourceImageId | Should -Be 'ami-0000000000000aaa2'
        }
    }

    Context 'many builds' {
        It 'bakes ten configs from the pipeline concurrently, sharing one poller' {
            $root = New-TestFolder
            foreach ($i in 1..10) {
                Write-TestFile $root "app$i/cloud-compose.yml" "image:`n  name: app$i`n  version: '1'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n" | Out-Null
                Write-TestFile $root "app$i/image.sh" "echo app$i`n" | Out-Null
            }
            Invoke-Emulator $Emulator DELETE counters | Out-Null
            $images = Get-ChildItem $root -Recurse -Filter cloud-compose.yml | New-CloudComposeImage -EndpointUrl $Endpoint -ThrottleLimit 10
            @($images).Count | Should -Be 10
            ($images.Name | Sort-Object -Unique).Count | Should -Be 10
            $counters = Invoke-Emulator $Emulator GET counters
            # Ten separate pollers would make ten times the calls of one.
            $counters.DescribeInstances | Should -BeLessThan 60
        }

        It 'works from ForEach-Object -Parallel' {
            $root = New-TestFolder
            foreach ($i in 1..3) {
                Write-TestFile $root "p$i/cloud-compose.yml" "image:`n  name: p$i`n  version: '1'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n" | Out-Null
                Write-TestFile $root "p$i/image.sh" "echo p$i`n" | Out-Null
            }
            $manifest = Get-TestModuleManifest
            $images = 1..3 | ForEach-Object -ThrottleLimit 3 -Parallel {
                Import-Module $using:manifest
                New-CloudComposeImage -Path (Join-Path $using:root "p$_") -EndpointUrl $using:Endpoint
            }
            @($images).Count | Should -Be 3
            $images.State | Sort-Object -Unique | Should -Be 'available'
        }
    }

    Context 'leftover builders' {
        It 'warns about builders of an earlier run and Remove-CloudComposeImageBuilder removes them' {
            Invoke-Emulator $Emulator POST seed @{ instances = @(@{ imageId = $SourceAmi; state = 'stopped'; tags = @{ ImageName = 'web'; ImageVersion = '1.0'; CloudComposeDeadline = '2020-01-01T00:00:00Z' } }) } | Out-Null
            $folder = New-BakeFolder
            New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
            "$warnings" | Should -Match 'Remove-CloudComposeImageBuilder'

            $preview = Remove-CloudComposeImageBuilder -Path $folder -EndpointUrl $Endpoint -WhatIf
            $preview | Should -BeNullOrEmpty
            @((Get-EmulatorState).Instances | Where-Object state -eq 'stopped').Count | Should -Be 1

            $removed = Remove-CloudComposeImageBuilder -Path $folder -EndpointUrl $Endpoint -Force
            @($removed).Count | Should -Be 1
            $removed[0].Terminated | Should -BeTrue
            @((Get-EmulatorState).Instances | Where-Object state -eq 'stopped').Count | Should -Be 0
        }
    }

    Context 'retiring older images' {
        BeforeEach {
            # web:1.0 images: 20 and 30 days old and unused (they go once the new image exists), 2 days (too young).
            $script:Old = @(foreach ($age in 20, 30, 2) {
                    (Invoke-Emulator $Emulator POST seed @{ images = @(@{ name = "web_1.0_old$age"; ageDays = $age; tags = @{ ImageName = 'web'; ImageVersion = '1.0' } }) }).imageIds[0]
                })
        }

        It 'names in -WhatIf the images the cleanup would retire, one What if line each, and retires nothing' {
            $folder = New-BakeFolder
            $run = Invoke-Pwsh -Command "New-CloudComposeImage -Path '$folder' -EndpointUrl '$Endpoint' -WhatIf"
            $run.ExitCode | Should -Be 0 -Because $run.Output
            $text = $run.Output -replace '\s*\r?\n\s*', ' '
            $text | Should -Match ('then retire the older unused images of web:1\.0 \(2 now: .*{0} .*{1}' -f $Old[0], $Old[1])
            $text | Should -Match ('What if: Performing the operation "After the new image is available: Deregister image .*" on target "{0} \(web_1\.0_old20\)"' -f $Old[0])
            $text | Should -Not -Match $Old[2]
            (Invoke-Emulator $Emulator GET counters).DeregisterImage | Should -BeNullOrEmpty
        }

        It 'retires them after the build, each through ShouldProcess, and says so in RetiredImages' {
            $verbose = New-CloudComposeImage -Path (New-BakeFolder) -EndpointUrl $Endpoint -Verbose 4>&1
            $image = $verbose | Where-Object { $_ -is [CloudCompose.Image.ImageInfo] }
            $messages = ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message

            @($image.RetiredImages.ImageId) | Sort-Object | Should -Be (@($Old[0], $Old[1]) | Sort-Object)
            $image.RetiredImages[0] | Should -BeOfType ([CloudCompose.Image.RemovalResult])
            $image.RetiredImages.Action | Sort-Object -Unique | Should -Be 'Deregistered'
            foreach ($id in $Old[0], $Old[1]) {
                $messages | Where-Object { $_ -match "^Performing the operation `"Deregister image .*`" on target `"$id " } | Should -Not -BeNullOrEmpty
            }
            @(Invoke-Emulator $Emulator GET images).id | Should -Contain $Old[2]
        }

        It 'retires nothing with -NoCleanup, and says nothing would go in -WhatIf' {
            $image = New-CloudComposeImage -Path (New-BakeFolder) -EndpointUrl $Endpoint -NoCleanup
            $image.RetiredImages | Should -BeNullOrEmpty
            @(Invoke-Emulator $Emulator GET images).id | Should -Contain $Old[0]
            $run = Invoke-Pwsh -Command "New-CloudComposeImage -Path '$(New-BakeFolder)' -EndpointUrl '$Endpoint' -NoCleanup -WhatIf"
            $run.Output | Should -Not -Match 'retire'
        }
    }

    Context 'distribution' {
        It 'copies to other regions and shares with accounts' {
            $folder = New-BakeFolder -Extra "    copy_to_regions: [us-west-2]`n    share_with_accounts: ['111122223333']`n"
            $image = New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint
            $image.CopiedImages['us-west-2'] | Should -Match '^ami-'
            $image.SharedWithAccounts | Should -Be '111122223333'
            $copy = Invoke-Emulator $Emulator GET 'images?region=us-west-2' | Where-Object id -eq $image.CopiedImages['us-west-2']
            $copy.state | Should -Be 'available'
            $copy.tags.ImageName | Should -Be 'web'
        }
    }
}
