# Output that reads well: a default table view per output type, Age human-readable, [OutputType] on every cmdlet.
# Views and script properties are bound to type names, so stand-in objects carry the real type name (the engine's
# types need not be resolvable by name from PowerShell); real objects from the emulator are checked at the end.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $script:CmdletCases = @((Test-ModuleManifest (Get-TestModuleManifest) -ErrorAction SilentlyContinue).ExportedCmdlets.Keys | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $script:Module = Import-Module (Get-TestModuleManifest) -Force -PassThru

    function New-Image([timespan] $Age, [object] $InUse = $null) {
        [pscustomobject]@{
            PSTypeName = 'CloudCompose.Image.ImageInfo'
            ImageId = 'ami-0123456789abcdef0'; ImageName = 'docker_1.10_2026-01-02-03-04-05'; Name = 'docker'; Version = '1.10'
            Region = 'us-east-1'; State = 'available'; CreationDate = [datetime]::UtcNow - $Age; Age = $Age; InUse = $InUse
            SnapshotIds = @('snap-0123456789abcdef0'); Duration = $null
        }
    }
}

Describe 'Output types' {
    It '<Name> declares [OutputType] and every non-primitive output type has a table view' -ForEach $CmdletCases {
        $types = @((Get-Command $Name).OutputType | ForEach-Object Name)
        $types | Should -Not -BeNullOrEmpty
        foreach ($type in $types | Where-Object { $_ -notlike 'System.*' }) {
            $view = Get-FormatData -TypeName $type
            $view | Should -Not -BeNullOrEmpty -Because "$type needs a default view"
            $view.FormatViewDefinition.Control | Where-Object { $_ -is [System.Management.Automation.TableControl] } | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'ImageInfo view' {
    It 'shows Age as <Text> for <Age>' -ForEach @(
        @{ Age = [timespan]'00:00:45'; Text = '45s' }
        @{ Age = [timespan]'00:12:30'; Text = '12m' }
        @{ Age = [timespan]'03:05:00'; Text = '3h 5m' }
        @{ Age = [timespan]'02:00:10'; Text = '2h' }
        @{ Age = [timespan]'4.02:30:00'; Text = '4d 2h' }
        @{ Age = [timespan]'30.00:10:00'; Text = '30d' }
        @{ Age = [timespan]'400.00:00:00'; Text = '1y 35d' }
    ) {
        $image = New-Image -Age $Age
        $image.AgeText | Should -Be $Text
        ($image | Format-Table | Out-String -Width 200) | Should -Match ("\s{0}\s" -f [regex]::Escape($Text))
    }

    It 'gives AgeDays for filtering' {
        (New-Image -Age ([timespan]'40.12:00:00')).AgeDays | Should -Be 40.5
        @((New-Image -Age ([timespan]'40.00:00:00')), (New-Image -Age ([timespan]'2.00:00:00')) | Where-Object AgeDays -gt 30).Count | Should -Be 1
    }

    It 'shows the useful columns in order, InUse as yes/no/blank' {
        $text = @((New-Image -Age ([timespan]'1.00:00:00') -InUse $true), (New-Image -Age ([timespan]'2.00:00:00') -InUse $false), (New-Image -Age ([timespan]'3.00:00:00'))) |
            Format-Table | Out-String -Width 200
        $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^ImageId\s+Name\s+Version\s+State\s+Age\s+InUse\s+Region\s+ImageName'
        $lines[2] | Should -Match 'ami-0123456789abcdef0\s+docker\s+1\.10\s+available\s+1d\s+yes\s+us-east-1\s+docker_1\.10_'
        $lines[3] | Should -Match '\s2d\s+no\s+'
        $lines[4] | Should -Match '\s3d\s+us-east-1'
    }

    It 'fits a 120-column console without wrapping' {
        $text = New-Image -Age ([timespan]'1.00:00:00') | Format-Table | Out-String -Width 120
        foreach ($line in $text -split "`r?`n") { $line.Length | Should -BeLessOrEqual 120 }
        $text | Should -Match 'docker_1\.10_2026-01-02-03-04-05'
    }

    It 'still shows everything with Format-List *' {
        $text = New-Image -Age ([timespan]'1.00:00:00') | Format-List * | Out-String
        $text | Should -Match 'SnapshotIds'
        $text | Should -Match 'CreationDate'
    }
}

Describe 'BuilderInfo view' {
    It 'shows the instance, state, how long ago it launched and whether it was terminated' {
        $builder = [pscustomobject]@{
            PSTypeName = 'CloudCompose.Image.BuilderInfo'
            InstanceId = 'i-0123456789abcdef0'; Name = 'docker'; Version = '1.10'; State = 'stopped'
            LaunchTime = [datetime]::UtcNow.AddHours(-5); Region = 'us-east-1'; Terminated = $true
        }
        $lines = @($builder | Format-Table | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^InstanceId\s+Name\s+Version\s+State\s+Launched\s+Terminated\s+Region'
        $lines[2] | Should -Match 'i-0123456789abcdef0\s+docker\s+1\.10\s+stopped\s+5h\s+True\s+us-east-1'
    }
}

Describe 'UserDataScript view' {
    It 'shows name, version, size, file count and config' {
        $env:AMI_ID = 'ami-6d1c2007'; $env:SUBNET_ID = 'subnet-9f0074c6'
        try { $script = Get-CloudComposeUserData -Path (Join-Path $PSScriptRoot '../../examples/docker') }
        finally { Remove-Item Env:AMI_ID, Env:SUBNET_ID }
        $lines = @($script | Format-Table | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^Name\s+Version\s+Length\s+Files\s+ConfigPath'
        $lines[2] | Should -Match ('^docker\s+1\.10\s+{0}\s+4\s+.*cloud-compose\.yml' -f $script.Length)
    }
}

Describe 'Real objects from the emulator' {
    BeforeAll {
        $script:Emulator = Start-TestEmulator -TimeScale 60
        $script:SourceAmi = 'ami-6d1c2007'
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
        $script:Folder = New-TestFolder
        Write-TestFile $Folder 'cloud-compose.yml' "image:`n  name: fmt`n  version: '1.0'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n" | Out-Null
        Write-TestFile $Folder 'image.sh' "echo fmt`n" | Out-Null
    }
    AfterAll { Stop-TestEmulator $Emulator }

    It 'formats a baked image with a human-readable age and duration' {
        $image = New-CloudComposeImage -Path $Folder -EndpointUrl $Emulator.Url
        $image.PSTypeNames[0] | Should -Be 'CloudCompose.Image.ImageInfo'
        $image.AgeText | Should -Match '^\d+(s|m)$'
        $image.DurationText | Should -Match '^\d+(s|m \d+s)$'
        $lines = @($image | Format-Table | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[2] | Should -Match ('^{0}\s+fmt\s+1\.0\s+available\s+\d+[sm]\s+us-east-1\s+fmt_1\.0_' -f $image.ImageId)
    }

    It 'formats a removed builder' {
        Invoke-Emulator $Emulator POST seed @{ instances = @(@{ imageId = $SourceAmi; state = 'stopped'; ageDays = 2; tags = @{ ImageName = 'fmt'; ImageVersion = '1.0' } }) } | Out-Null
        $builder = Remove-CloudComposeImageBuilder -Name fmt -EndpointUrl $Emulator.Url -Force
        $builder.PSTypeNames[0] | Should -Be 'CloudCompose.Image.BuilderInfo'
        ($builder | Format-Table | Out-String -Width 200) | Should -Match '\sstopped\s+(1d 23h|2d)\s+True\s+us-east-1' -Because 'the emulator seeded it two emulated days ago'
    }

    It 'formats listed images with InUse, and removal results with the snapshot count' {
        $seeded = Invoke-Emulator $Emulator POST seed @{ images = @(foreach ($age in 40, 50, 60) { @{ name = "fmt_2.0_$age"; ageDays = $age; tags = @{ ImageName = 'fmt'; ImageVersion = '2.0' } } }) }
        Invoke-Emulator $Emulator POST seed @{ instances = @(@{ imageId = $seeded.imageIds[1]; state = 'running' }) } | Out-Null

        $lines = @(Get-CloudComposeImage -Name fmt -Version 2.0 -EndpointUrl $Emulator.Url | Format-Table | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[2] | Should -Match ('^{0}\s+fmt\s+2\.0\s+available\s+(39d 23h|40d)\s+no\s+us-east-1\s+fmt_2\.0_40' -f $seeded.imageIds[0])
        $lines[3] | Should -Match ('^{0}\s+fmt\s+2\.0\s+available\s+(49d 23h|50d)\s+yes\s+' -f $seeded.imageIds[1])

        # Kept: the newest (40 days) and the used one (50 days); the 60-day-old one goes with its snapshot.
        $removed = Remove-UnusedCloudComposeImage -Name fmt -Version 2.0 -Force -EndpointUrl $Emulator.Url
        $removed.PSTypeNames[0] | Should -Be 'CloudCompose.Image.RemovalResult'
        $lines = @($removed | Format-Table | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^ImageId\s+Name\s+Version\s+Action\s+Snapshots\s+RecycleBinUntil\s+Reason'
        $lines[2] | Should -Match ('^{0}\s+fmt\s+2\.0\s+Deregistered\s+1\s+unused' -f $seeded.imageIds[2]) -Because 'the longest action, Deregistered, fits its column, and no Recycle Bin date without a retention rule'
        foreach ($line in ($removed | Format-Table | Out-String -Width 120) -split "`r?`n") { $line.Length | Should -BeLessOrEqual 120 }
    }
}
