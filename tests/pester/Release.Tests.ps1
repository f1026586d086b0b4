# image.test and image.publish through the built module against the emulator child process: the emulator's
# inspection routes are the witness of what was launched, published, kept and removed.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    $script:Emulator = Start-TestEmulator -TimeScale 60
    $script:Endpoint = $Emulator.Url
    $script:SourceAmi = 'ami-6d1c2007'

    function New-ReleaseFolder {
        param([string] $Publish = "  publish:`n    ssm_parameter: /images/rel/latest`n    launch_templates: [web]`n", [string] $Aws = '')
        $folder = New-TestFolder
        Write-TestFile $folder 'cloud-compose.yml' ("image:`n  name: rel`n  version: '1.0'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n$Aws  test: test.sh`n$Publish") | Out-Null
        Write-TestFile $folder 'image.sh' "echo building {{ name }}`n" | Out-Null
        Write-TestFile $folder 'test.sh' "echo testing {{ name }} {{ version }}`n" | Out-Null
        $folder
    }

    # Instances launched from this build's new images (rel_1.0_<timestamp>) run test.sh; builders keep the default.
    function Set-TestOutcome {
        param([int] $ExitCode = 0, [int] $Seconds = 30)
        $console = "smoke: docker is $(if ($ExitCode) { 'missing' } else { 'there' })`n" + (Get-EmulatorMarkerConsole)
        Invoke-Emulator $Emulator POST outcomes @{ imageName = 'rel_1.0_2*'; outcome = @{ consoleText = $console; exitCode = $ExitCode; scriptDuration = $Seconds } } | Out-Null
    }

    function Get-Live {
        param([string] $Region = 'us-east-1')
        @(Invoke-Emulator $Emulator GET "instances?region=$Region" | Where-Object { $_.state -in 'pending', 'running', 'stopping', 'stopped' })
    }

    function Get-NewImages {
        param([string] $Region = 'us-east-1')
        @(Invoke-Emulator $Emulator GET "images?region=$Region" | Where-Object { $_.name -like 'rel_1.0_2*' })
    }

    function Wait-TestInstance {
        # Until an instance of the new image is running: the test phase has begun.
        $deadline = [DateTime]::UtcNow.AddSeconds(120)
        do {
            $images = @(Get-NewImages | ForEach-Object id)
            $test = @(Get-Live | Where-Object { $_.imageId -in $images -and $_.state -eq 'running' })
            if ($test) { return $test[0] }
            Start-Sleep -Milliseconds 200
        } while ([DateTime]::UtcNow -lt $deadline)
        throw 'The test phase did not start within 120 s.'
    }

    function Assert-NothingLeft {
        Get-Live | Should -BeNullOrEmpty -Because 'neither the builder nor the test instance may keep running'
        Get-NewImages | Should -BeNullOrEmpty -Because 'an image whose test did not pass is removed'
        @(Invoke-Emulator $Emulator GET snapshots | Where-Object { $_.tags.CloudComposeBuildId }) | Should -BeNullOrEmpty
        @(Invoke-Emulator $Emulator GET ssm-parameters | Where-Object { $_.validating -or ($_.history | Where-Object value -like 'ami-*' | Where-Object { $_.value -ne $OldImage }) }) |
            Should -BeNullOrEmpty -Because 'nothing is published'
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'New-CloudComposeImage: test and publish' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        $seeded = Invoke-Emulator $Emulator POST seed @{ images = @(
                @{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }
                @{ name = 'rel_1.0_old'; ageDays = 40; tags = @{ ImageName = 'rel'; ImageVersion = '1.0' } }
            ) }
        $script:OldImage = $seeded.imageIds[1]
        Invoke-Emulator $Emulator POST seed @{ launchTemplates = @(@{ name = 'web'; versions = @(@{ imageId = $OldImage; instanceType = 'm5.large' }) }); ssmParameters = @(@{ name = '/images/rel/latest'; imageId = $OldImage }) } | Out-Null
    }

    It 'tests the new image on its own instance, then publishes it to the SSM parameter and the launch template' {
        Set-TestOutcome -ExitCode 0
        # Two emulated minutes of validation: the bake must wait for them, not just for PutParameter's answer.
        Invoke-Emulator $Emulator POST delays @{ ssmValidationDelay = 120 } | Out-Null
        $image = New-CloudComposeImage -Path (New-ReleaseFolder) -EndpointUrl $Endpoint -NoCleanup

        $image.Tested | Should -BeTrue
        $image.TestConsoleOutput | Should -Match 'smoke: docker is there'
        $test = Invoke-Emulator $Emulator GET instances | Where-Object id -eq $image.TestInstanceId
        $test.imageId | Should -Be $image.ImageId
        $test.tags.CloudComposeRole | Should -Be 'test'
        $test.state | Should -BeIn 'shutting-down', 'terminated'
        $test.userData | Should -Match 'echo testing rel 1\.0'
        Get-Live | Should -BeNullOrEmpty

        $image.Published.Count | Should -Be 2
        $image.Published | ForEach-Object { $_.Succeeded | Should -BeTrue -Because $_.Error }
        $ssm = $image.Published | Where-Object Kind -eq 'SsmParameter'
        $ssm.Version | Should -Be 2
        $ssm.Previous | Should -Be $OldImage
        $lt = $image.Published | Where-Object Kind -eq 'LaunchTemplate'
        ($lt.Version, $lt.Previous) | Should -Be @(2, '1')

        $parameter = Invoke-Emulator $Emulator GET ssm-parameters | Where-Object name -eq '/images/rel/latest'
        $parameter.value | Should -Be $image.ImageId
        @($parameter.history.value) | Should -Be @($OldImage, $image.ImageId)
        $parameter.tags.ImageName | Should -Be 'rel'
        $put = @(Invoke-Emulator $Emulator GET 'requests?action=ssm:PutParameter') | Where-Object status -eq 200
        $looked = @(Invoke-Emulator $Emulator GET 'requests?action=ssm:GetParameterHistory')[-1]
        ([datetime]$looked.time - [datetime]$put.time).TotalSeconds | Should -BeGreaterOrEqual 120 -Because 'the parameter resolves to the new id only after validation'

        # The old image stays: the previous launch template version still references it (the rollback path).
        Invoke-Emulator $Emulator GET images | Where-Object id -eq $OldImage | Should -Not -BeNullOrEmpty
    }

    It 'removes the image, publishes nothing and keeps older images when test.sh fails' {
        Set-TestOutcome -ExitCode 1
        $e = { New-CloudComposeImage -Path (New-ReleaseFolder) -EndpointUrl $Endpoint -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'ImageTestFailed,*'
        $e.Exception.Message | Should -Match 'exit code 1'
        $e.Exception.Message | Should -Match 'smoke: docker is missing'

        Assert-NothingLeft
        @(Invoke-Emulator $Emulator GET 'requests?action=ssm:PutParameter') | Should -BeNullOrEmpty
        @(Invoke-Emulator $Emulator GET 'requests?action=CreateLaunchTemplateVersion') | Should -BeNullOrEmpty
        Invoke-Emulator $Emulator GET images | Where-Object id -eq $OldImage | Should -Not -BeNullOrEmpty -Because 'no older image is retired'
        (Invoke-Emulator $Emulator GET ssm-parameters).value | Should -Be $OldImage
    }

    It 'disables and tags the failed image with -KeepFailedImage' {
        Set-TestOutcome -ExitCode 2
        { New-CloudComposeImage -Path (New-ReleaseFolder) -EndpointUrl $Endpoint -KeepFailedImage -ErrorAction Stop -WarningVariable warnings -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'ImageTestFailed*'
        $kept = @(Get-NewImages)
        $kept.Count | Should -Be 1
        $kept[0].state | Should -Be 'disabled'
        $kept[0].tags.CloudComposeTestResult | Should -Be 'failed'
        Get-Live | Should -BeNullOrEmpty
        (Invoke-Emulator $Emulator GET ssm-parameters).value | Should -Be $OldImage
    }

    It 'publishes every copy in its own region' {
        Invoke-Emulator $Emulator POST seed @{ region = 'us-west-2'; images = @(@{ name = 'rel_1.0_old-west'; tags = @{ ImageName = 'rel'; ImageVersion = '1.0' } }) } | Out-Null
        $image = New-CloudComposeImage -Path (New-ReleaseFolder -Aws "    copy_to_regions: [us-west-2]`n" -Publish "  publish:`n    ssm_parameter: /images/rel/latest`n") -EndpointUrl $Endpoint -NoCleanup
        $copy = $image.CopiedImages['us-west-2']
        $copy | Should -Match '^ami-'
        @($image.Published | ForEach-Object { "$($_.Region)=$($_.ImageId)" }) | Should -Be @("us-east-1=$($image.ImageId)", "us-west-2=$copy")
        (Invoke-Emulator $Emulator GET 'ssm-parameters?region=us-west-2').value | Should -Be $copy
        (Invoke-Emulator $Emulator GET 'ssm-parameters?region=us-east-1').value | Should -Be $image.ImageId
    }

    It 'reports a failed target as ImagePublishFailed after writing the image, and publishes the others' {
        $failure = $null
        try {
            New-CloudComposeImage -Path (New-ReleaseFolder -Publish "  publish:`n    launch_templates: [missing, web]`n") -EndpointUrl $Endpoint -NoCleanup -OutVariable image -WarningAction SilentlyContinue | Out-Null
        }
        catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'ImagePublishFailed,*'
        $failure.Exception.Message | Should -Match 'launch template missing in us-east-1'
        $image[0].ImageId | Should -Match '^ami-' -Because 'the image is written before the failure ends the command'
        @($image[0].Published.Succeeded) | Should -Be @($false, $true)
        (Invoke-Emulator $Emulator GET ssm-parameters).value | Should -Be $OldImage -Because 'only launch templates were configured'
    }

    It 'publishes without testing, with a warning, under -SkipTest' {
        Set-TestOutcome -ExitCode 1
        $image = New-CloudComposeImage -Path (New-ReleaseFolder) -EndpointUrl $Endpoint -NoCleanup -SkipTest -WarningVariable warnings -WarningAction SilentlyContinue
        $image.Tested | Should -BeFalse
        $image.TestInstanceId | Should -BeNullOrEmpty
        ($warnings -join "`n") | Should -Match 'was not tested \(-SkipTest\)'
        (Invoke-Emulator $Emulator GET ssm-parameters).value | Should -Be $image.ImageId
    }

    It 'names file, line and key for a bad image.publish before anything launches' {
        $folder = New-ReleaseFolder -Publish "  publish:`n    ssm_parameter: /aws/reserved`n"
        { New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint -ErrorAction Stop } | Should -Throw -ExpectedMessage "*cloud-compose.yml:9:*image.publish.ssm_parameter*'/aws/reserved' may not begin with 'aws'*"
        @(Invoke-Emulator $Emulator GET 'requests?action=RunInstances') | Should -BeNullOrEmpty
    }

    Context 'stopped during the test phase' {
        It 'leaves nothing running after Ctrl+C' {
            Set-TestOutcome -Seconds 600
            $ps = [PowerShell]::Create()
            $ps.AddScript("Import-Module '$(Get-TestModuleManifest)'; New-CloudComposeImage -Path '$(New-ReleaseFolder)' -EndpointUrl '$Endpoint'") | Out-Null
            $handle = $ps.BeginInvoke()
            $test = Wait-TestInstance
            $ps.Stop()
            $ps.Dispose()
            (Invoke-Emulator $Emulator GET instances | Where-Object id -eq $test.id).state | Should -BeIn 'shutting-down', 'terminated'
            Assert-NothingLeft
        }

        It 'leaves nothing running after SIGTERM to a child pwsh' -Skip:$IsWindows {
            Set-TestOutcome -Seconds 600
            $folder = New-ReleaseFolder
            $pwsh = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
            $start = [Diagnostics.ProcessStartInfo]::new($pwsh)
            # Running as a dotnet tool this process is dotnet with pwsh.dll as its first argument: start pwsh.dll the
            # same way, so the signal goes to the process that runs PowerShell (not a muxer or shim in front of it).
            if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $start.ArgumentList.Add([Environment]::GetCommandLineArgs()[0]) }
            foreach ($a in '-NoProfile', '-NonInteractive', '-Command', "Import-Module '$(Get-TestModuleManifest)'; New-CloudComposeImage -Path '$folder' -EndpointUrl '$Endpoint'") { $start.ArgumentList.Add($a) }
            $start.RedirectStandardOutput = $true
            $start.RedirectStandardError = $true
            $start.UseShellExecute = $false
            $child = [Diagnostics.Process]::Start($start)
            $stdout = $child.StandardOutput.ReadToEndAsync()
            $stderr = $child.StandardError.ReadToEndAsync()
            try {
                $test = Wait-TestInstance
                kill -TERM $child.Id
                $child.WaitForExit(180000) | Should -BeTrue -Because 'the child ends after its cleanup'
                $child.ExitCode | Should -Not -Be 0
                (Invoke-Emulator $Emulator GET instances | Where-Object id -eq $test.id).state | Should -BeIn 'shutting-down', 'terminated' -Because "$($stdout.Result)$($stderr.Result)"
                Assert-NothingLeft
            }
            finally {
                if (-not $child.HasExited) { $child.Kill($true) }
            }
        }
    }
}
