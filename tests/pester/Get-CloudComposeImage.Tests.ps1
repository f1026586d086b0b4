BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    # A manual clock: image ages stay what the seed says.
    $script:Emulator = Start-TestEmulator -TimeScale 0
    $script:Endpoint = $Emulator.Url

    function New-SeedImage {
        param([string] $Name, [string] $Version = '1.0', [double] $AgeDays, [hashtable] $Extra = @{})
        $image = @{ name = "$($Name)_$($Version)_$([guid]::NewGuid().ToString('N'))"; ageDays = $AgeDays; tags = @{ ImageName = $Name; ImageVersion = $Version; Name = "$($Name):$Version" } } + $Extra
        (Invoke-Emulator $Emulator POST seed @{ images = @($image) }).imageIds[0]
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Get-CloudComposeImage' {
    BeforeEach {
        Reset-TestEmulator $Emulator
    }

    It 'lists the tagged images of this account newest first, with what uses them' {
        $old = New-SeedImage web -AgeDays 40
        $new = New-SeedImage web -AgeDays 2
        $api = New-SeedImage api -AgeDays 5
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ name = 'not-ours'; ageDays = 1 }); instances = @(@{ imageId = $old; state = 'stopped' }) } | Out-Null

        $images = @(Get-CloudComposeImage -EndpointUrl $Endpoint)

        $images.ImageId | Should -Be @($api, $new, $old)
        $images[0] | Should -BeOfType ([CloudCompose.Image.ImageInfo])
        $web = $images | Where-Object ImageId -eq $old
        $web.Name | Should -Be 'web'
        $web.Version | Should -Be '1.0'
        $web.InUse | Should -BeTrue
        $web.UsedBy | Should -Match '^i-[0-9a-f]+ \(stopped\)$'
        $web.Age.TotalDays | Should -BeGreaterThan 39
        ($images | Where-Object ImageId -eq $new).InUse | Should -BeFalse
    }

    It 'filters by name and version, takes name and version from a config, and shows a table with the useful columns' {
        New-SeedImage web -AgeDays 3 | Out-Null
        $v2 = New-SeedImage web -Version '2.0' -AgeDays 3
        New-SeedImage api -AgeDays 3 | Out-Null
        $folder = New-TestFolder
        Write-TestFile $folder 'cloud-compose.yml' "image:`n  name: web`n  version: '2.0'`n  aws:`n    ami: ami-6d1c2007`n    subnet: subnet-0123abcd`n" | Out-Null

        (Get-CloudComposeImage -Name 'w*' -Version '2.*' -EndpointUrl $Endpoint).ImageId | Should -Be $v2
        (Get-CloudComposeImage -Path $folder -EndpointUrl $Endpoint).ImageId | Should -Be $v2
        $table = Get-CloudComposeImage -Name web -EndpointUrl $Endpoint | Format-Table | Out-String -Width 200
        $table | Should -Match 'ImageId\s+Name\s+Version\s+State\s+Age\s+InUse\s+Region\s+ImageName'
    }

    It 'reads only name and version from a config whose build variables are not set' {
        $v2 = New-SeedImage web -Version '2.0' -AgeDays 3
        $folder = New-TestFolder
        Write-TestFile $folder 'cloud-compose.yml' "image:`n  name: web`n  version: '2.0'`n  aws:`n    ami: `${CC_TEST_AMI_NOT_SET}`n    subnet: `${CC_TEST_SUBNET_NOT_SET}`n" | Out-Null
        (Get-CloudComposeImage -Path $folder -EndpointUrl $Endpoint).ImageId | Should -Be $v2
        Remove-UnusedCloudComposeImage -Path $folder -EndpointUrl $Endpoint -WhatIf | Should -BeNullOrEmpty
    }

    It 'adds what DescribeImageReferences finds with -IncludeReferences: SSM parameters, older template versions' {
        $published = New-SeedImage web -AgeDays 20
        $pinned = New-SeedImage web -AgeDays 30
        Invoke-Emulator $Emulator POST seed @{
            ssmParameters   = @(@{ name = '/golden/web'; imageId = $published })
            launchTemplates = @(@{ name = 'asg'; versions = @(@{ imageId = $pinned }, @{}, @{}); defaultVersion = 3 })
        } | Out-Null

        $plain = Get-CloudComposeImage -Name web -EndpointUrl $Endpoint
        $deep = Get-CloudComposeImage -Name web -IncludeReferences -EndpointUrl $Endpoint

        ($plain | Where-Object InUse) | Should -BeNullOrEmpty
        ($deep | Where-Object ImageId -eq $published).UsedBy | Should -Be 'ssm:Parameter arn:aws:ssm:us-east-1:123456789012:parameter/golden/web'
        ($deep | Where-Object ImageId -eq $pinned).UsedBy | Should -Match '^ec2:LaunchTemplate arn:aws:ec2:us-east-1:123456789012:launch-template/lt-'
    }

    It 'makes no usage calls with -SkipUsage' {
        New-SeedImage web -AgeDays 3 | Out-Null
        Invoke-Emulator $Emulator DELETE counters | Out-Null

        $image = Get-CloudComposeImage -SkipUsage -EndpointUrl $Endpoint

        $image.InUse | Should -BeNullOrEmpty
        $counters = Invoke-Emulator $Emulator GET counters
        @($counters.PSObject.Properties.Name) | Should -Be @('DescribeImages')
    }

    It 'reports an id that is not one of its images with ImageNotFound and lists the rest' {
        $web = New-SeedImage web -AgeDays 3
        $untagged = (Invoke-Emulator $Emulator POST seed @{ images = @(@{ name = 'plain' }) }).imageIds[0]

        $found = Get-CloudComposeImage -ImageId $web, $untagged -EndpointUrl $Endpoint -ErrorVariable failures -ErrorAction SilentlyContinue

        $found.ImageId | Should -Be $web
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
        $failures[0].TargetObject | Should -Be $untagged
        { Get-CloudComposeImage -ImageId $untagged -EndpointUrl $Endpoint -ErrorAction Stop } | Should -Throw -ErrorId 'ImageNotFound,*'
    }
}
