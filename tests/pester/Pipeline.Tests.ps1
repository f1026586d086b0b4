# Paths and pipeline input as PowerShell users expect them: -Path expands wildcards and honours backtick escapes,
# -LiteralPath (PSPath) takes names as written, strings pipe to -ImageId on the image cmdlets, and piped input is
# looked up once, not once per object.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    $script:Emulator = Start-TestEmulator -TimeScale 0
    $script:Endpoint = $Emulator.Url
    $script:SourceAmi = 'ami-6d1c2007'

    function New-SeedImage([string] $Name, [string] $Version = '1.0', [double] $AgeDays) {
        (Invoke-Emulator $Emulator POST seed @{ images = @(@{ name = "$($Name)_$($Version)_$([guid]::NewGuid().ToString('N'))"; ageDays = $AgeDays; tags = @{ ImageName = $Name; ImageVersion = $Version } }) }).imageIds[0]
    }

    function New-Builder([string] $Name, [string] $Version = '1.0') {
        (Invoke-Emulator $Emulator POST seed @{ instances = @(@{ imageId = $SourceAmi; state = 'stopped'; tags = @{ ImageName = $Name; ImageVersion = $Version } }) }).instanceIds[0]
    }

    function Get-Calls([string] $Action) { $c = Invoke-Emulator $Emulator GET counters; if ($c.PSObject.Properties[$Action]) { $c.$Action } else { 0 } }

    # A folder whose name has wildcard characters in it: br[1]/cloud-compose.yml names image "bracket".
    $script:Root = New-TestFolder
    $script:Bracket = Join-Path $Root 'br[1]'
    [IO.Directory]::CreateDirectory($Bracket) | Out-Null
    [IO.File]::WriteAllText((Join-Path $Bracket 'cloud-compose.yml'), "image:`n  name: bracket`n  version: '1.0'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n")
    [IO.File]::WriteAllText((Join-Path $Bracket 'image.sh'), "echo bracket`n")
    $script:Escaped = (Join-Path $Root 'br`[1`]')
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Config paths' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
        $script:Image = New-SeedImage bracket -AgeDays 3
    }

    It 'takes an escaped -Path and a -LiteralPath on <Name>' -ForEach @(
        @{ Name = 'Get-CloudComposeUserData'; Run = { param($p) Get-CloudComposeUserData @p }; Check = { param($r) $r.Name | Should -Be 'bracket' } }
        @{ Name = 'Get-CloudComposeImage'; Run = { param($p) Get-CloudComposeImage @p -EndpointUrl $Endpoint }; Check = { param($r) $r.ImageId | Should -Be $Image } }
        @{ Name = 'Get-CloudComposeImageBuilder'; Run = { param($p) New-Builder bracket | Out-Null; Get-CloudComposeImageBuilder @p -EndpointUrl $Endpoint }; Check = { param($r) @($r)[0].Name | Should -Be 'bracket' } }
        @{ Name = 'Remove-UnusedCloudComposeImage'; Run = { param($p) Remove-UnusedCloudComposeImage @p -EndpointUrl $Endpoint -Verbose 4>&1 }; Check = { param($r) "$r" | Should -Match "Keeping $Image" } }
        @{ Name = 'Remove-CloudComposeImageBuilder'; Run = { param($p) $b = New-Builder bracket; Remove-CloudComposeImageBuilder @p -EndpointUrl $Endpoint -Force }; Check = { param($r) @($r)[0].Terminated | Should -BeTrue } }
        @{ Name = 'New-CloudComposeImage'; Run = { param($p) New-CloudComposeImage @p -EndpointUrl $Endpoint -WhatIf -Verbose 4>&1 }; Check = { param($r) "$r" | Should -Match 'Plan for bracket:1\.0' } }
    ) {
        foreach ($parameters in @{ Path = $Escaped }, @{ LiteralPath = $Bracket }, @{ LP = $Bracket }, @{ LiteralPath = (Join-Path $Bracket 'cloud-compose.yml') }) {
            $result = & $Run $parameters
            & $Check $result
        }
    }

    It 'treats an unescaped -Path as a wildcard, which matches nothing here and is no error' {
        $result = Get-CloudComposeUserData -Path (Join-Path $Root 'br[1]') -ErrorVariable failures
        $result | Should -BeNullOrEmpty
        $failures | Should -BeNullOrEmpty
    }

    It 'reports a path that does not exist as ConfigNotFound and goes on with the others' {
        $results = Get-CloudComposeUserData -Path (Join-Path $Root 'missing'), $Escaped -ErrorVariable failures -ErrorAction SilentlyContinue
        $results.Name | Should -Be 'bracket'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ConfigNotFound,*'
        $failures[0].TargetObject | Should -BeLike '*missing'
    }

    It 'takes Get-Item -LiteralPath output on Remove-CloudComposeImageBuilder and terminates that config''s builder' {
        $builder = New-Builder bracket
        $other = New-Builder elsewhere

        $removed = Get-Item -LiteralPath (Join-Path $Bracket 'cloud-compose.yml') | Remove-CloudComposeImageBuilder -EndpointUrl $Endpoint -Force

        $removed.InstanceId | Should -Be $builder
        $states = @{}; foreach ($i in Invoke-Emulator $Emulator GET instances) { $states[$i.id] = $i.state }
        $states[$builder] | Should -BeIn 'shutting-down', 'terminated'
        $states[$other] | Should -Be 'stopped'
    }

    It 'takes Get-ChildItem output on every config cmdlet through PSPath' {
        (Get-ChildItem -LiteralPath $Bracket -Filter cloud-compose.yml | Get-CloudComposeImage -EndpointUrl $Endpoint).ImageId | Should -Be $Image
        (Get-ChildItem -LiteralPath $Bracket -Filter cloud-compose.yml | Get-CloudComposeUserData).Name | Should -Be 'bracket'
    }
}

