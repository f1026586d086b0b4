# Output that reads well: a default table view per output type that fits an 80-column console without cutting the
# values it shows, list views without empty build-only fields, Age human-readable, [OutputType] on every cmdlet.
# Views and script properties are bound to type names, so stand-in objects carry the real type name; real objects
# from the emulator, rendered with Out-String -Width 80, are checked at the end.
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
            SnapshotIds = @('snap-0123456789abcdef0'); Duration = $null; UsedBy = @(); IsPublic = $false; SharedWithAccounts = @()
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
        @{ Age = [timespan]'39.23:00:00'; Text = '39d' }
        @{ Age = [timespan]'123.22:00:00'; Text = '123d' }
        @{ Age = [timespan]'14:20:00'; Text = '14h' }
        @{ Age = [timespan]'400.00:00:00'; Text = '400d' }
    ) {
        $image = New-Image -Age $Age
        $image.AgeText | Should -Be $Text
        ($image | Format-Table | Out-String -Width 200) | Should -Match ("\s{0}\s" -f [regex]::Escape($Text))
    }

    It 'gives AgeDays for filtering' {
        (New-Image -Age ([timespan]'40.12:00:00')).AgeDays | Should -Be 40.5
        @((New-Image -Age ([timespan]'40.00:00:00')), (New-Image -Age ([timespan]'2.00:00:00')) | Where-Object AgeDays -gt 30).Count | Should -Be 1
    }

    It 'shows the useful columns in order: InUse as a count (blank when not looked up), Shared' {
        $used = New-Image -Age ([timespan]'1.00:00:00') -InUse $true; $used.UsedBy = @('i-0abc (stopped)', 'lt-0abc:3 (web)')
        $public = New-Image -Age ([timespan]'2.00:00:00') -InUse $false; $public.IsPublic = $true
        $text = @($used, $public, (New-Image -Age ([timespan]'3.00:00:00'))) | Format-Table | Out-String -Width 80
        $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^ImageId\s+Name\s+Version\s+Created\s+Age\s+State\s+InUse\s+Shared$'
        $lines[2] | Should -Match '^ami-0123456789abcdef0\s+docker\s+1\.10\s+\d{4}-\d\d-\d\d\s+1d\s+available\s+2\s*$'
        $lines[3] | Should -Match '\s2d\s+available\s+0\s+public$'
        $lines[4] | Should -Match '\s3d\s+available\s*$'
    }

    It 'still shows everything with Format-List *' {
        $text = New-Image -Age ([timespan]'1.00:00:00') | Format-List * | Out-String
        $text | Should -Match 'SnapshotIds'
        $text | Should -Match 'CreationDate'
    }
}

