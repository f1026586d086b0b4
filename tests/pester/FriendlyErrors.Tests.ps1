# Common mistakes fail with a stable error id and a hint the user can act on, shown in the error message.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    $script:Emulator = Start-TestEmulator -TimeScale 60
    $script:SourceAmi = 'ami-6d1c2007'
    $script:Folder = New-TestFolder
    Write-TestFile $Folder 'cloud-compose.yml' "image:`n  name: hint`n  version: '1.0'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n" | Out-Null
    Write-TestFile $Folder 'image.sh' "echo hint`n" | Out-Null
}
AfterAll { Stop-TestEmulator $Emulator }

Describe 'Friendly failures' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
    }

    It 'names the missing action of UnauthorizedOperation and points at docs/iam-policy.json' {
        Invoke-Emulator $Emulator POST faults @{ action = 'RunInstances'; count = 1; code = 'UnauthorizedOperation' } | Out-Null
        $err = { New-CloudComposeImage -Path $Folder -EndpointUrl $Emulator.Url } | Should -Throw -ErrorId 'AwsUnauthorized,*' -PassThru
        $err.Exception.Message | Should -Match 'ec2:RunInstances'
        $err.ErrorDetails.Message | Should -Match 'Hint: Grant ec2:RunInstances .*docs/iam-policy\.json'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'says how to set a region when none is configured' {
        # A fresh process: the SDK caches the region it resolved once per process.
        $noConfig = Join-Path (New-TestFolder) 'no-config'
        $run = Invoke-Pwsh -Command "Remove-Item Env:AWS_REGION, Env:AWS_DEFAULT_REGION -ErrorAction Ignore; `$env:AWS_CONFIG_FILE = '$noConfig'; `$env:AWS_EC2_METADATA_DISABLED = 'true'; try { New-CloudComposeImage -Path '$Folder' -EndpointUrl '$($Emulator.Url)' -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; `$_.ErrorDetails.Message; exit 1 }"
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match 'AwsRegionMissing'
        $run.Output | Should -Match 'Hint: Pass -Region'
    }

    It 'says that AMI ids belong to one region when the source AMI is not in this one' {
        $err = { New-CloudComposeImage -Path $Folder -EndpointUrl $Emulator.Url -Region eu-west-1 } | Should -Throw -ErrorId 'SourceAmiNotFound,*' -PassThru
        $err.Exception.Message | Should -Match 'no image ami-6d1c2007 exists in eu-west-1'
        $err.ErrorDetails.Message | Should -Match 'Hint: AMI ids belong to one region'
    }

    It 'suggests the script log and the network when the builder never stops' {
        Set-NextBuildOutcome $Emulator @{ neverStops = $true }
        $err = { New-CloudComposeImage -Path $Folder -EndpointUrl $Emulator.Url -Timeout 6s } | Should -Throw -ErrorId 'BuildTimedOut,*' -PassThru
        $err.ErrorDetails.Message | Should -Match 'Hint: .*(script log|-LogPath).*outbound access'
    }

    It 'shows the hint where pwsh -c prints the error' {
        $run = Invoke-Pwsh -Command "New-CloudComposeImage -Path '$Folder' -EndpointUrl '$($Emulator.Url)' -Region eu-west-1"
        $run.ExitCode | Should -Not -Be 0
        $run.Output | Should -Match 'Hint: AMI ids belong to one region'
    }

    It 'names the profile that does not exist' {
        $err = { New-CloudComposeImage -Path $Folder -EndpointUrl $Emulator.Url -ProfileName no-such-profile-cc } | Should -Throw -ErrorId 'AwsProfileNotFound,*' -PassThru
        $err.Exception.Message | Should -Match "no-such-profile-cc"
        $err.ErrorDetails.Message | Should -Match 'Hint:'
    }
}