Describe 'Pipeline input' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        $script:Ids = @(foreach ($age in 3, 20, 40) { New-SeedImage web -AgeDays $age })
        Invoke-Emulator $Emulator DELETE counters | Out-Null
    }

    It 'binds image id strings by value, and lists them all with one DescribeImages call' {
        $Ids[0] | Get-CloudComposeImage -EndpointUrl $Endpoint -SkipUsage | ForEach-Object ImageId | Should -Be $Ids[0]
        Invoke-Emulator $Emulator DELETE counters | Out-Null
        $listed = $Ids | Get-CloudComposeImage -EndpointUrl $Endpoint -SkipUsage
        @($listed).Count | Should -Be 3
        Get-Calls DescribeImages | Should -Be 1
        (Get-CloudComposeImage -ImageIds $Ids[1] -EndpointUrl $Endpoint -SkipUsage).ImageId | Should -Be $Ids[1]
    }

    It 'binds objects with an ImageId property (build and removal results) by property name' {
        $listed = [pscustomobject]@{ ImageId = $Ids[2] } | Get-CloudComposeImage -EndpointUrl $Endpoint -SkipUsage
        $listed.ImageId | Should -Be $Ids[2]
        $whatIf = $Ids[2] | Remove-UnusedCloudComposeImage -EndpointUrl $Endpoint -WhatIf -Verbose 4>&1 | Out-String
        $whatIf | Should -Match "1 of 1 image\(s\) may be retired"
    }

    It 'looks builders up once for every image piped into Remove-CloudComposeImageBuilder' {
        $web = New-Builder web '1.0'
        $otherVersion = New-Builder web '2.0'
        Invoke-Emulator $Emulator DELETE counters | Out-Null

        $removed = Get-CloudComposeImage -Name web -EndpointUrl $Endpoint -SkipUsage | Remove-CloudComposeImageBuilder -EndpointUrl $Endpoint -Force

        $removed.InstanceId | Should -Be $web -Because 'the images are of version 1.0: the builder of 2.0 stays'
        Get-Calls DescribeInstances | Should -Be 1
        Get-Calls TerminateInstances | Should -Be 1
        (Invoke-Emulator $Emulator GET instances | Where-Object id -eq $otherVersion).state | Should -Be 'stopped'
    }

    It 'pipes Get-CloudComposeImageBuilder output into Remove-CloudComposeImageBuilder by value' {
        New-Builder web | Out-Null
        New-Builder api | Out-Null
        $removed = Get-CloudComposeImageBuilder -EndpointUrl $Endpoint | Where-Object Name -eq 'api' | Remove-CloudComposeImageBuilder -EndpointUrl $Endpoint -Force
        $removed.Name | Should -Be 'api'
        @((Invoke-Emulator $Emulator GET instances) | Where-Object state -eq 'stopped').Count | Should -Be 1
    }
}