Describe 'BuilderInfo view' {
    It 'labels how long ago it launched (Age), when its watchdog fires (Deadline) and whether it is Abandoned' {
        $builder = [pscustomobject]@{
            PSTypeName = 'CloudCompose.Image.BuilderInfo'
            InstanceId = 'i-0123456789abcdef0'; Name = 'docker'; Version = '1.10'; State = 'stopped'
            LaunchTime = [datetime]::UtcNow.AddHours(-5); Age = [timespan]::FromHours(5); Deadline = [datetime]::UtcNow.AddMinutes(-42); Abandoned = $true; Region = 'us-east-1'; Terminated = $false
        }
        $lines = @($builder | Format-Table | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^InstanceId\s+Name\s+Version\s+State\s+Age\s+Deadline\s+Abandoned$'
        $lines[2] | Should -Match '^i-0123456789abcdef0\s+docker\s+1\.10\s+stopped\s+5h\s+4[12]m ago\s+True$'
        $builder.Deadline = $null
        $builder.DeadlineText | Should -Be 'none'
        $builder.Deadline = [datetime]::UtcNow.AddMinutes(30.5)
        $builder.DeadlineText | Should -Be 'in 30m'
    }
}

Describe 'UserDataScript view' {
    It 'shows name, version, bytes sent, gzip, file count, the short fingerprint and config' {
        $env:AMI_ID = 'ami-6d1c2007'; $env:SUBNET_ID = 'subnet-9f0074c6'
        try { $script = Get-CloudComposeUserData -Path (Join-Path $PSScriptRoot '../../examples/docker') }
        finally { Remove-Item Env:AMI_ID, Env:SUBNET_ID }
        $lines = @($script | Format-Table | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^Name\s+Version\s+Bytes\s+Gzipped\s+Files\s+Fingerprint\s+ConfigPath'
        $lines[2] | Should -Match ('^docker\s+1\.10\s+{0}\s+False\s+4\s+{1}\s+.*cloud-compose\.yml' -f $script.Length, $script.Fingerprint.Substring(0, 12))
        ($script | Format-List | Out-String) | Should -Match 'Script\s+: '
    }
}

Describe 'PublishedTarget view' {
    It 'fits 80 columns with the longest region and a long parameter name, wrapping the name rather than cutting it' {
        $targets = @(
            [CloudCompose.Image.PublishedTarget]@{ Kind = 'SsmParameter'; Region = 'ap-southeast-2'; Name = '/images/platform/docker/amazon-linux/latest'; ImageId = 'ami-0123456789abcdef0'; Version = 12; Previous = 'ami-0fedcba9876543210'; Succeeded = $true }
            [CloudCompose.Image.PublishedTarget]@{ Kind = 'LaunchTemplate'; Region = 'us-east-1'; Name = 'web'; ImageId = 'ami-0123456789abcdef0'; Version = 4; Previous = '3'; Succeeded = $true }
            [CloudCompose.Image.PublishedTarget]@{ Kind = 'LaunchTemplate'; Region = 'us-east-1'; Name = 'worker'; ImageId = 'ami-0123456789abcdef0'; Succeeded = $false; Error = 'AccessDenied' }
        )
        $lines = @(($targets | Format-Table | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() })
        foreach ($line in $lines) {
            $line.Length | Should -BeLessOrEqual 80
            $line | Should -Not -Match '…' -Because 'no value may be cut'
        }
        $lines[0] | Should -Match '^Target\s+Region\s+ImageId\s+Version\s+Name$'
        $lines[2] | Should -Match '^parameter\s+ap-southeast-2\s+ami-0123456789abcdef0\s+12\s+/images/'
        ($lines -join '') -replace '\s' | Should -Match ([regex]::Escape('/images/platform/docker/amazon-linux/latest'))
        @($lines | Where-Object { $_ -match '^template\s+us-east-1\s+ami-0123456789abcdef0\s+4\s+web$' }).Count | Should -Be 1
        @($lines | Where-Object { $_ -match '^template\s+us-east-1\s+ami-0123456789abcdef0\s+failed\s+worker$' }).Count | Should -Be 1
        $list = $targets[0] | Format-List | Out-String -Width 80
        $list | Should -Match 'Previous\s+: ami-0fedcba9876543210'
        $list | Should -Not -Match 'Error'
    }
}

Describe 'Real objects from the emulator, at 80 columns' {
    # Names up to 9 characters fit at 80 columns next to the other columns (docker, web-api); wider consoles give
    # Name the rest of the width.
    BeforeAll {
        $script:Emulator = Start-TestEmulator -TimeScale 60
        $script:SourceAmi = 'ami-6d1c2007'
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
        $script:Folder = New-TestFolder
        Write-TestFile $Folder 'cloud-compose.yml' "image:`n  name: docker`n  version: '1.0'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n" | Out-Null
        Write-TestFile $Folder 'image.sh' "echo fmt`n" | Out-Null

        function Get-Lines($Text) { @($Text -split "`r?`n" | Where-Object { $_.Trim() }) }
        function Assert-Fits($Text) {
            foreach ($line in $Text -split "`r?`n") {
                $line.Length | Should -BeLessOrEqual 80
                $line | Should -Not -Match '…' -Because 'no value may be cut'
            }
        }
    }
    AfterAll { Stop-TestEmulator $Emulator }

    It 'shows a bake result with its duration (or reuse), fingerprint and what it retired, and lists only what the build filled' {
        $old = (Invoke-Emulator $Emulator POST seed @{ images = @(@{ name = 'docker_1.0_old'; ageDays = 30; tags = @{ ImageName = 'docker'; ImageVersion = '1.0' } }) }).imageIds[0]
        $image = New-CloudComposeImage -Path $Folder -EndpointUrl $Emulator.Url
        $image.PSTypeNames[0] | Should -Be 'CloudCompose.Image.ImageInfo#BakeResult'
        $image.PSTypeNames | Should -Contain 'CloudCompose.Image.ImageInfo'
        $image.AgeText | Should -Match '^\d+(s|m)$'
        $image.DurationText | Should -Match '^\d+(s|m \d+s)$'

        $table = $image | Out-String -Width 80
        Assert-Fits $table
        $lines = Get-Lines $table
        $lines[0] | Should -Match '^ImageId\s+Name\s+Version\s+Duration\s+Fingerprint\s+Retired$'
        $lines[2] | Should -Match ('^{0}\s+docker\s+1\.0\s+{1}\s+{2}\s+1$' -f $image.ImageId, [regex]::Escape($image.DurationText), $image.Fingerprint.Substring(0, 12))

        $list = $image | Format-List | Out-String -Width 80
        $list | Should -Match "RetiredImages\s+: $old \(Deregistered\)"
        $list | Should -Match "SourceImageId\s+: $SourceAmi"
        # The short form, as in the table, so the list does not wrap at 80 columns; the property holds all 64 digits.
        $list | Should -Match "Fingerprint\s+: $($image.Fingerprint.Substring(0, 12))\r?\n"
        $image.Fingerprint | Should -Match '^[0-9a-f]{64}$'
        $list | Should -Not -Match 'CopiedImages|SharedWithAccounts|LogPath|Reused' -Because 'the build made no copies, shared with nobody, kept no log and was not reused'

        # Unchanged, the same config returns the image it made, and the table says so.
        $again = New-CloudComposeImage -Path $Folder -EndpointUrl $Emulator.Url
        $table = $again | Out-String -Width 80
        Assert-Fits $table
        (Get-Lines $table)[2] | Should -Match ('^{0}\s+docker\s+1\.0\s+reused\s+{1}\s+0$' -f $image.ImageId, $image.Fingerprint.Substring(0, 12))
    }

    It 'lists images with Created, an Age of 100+ days uncut, InUse as a count and Shared, and hides build-only fields' {
        $seeded = Invoke-Emulator $Emulator POST seed @{ images = @(foreach ($age in 40, 150, 400) { @{ name = "docker_2.0_$age"; ageDays = $age; public = ($age -eq 400); tags = @{ ImageName = 'docker'; ImageVersion = '2.0' } } }) }
        Invoke-Emulator $Emulator POST seed @{ instances = @(@{ imageId = $seeded.imageIds[1]; state = 'running' }, @{ imageId = $seeded.imageIds[1]; state = 'stopped' }) } | Out-Null

        $images = Get-CloudComposeImage -Name docker -Version 2.0 -EndpointUrl $Emulator.Url
        $table = $images | Out-String -Width 80
        Assert-Fits $table
        $lines = Get-Lines $table
        $lines[0] | Should -Match '^ImageId\s+Name\s+Version\s+Created\s+Age\s+State\s+InUse\s+Shared$'
        $lines[2] | Should -Match ('^{0}\s+docker\s+2\.0\s+\d{{4}}-\d\d-\d\d\s+(39|40)d\s+available\s+0\s*$' -f $seeded.imageIds[0])
        $lines[3] | Should -Match ('^{0}\s+docker\s+2\.0\s+\d{{4}}-\d\d-\d\d\s+(149|150)d\s+available\s+2\s*$' -f $seeded.imageIds[1])
        $lines[4] | Should -Match ('^{0}\s+docker\s+2\.0\s+\d{{4}}-\d\d-\d\d\s+(399|400)d\s+available\s+0\s+public$' -f $seeded.imageIds[2])

        $list = $images[1] | Format-List | Out-String -Width 80
        $list | Should -Match 'UsedBy\s+: \{i-'
        $list | Should -Not -Match 'BuilderInstanceId|Duration|SourceImageId|ConsoleOutput|RetiredImages|LogPath'
        ($images[1] | Format-List * | Out-String) | Should -Match 'BuilderInstanceId'
    }

    It 'shows builders with Age, Deadline and Abandoned' {
        $future = [datetime]::UtcNow.AddMinutes(42).ToString('yyyy-MM-ddTHH:mm:ssZ', [cultureinfo]::InvariantCulture)
        Invoke-Emulator $Emulator POST seed @{ instances = @(
                @{ imageId = $SourceAmi; state = 'stopped'; ageDays = 2; tags = @{ ImageName = 'docker'; ImageVersion = '1.0'; CloudComposeDeadline = '2020-01-01T00:00:00Z' } }
                @{ imageId = $SourceAmi; state = 'running'; tags = @{ ImageName = 'docker'; ImageVersion = '1.0'; CloudComposeDeadline = $future } }
            ) } | Out-Null

        $table = Get-CloudComposeImageBuilder -Name docker -EndpointUrl $Emulator.Url | Out-String -Width 80
        Assert-Fits $table
        $lines = Get-Lines $table
        $lines[0] | Should -Match '^InstanceId\s+Name\s+Version\s+State\s+Age\s+Deadline\s+Abandoned$'
        $lines | Where-Object { $_ -match '\sstopped\s+(1d 23h|2d)\s+\d+d ago\s+True$' } | Should -HaveCount 1 -Because 'the emulator seeded it two emulated days ago'
        $lines | Where-Object { $_ -match '\srunning\s+\d+[sm]\s+in 4[12]m\s+False$' } | Should -HaveCount 1
        $removed = Remove-CloudComposeImageBuilder -Name docker -EndpointUrl $Emulator.Url -Force -WarningAction SilentlyContinue
        $removed.PSTypeNames[0] | Should -Be 'CloudCompose.Image.BuilderInfo'
        ($removed | Format-List | Out-String) | Should -Match 'Terminated\s+: True'
    }

    It 'shows removal results with the action, the snapshot count and the Recycle Bin date, and the reason in the list view' {
        $seeded = Invoke-Emulator $Emulator POST seed @{ images = @(foreach ($age in 40, 60) { @{ name = "docker_3.0_$age"; ageDays = $age; tags = @{ ImageName = 'docker'; ImageVersion = '3.0' } } }) }
        $removed = Remove-UnusedCloudComposeImage -Name docker -Version 3.0 -Force -EndpointUrl $Emulator.Url
        $removed.PSTypeNames[0] | Should -Be 'CloudCompose.Image.RemovalResult'
        $table = $removed | Out-String -Width 80
        Assert-Fits $table
        $lines = Get-Lines $table
        $lines[0] | Should -Match '^ImageId\s+Name\s+Version\s+Action\s+Snapshots\s+RecycleBinUntil$'
        $lines[2] | Should -Match ('^{0}\s+docker\s+3\.0\s+Deregistered\s+1\s*$' -f $seeded.imageIds[1]) -Because 'no Recycle Bin date without a retention rule'
        ($removed | Format-List | Out-String -Width 80) | Should -Match 'Reason\s+: unused, older than 7 days'
        ($removed | Format-List | Out-String -Width 80) | Should -Not -Match 'RecycleBinExitTime|SnapshotsInRecycleBin' -Because 'no Recycle Bin retention rule kept it'
    }
}
