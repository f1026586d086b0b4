BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    $script:Emulator = Start-TestEmulator -TimeScale 0
    $script:Endpoint = $Emulator.Url
    $script:Mutating = 'DeregisterImage', 'DeleteSnapshot', 'DisableImage', 'EnableImageDeprecation', 'ModifyImageAttribute', 'CreateTags'

    function New-SeedImage {
        param([string] $Name, [string] $Version = '1.0', [double] $AgeDays, [hashtable] $Extra = @{})
        $image = @{ name = "$($Name)_$($Version)_$([guid]::NewGuid().ToString('N'))"; ageDays = $AgeDays; tags = @{ ImageName = $Name; ImageVersion = $Version; Name = "$($Name):$Version" } } + $Extra
        (Invoke-Emulator $Emulator POST seed @{ images = @($image) }).imageIds[0]
    }

    function Get-MutatingCalls {
        $counters = Invoke-Emulator $Emulator GET counters
        $sum = 0
        foreach ($name in $Mutating) { if ($counters.PSObject.Properties[$name]) { $sum += $counters.$name } }
        $sum
    }

    function Get-ImageIds { @(Invoke-Emulator $Emulator GET images).id }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Remove-UnusedCloudComposeImage' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        $script:Newest = New-SeedImage web -AgeDays 1
        $script:Old = New-SeedImage web -AgeDays 40
        $script:Older = New-SeedImage web -AgeDays 50
        $script:Used = New-SeedImage web -AgeDays 60
        Invoke-Emulator $Emulator POST seed @{ instances = @(@{ imageId = $Used; state = 'stopped' }) } | Out-Null
        Invoke-Emulator $Emulator DELETE counters | Out-Null
    }

    It 'takes Get-CloudComposeImage output from the pipeline; -WhatIf calls no mutating API' {
        $whatIf = Get-CloudComposeImage -Name web -EndpointUrl $Endpoint |
            Where-Object Age -gt ([timespan]::FromDays(30)) |
            Remove-UnusedCloudComposeImage -WhatIf -EndpointUrl $Endpoint

        $whatIf | Should -BeNullOrEmpty
        Get-MutatingCalls | Should -Be 0
        Get-ImageIds | Should -Contain $Old
        # The plan was made: references were checked for the two candidates in one call.
        (Invoke-Emulator $Emulator GET counters).DescribeImageReferences | Should -Be 1
    }

    It 'runs unattended with -Force: removes old unused images and their snapshots, keeps the newest and the used one' {
        $snapshots = @(Invoke-Emulator $Emulator GET images | Where-Object id -in $Old, $Older).snapshotIds

        $removed = @(Remove-UnusedCloudComposeImage -Name web -Force -EndpointUrl $Endpoint)

        $removed.ImageId | Sort-Object | Should -Be (@($Old, $Older) | Sort-Object)
        $removed[0] | Should -BeOfType ([CloudCompose.Image.RemovalResult])
        $removed[0].Action | Should -Be 'Deregistered'
        $removed[0].Name | Should -Be 'web'
        $removed[0].Reason | Should -Match 'unused'
        $removed.SnapshotsDeleted | Sort-Object | Should -Be ($snapshots | Sort-Object)
        $left = Get-ImageIds
        $left | Should -Contain $Newest
        $left | Should -Contain $Used
        @(Invoke-Emulator $Emulator GET snapshots).id | Should -Not -Contain $snapshots[0]
    }

    It 'runs unattended with -Confirm:$false as well, and -Keep/-MinimumAge change what stays' {
        $removed = @(Remove-UnusedCloudComposeImage -Name web -Keep 2 -MinimumAge 45d -Confirm:$false -EndpointUrl $Endpoint)

        $removed.ImageId | Should -Be $Older
    }

    It 'explains with -Verbose why each image stays' {
        $verbose = Remove-UnusedCloudComposeImage -Name web -WhatIf -Verbose -EndpointUrl $Endpoint 4>&1 | ForEach-Object Message

        $verbose | Should -Contain "Keeping $Newest ($((Invoke-Emulator $Emulator GET images | Where-Object id -eq $Newest).name)): newest available image of its name and version."
        ($verbose | Where-Object { $_ -like "Keeping $Used *" }) | Should -Match 'in use by i-[0-9a-f]+ \(stopped\)'
    }

    It 'disables instead of deregistering with -Action Disable' {
        $removed = @(Remove-UnusedCloudComposeImage -Name web -Action Disable -Force -EndpointUrl $Endpoint)

        $removed.Action | Should -Be @('Disabled', 'Disabled')
        (Invoke-Emulator $Emulator GET images | Where-Object id -eq $Old).state | Should -Be 'disabled'
        (Invoke-Emulator $Emulator GET counters).PSObject.Properties.Name | Should -Not -Contain 'DeregisterImage'
    }

    It 'moves each image once to the stage its idle time reached, and -WhatIf names the stage per image' {
        $names = @{}
        foreach ($image in Invoke-Emulator $Emulator GET images) { $names[$image.id] = $image.name }
        $command = "`$env:AWS_ACCESS_KEY_ID='AKIDTEST'; `$env:AWS_SECRET_ACCESS_KEY='x'; `$env:AWS_REGION='us-east-1'; " +
            "Remove-UnusedCloudComposeImage -Name web -DeprecateAfter 30 -DisableAfter 45 -DeregisterAfter 90 -WhatIf -EndpointUrl '$Endpoint'"
        $preview = Invoke-Pwsh -Command $command

        $preview.Output | Should -Match ([regex]::Escape("Deprecate image (stage deprecate: unused, 40d old, never launched (reached -DeprecateAfter 30d))"" on target ""$Old ($($names[$Old]))"))
        $preview.Output | Should -Match ([regex]::Escape("Disable image (stage disable: unused, 50d old, never launched (reached -DisableAfter 45d))"" on target ""$Older ($($names[$Older]))"))
        $preview.Output | Should -Not -Match ([regex]::Escape($Used))
        Get-MutatingCalls | Should -Be 0

        $moved = @(Remove-UnusedCloudComposeImage -Name web -DeprecateAfter 30 -DisableAfter 45 -DeregisterAfter 90 -Force -EndpointUrl $Endpoint)
        $again = @(Remove-UnusedCloudComposeImage -Name web -DeprecateAfter 30 -DisableAfter 45 -DeregisterAfter 90 -Force -EndpointUrl $Endpoint)

        ($moved | Where-Object ImageId -eq $Old).Action | Should -Be 'Deprecated'
        ($moved | Where-Object ImageId -eq $Older).Action | Should -Be 'Disabled'
        $moved.Count | Should -Be 2
        $again | Should -BeNullOrEmpty
        (Invoke-Emulator $Emulator GET images | Where-Object id -eq $Older).state | Should -Be 'disabled'
        Get-ImageIds | Should -Contain $Old
    }

    It 'refuses stages out of order, and stages together with -Action, before calling AWS' {
        { Remove-UnusedCloudComposeImage -Name web -DeprecateAfter 60 -DisableAfter 30 -Force -EndpointUrl $Endpoint -ErrorAction Stop } |
            Should -Throw -ErrorId 'LifecycleStagesOutOfOrder,*'
        { Remove-UnusedCloudComposeImage -Name web -Action Disable -DeregisterAfter 90 -Force -EndpointUrl $Endpoint -ErrorAction Stop } |
            Should -Throw -ErrorId 'LifecycleConflictsWithAction,*'
        (Invoke-Emulator $Emulator GET counters).PSObject.Properties.Name | Should -BeNullOrEmpty
    }

    It 'with -CheckSharedUsage retires a shared image no other account uses and keeps one that is used, naming the accounts' {
        Invoke-Emulator $Emulator POST delays @{ usageReportDelay = 0 } | Out-Null
        $unused = New-SeedImage web -AgeDays 70 -Extra @{ sharedWith = @('210987654321') }
        $used = New-SeedImage web -AgeDays 80 -Extra @{ sharedWith = @('111122223333') }
        Invoke-Emulator $Emulator POST seed @{ foreignUsage = @(@{ imageId = $used; accountId = '111122223333'; resourceType = 'ec2:Instance'; count = 2 }) } | Out-Null

        Remove-UnusedCloudComposeImage -Name web -CheckSharedUsage -WhatIf -EndpointUrl $Endpoint | Out-Null
        $reports = (Invoke-Emulator $Emulator GET counters).CreateImageUsageReport
        $verbose = Remove-UnusedCloudComposeImage -Name web -CheckSharedUsage -Force -EndpointUrl $Endpoint -Verbose -OutVariable removed 4>&1 |
            Where-Object { $_ -is [Management.Automation.VerboseRecord] } | ForEach-Object Message

        $reports | Should -Be 2 -Because '-WhatIf made the reports (they change nothing)'
        (Invoke-Emulator $Emulator GET counters).CreateImageUsageReport | Should -Be 2 -Because 'the real run reused them'
        $gone = @($removed | Where-Object { $_ -is [CloudCompose.Image.RemovalResult] })
        $gone.ImageId | Should -Contain $unused
        ($gone | Where-Object ImageId -eq $unused).LaunchPermissionsRemoved | Should -Be @('210987654321')
        $gone.ImageId | Should -Not -Contain $used
        ($verbose | Where-Object { $_ -like "Keeping $used *" }) | Should -Match 'used in other accounts: 111122223333 \(ec2:Instance ×2\)'
    }

    It 'never touches an image that is not tagged or not ours, whatever is piped in' {
        $plain = (Invoke-Emulator $Emulator POST seed @{ images = @(@{ name = 'plain'; ageDays = 90 }) }).imageIds[0]

        { Remove-UnusedCloudComposeImage -ImageId $plain -Force -EndpointUrl $Endpoint -ErrorAction Stop } | Should -Throw -ErrorId 'ImageNotManaged,*'
        Get-ImageIds | Should -Contain $plain
        Get-MutatingCalls | Should -Be 0
    }

    It 'goes on after a failure and ends with $? false' {
        Invoke-Emulator $Emulator POST faults @{ action = 'DeregisterImage'; count = 1; code = 'InvalidAMIID.Unavailable' } | Out-Null

        $removed = @(Remove-UnusedCloudComposeImage -Name web -Force -EndpointUrl $Endpoint -ErrorVariable failures -ErrorAction SilentlyContinue)
        $succeeded = $?

        $succeeded | Should -BeFalse
        $removed.Count | Should -Be 1
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ImageDeregisterFailed,*'
    }

    It 'exits non-zero from a script when an image could not be removed' {
        $command = "Invoke-RestMethod -Method Post -Uri '$($Endpoint)_emulator/faults' -ContentType application/json -Body '{""action"":""DeregisterImage"",""count"":5,""code"":""InvalidAMIID.Unavailable""}' | Out-Null; " +
            "`$env:AWS_ACCESS_KEY_ID='AKIDTEST'; `$env:AWS_SECRET_ACCESS_KEY='x'; `$env:AWS_REGION='us-east-1'; " +
            "Remove-UnusedCloudComposeImage -Name web -Force -EndpointUrl '$Endpoint'; if (-not `$?) { exit 3 }"
        $result = Invoke-Pwsh -Command $command

        $result.ExitCode | Should -Be 3
        $result.Output | Should -Match 'ImageDeregisterFailed|Could not retire image'
    }
}
