# How failures reach the user: per-input failures are non-terminating (-ErrorAction, -ErrorVariable and $? work),
# terminating errors only for bad arguments or when nothing can run, pwsh -c exits non-zero, the exception type is
# catchable by name, and every error id the module has is produced by its code path and asserted here or elsewhere.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    $script:Emulator = Start-TestEmulator -TimeScale 60
    $script:Endpoint = $Emulator.Url
    $script:SourceAmi = 'ami-6d1c2007'

    function New-BakeFolder([string] $Name = 'err', [string] $Extra = '', [string] $Script = "echo {{ name }}`n") {
        $folder = New-TestFolder
        Write-TestFile $folder 'cloud-compose.yml' "image:`n  name: $Name`n  version: '1.0'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n$Extra" | Out-Null
        Write-TestFile $folder 'image.sh' $Script | Out-Null
        $folder
    }

    function New-SeedImage([string] $Name, [string] $Version = '1.0', [double] $AgeDays) {
        (Invoke-Emulator $Emulator POST seed @{ images = @(@{ name = "$($Name)_$($Version)_$([guid]::NewGuid().ToString('N'))"; ageDays = $AgeDays; tags = @{ ImageName = $Name; ImageVersion = $Version } }) }).imageIds[0]
    }

    function Get-LiveBuilders { @((Invoke-Emulator $Emulator GET instances) | Where-Object { $_.imageId -eq $SourceAmi -and $_.state -in 'pending', 'running', 'stopping', 'stopped' }) }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Failures of one input' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
    }

    It 'are non-terminating: the other configs still bake, -ErrorVariable holds the failure and $? is false' {
        $good = New-BakeFolder 'good'
        $broken = New-BakeFolder 'broken' -Script "echo broken-build`n"
        Invoke-Emulator $Emulator POST outcomes @{ userDataContains = 'broken-build'; outcome = @{ exitCode = 5; consoleText = (Get-EmulatorMarkerConsole) } } | Out-Null

        $images = @($good, $broken | New-CloudComposeImage -EndpointUrl $Endpoint -ErrorVariable failures -ErrorAction SilentlyContinue)
        $succeeded = $?

        $succeeded | Should -BeFalse
        $images.Name | Should -Be 'good'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ImageScriptFailed,*'
        $failures[0].TargetObject | Should -BeLike '*cloud-compose.yml'
        Get-LiveBuilders | Should -BeNullOrEmpty
    }

    It 'stop the command under -ErrorAction Stop, and the other builds still clean up first' {
        $slow = New-BakeFolder 'slow'
        $fails = New-BakeFolder 'fails' -Script "echo fails-fast`n"
        Invoke-Emulator $Emulator POST outcomes @{ userDataContains = 'fails-fast'; outcome = @{ exitCode = 9; scriptDuration = 5; consoleText = (Get-EmulatorMarkerConsole) } } | Out-Null
        Invoke-Emulator $Emulator POST outcomes @{ userDataContains = 'echo slow'; outcome = @{ neverStops = $true } } | Out-Null

        { $slow, $fails | New-CloudComposeImage -EndpointUrl $Endpoint -ErrorAction Stop } | Should -Throw -ErrorId 'ImageScriptFailed,*'

        Get-LiveBuilders | Should -BeNullOrEmpty -Because 'the slow build was cancelled and terminated its builder'
    }

    It 'can be caught by type: [CloudCompose.Image.Errors.CloudComposeException]' {
        $folder = New-TestFolder
        Write-TestFile $folder 'cloud-compose.yml' "image:`n`tname: x`n" | Out-Null
        $caught = try { Get-CloudComposeUserData -Path $folder -ErrorAction Stop; 'nothing' } catch [CloudCompose.Image.Errors.CloudComposeException] { $_.Exception.ErrorId } catch { 'another type: ' + $_.Exception.GetType().FullName }
        $caught | Should -Be 'ConfigSyntaxError'
        [CloudCompose.Image.Errors.ErrorIds]::ConfigSyntaxError | Should -Be 'ConfigSyntaxError'
    }

    It 'are terminating for bad arguments, before any AWS call, whatever -ErrorAction says' {
        Invoke-Emulator $Emulator DELETE counters | Out-Null
        $caught = $null
        try { Get-CloudComposeImage -EndpointUrl $Endpoint -AccessKey AKIDWITHOUTSECRET -ErrorAction SilentlyContinue } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'CredentialInvalid,*'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        @((Invoke-Emulator $Emulator GET counters).PSObject.Properties) | Should -BeNullOrEmpty
    }

    It 'make pwsh -c exit non-zero: an exact -Name that matches nothing exits 1, a wildcard that matches nothing exits 0' {
        (Invoke-Pwsh -Command "Get-CloudComposeImage -Name no-such-image -EndpointUrl '$Endpoint'").ExitCode | Should -Be 1
        $quiet = Invoke-Pwsh -Command "Get-CloudComposeImage -Name 'no-such-*' -EndpointUrl '$Endpoint'"
        $quiet.ExitCode | Should -Be 0 -Because $quiet.Output
        $quiet.Output.Trim() | Should -BeNullOrEmpty
    }
}

Describe 'Ctrl+C' {
    It 'stops Remove-CloudComposeImageBuilder during a slow AWS call with PipelineStoppedException and nothing else' {
        Reset-TestEmulator $Emulator
        # Throttling makes the SDK back off between retries: time enough to press Ctrl+C mid-call.
        Invoke-Emulator $Emulator POST faults @{ action = 'DescribeInstances'; count = 5; code = 'RequestLimitExceeded' } | Out-Null
        $ps = [PowerShell]::Create()
        $ps.AddScript("Import-Module '$(Get-TestModuleManifest)'; Remove-CloudComposeImageBuilder -Name web -Force -EndpointUrl '$Endpoint'") | Out-Null
        $handle = $ps.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (@(Invoke-Emulator $Emulator GET 'requests?action=DescribeInstances').Count -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        $ps.Stop()
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Streams.Error | Should -BeNullOrEmpty
        $ps.Dispose()
        Invoke-Emulator $Emulator DELETE faults | Out-Null
    }
}

Describe 'Error ids' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
    }

    It 'ConfigPathNotFileSystem: a path of another provider' {
        { Get-CloudComposeUserData -Path Env:PATH -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigPathNotFileSystem,*'
    }

    It 'CredentialInvalid: a -Credential without keys, and -SessionToken alone' {
        { Get-CloudComposeImage -EndpointUrl $Endpoint -Credential 42 } | Should -Throw -ErrorId 'CredentialInvalid,*'
        { Get-CloudComposeImage -EndpointUrl $Endpoint -SessionToken token-without-keys } | Should -Throw -ErrorId 'CredentialInvalid,*'
    }

    It 'ImageNameNotFound: an exact name, a name and version, and a config that find no image' {
        New-SeedImage web -AgeDays 3 | Out-Null
        { Get-CloudComposeImage -Name nomatch -EndpointUrl $Endpoint -ErrorAction Stop } | Should -Throw -ErrorId 'ImageNameNotFound,*'
        { Get-CloudComposeImage -Name web -Version 9.9 -EndpointUrl $Endpoint -ErrorAction Stop } | Should -Throw -ErrorId 'ImageNameNotFound,*'
        { Get-CloudComposeImage -Path (New-BakeFolder 'never-baked') -EndpointUrl $Endpoint -ErrorAction Stop } | Should -Throw -ErrorId 'ImageNameNotFound,*'
        { Remove-UnusedCloudComposeImage -Name nomatch -EndpointUrl $Endpoint -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'ImageNameNotFound,*'
        Get-CloudComposeImage -Name 'web', 'nomatch' -EndpointUrl $Endpoint -ErrorVariable failures -ErrorAction SilentlyContinue | Should -HaveCount 1
        $failures[0].TargetObject | Should -Be 'nomatch'
    }

    It 'AwsAuthFailure and AwsRequestFailed: what EC2 refuses' {
        Invoke-Emulator $Emulator POST faults @{ action = 'DescribeImages'; count = 1; code = 'AuthFailure' } | Out-Null
        { Get-CloudComposeImage -EndpointUrl $Endpoint -SkipUsage } | Should -Throw -ErrorId 'AwsAuthFailure,*'
        Invoke-Emulator $Emulator POST faults @{ action = 'DescribeImages'; count = 1; code = 'InvalidParameterValue' } | Out-Null
        { Get-CloudComposeImage -EndpointUrl $Endpoint -SkipUsage } | Should -Throw -ErrorId 'AwsRequestFailed,*'
    }

    It 'AwsEndpointUnreachable: nothing listens at -EndpointUrl' {
        $closed = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $closed.Start(); $port = $closed.LocalEndpoint.Port; $closed.Stop()
        { Get-CloudComposeImage -EndpointUrl "http://127.0.0.1:$port/" -SkipUsage } | Should -Throw -ErrorId 'AwsEndpointUnreachable,*'
    }

    It 'a -LogPath that cannot be written (under a file) is a warning naming it, not a failure: the build goes on' {
        $file = Join-Path (New-TestFolder) 'a-file'
        Set-Content $file 'not a folder'
        $log = Join-Path $file 'build.log'
        $image = New-CloudComposeImage -Path (New-BakeFolder) -EndpointUrl $Endpoint -LogPath $log -ErrorVariable failures -WarningVariable warnings -WarningAction SilentlyContinue
        $failures | Should -BeNullOrEmpty
        $image.ImageId | Should -Match '^ami-'
        ($warnings -join "`n") | Should -Match ([regex]::Escape("-LogPath $log"))
        Get-LiveBuilders | Should -BeNullOrEmpty
    }

    It 'ImageCopyFailed: a copy EC2 refuses' {
        Invoke-Emulator $Emulator POST faults @{ action = 'CopyImage'; count = 1; code = 'InvalidParameterValue' } | Out-Null
        { New-CloudComposeImage -Path (New-BakeFolder -Extra "    copy_to_regions: [us-west-2]`n") -EndpointUrl $Endpoint } | Should -Throw -ErrorId 'ImageCopyFailed,*'
    }

    It 'ImageDisableFailed, ImageDeprecateFailed and SnapshotDeleteFailed: retiring what EC2 refuses' {
        foreach ($case in @{ Action = 'Disable'; Call = 'DisableImage'; Id = 'ImageDisableFailed' }, @{ Action = 'Deprecate'; Call = 'EnableImageDeprecation'; Id = 'ImageDeprecateFailed' }) {
            New-SeedImage "ret$($case.Action)" -AgeDays 1 | Out-Null
            New-SeedImage "ret$($case.Action)" -AgeDays 30 | Out-Null
            Invoke-Emulator $Emulator POST faults @{ action = $case.Call; count = 1; code = 'InvalidParameterValue' } | Out-Null
            Remove-UnusedCloudComposeImage -Name "ret$($case.Action)" -Action $case.Action -Force -EndpointUrl $Endpoint -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -BeLike "$($case.Id),*"
        }
        New-SeedImage snap -AgeDays 1 | Out-Null
        $old = New-SeedImage snap -AgeDays 30
        Invoke-Emulator $Emulator POST faults @{ action = 'DeleteSnapshot'; count = 1; code = 'InvalidParameterValue' } | Out-Null
        $removed = Remove-UnusedCloudComposeImage -Name snap -Force -EndpointUrl $Endpoint -ErrorVariable failures -ErrorAction SilentlyContinue
        $removed.ImageId | Should -Be $old -Because 'the image is gone; only its snapshot is left'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'SnapshotDeleteFailed,*'
        $failures[0].TargetObject | Should -Match '^snap-'
    }
}
