BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    $script:Emulator = Start-TestEmulator -TimeScale 0
    $script:Endpoint = $Emulator.Url
    $script:Mutating = 'EnableImage', 'DisableImageDeprecation', 'RestoreImageFromRecycleBin', 'RestoreSnapshotFromRecycleBin', 'ModifyImageAttribute', 'DeleteTags'

    function New-SeedImage {
        param([string] $Name, [double] $AgeDays, [hashtable] $Extra = @{})
        $image = @{ name = "$($Name)_1.0_$([guid]::NewGuid().ToString('N'))"; ageDays = $AgeDays; tags = @{ ImageName = $Name; ImageVersion = '1.0' } } + $Extra
        (Invoke-Emulator $Emulator POST seed @{ images = @($image) }).imageIds[0]
    }

    function Get-SeededImage([string] $Id) { Invoke-Emulator $Emulator GET images | Where-Object id -eq $Id }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Restore-CloudComposeImage' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        $script:Newest = New-SeedImage web -AgeDays 1
        $script:Shared = New-SeedImage web -AgeDays 40 -Extra @{ sharedWith = @('210987654321', '111122223333') }
    }

    It 'undoes a Disable run piped from Remove-UnusedCloudComposeImage, sharing included' {
        $disabled = @(Remove-UnusedCloudComposeImage -Name web -Action Disable -IncludeShared -Force -EndpointUrl $Endpoint)
        $disabled.ImageId | Should -Be $Shared
        (Get-SeededImage $Shared).sharedWith | Should -BeNullOrEmpty

        $restored = @($disabled | Restore-CloudComposeImage -EndpointUrl $Endpoint)

        $restored[0] | Should -BeOfType ([CloudCompose.Image.RestoreResult])
        $restored[0].Actions | Should -Be @('Enabled', 'SharingRestored')
        $restored[0].LaunchPermissions | Sort-Object | Should -Be @('111122223333', '210987654321')
        $image = Get-SeededImage $Shared
        $image.state | Should -Be 'available'
        $image.sharedWith | Sort-Object | Should -Be @('111122223333', '210987654321')
        $image.tags.PSObject.Properties.Name | Should -Not -Contain 'CloudComposeLaunchPermissions'
        ($restored | Format-Table | Out-String -Width 200) | Should -Match 'ImageId\s+Name\s+Version\s+State\s+Actions\s+SharedWith'
    }

    It 'says which deregistered images the Recycle Bin keeps and until when, and brings them back with their snapshots' {
        Invoke-Emulator $Emulator POST seed @{ retentionRules = @(@{ resourceType = 'EC2_IMAGE'; retentionDays = 7 }, @{ resourceType = 'EBS_SNAPSHOT'; retentionDays = 7 }) } | Out-Null
        $snapshots = (Get-SeededImage $Shared).snapshotIds

        $all = @(Remove-UnusedCloudComposeImage -Name web -IncludeShared -Force -EndpointUrl $Endpoint -Verbose 4>&1)
        $verbose = $all | Where-Object { $_ -is [Management.Automation.VerboseRecord] } | ForEach-Object Message
        $removed = @($all | Where-Object { $_ -is [CloudCompose.Image.RemovalResult] })
        $now = [datetime](Invoke-Emulator $Emulator GET clock).now

        $removed[0].RecycleBinExitTime.ToUniversalTime() | Should -BeGreaterThan $now.ToUniversalTime().AddDays(6.9)
        $removed[0].SnapshotsInRecycleBin | Should -Be $snapshots
        $verbose | Should -Contain "$Shared ($($removed[0].ImageName)) is in the Recycle Bin until $($removed[0].RecycleBinExitTime.ToUniversalTime().ToString('yyyy-MM-dd HH:mm'))Z; Restore-CloudComposeImage -ImageId $Shared brings it back."
        ($removed | Format-Table | Out-String -Width 200) | Should -Match 'RecycleBinUntil'
        @((Invoke-Emulator $Emulator GET recycle-bin).images.id) | Should -Be @($Shared)

        $restored = Restore-CloudComposeImage -ImageId $Shared -EndpointUrl $Endpoint

        $restored.Actions | Should -Be @('RestoredFromRecycleBin', 'SharingRestored')
        $restored.SnapshotsRestored | Should -Be $snapshots
        (Get-SeededImage $Shared).state | Should -Be 'available'
        @(Invoke-Emulator $Emulator GET snapshots).id | Should -Contain $snapshots[0]
    }

    It 'previews with -WhatIf without calling a mutating API, and reports ids it cannot restore' {
        Remove-UnusedCloudComposeImage -Name web -Action Deprecate -IncludeShared -Force -EndpointUrl $Endpoint | Out-Null
        $plain = (Invoke-Emulator $Emulator POST seed @{ images = @(@{ name = 'plain'; state = 'disabled' }) }).imageIds[0]
        Invoke-Emulator $Emulator DELETE counters | Out-Null

        Restore-CloudComposeImage -ImageId $Shared -WhatIf -EndpointUrl $Endpoint | Should -BeNullOrEmpty
        $counters = Invoke-Emulator $Emulator GET counters
        @($Mutating | Where-Object { $counters.PSObject.Properties[$_] }) | Should -BeNullOrEmpty

        $null = Restore-CloudComposeImage -ImageId $plain, 'ami-0123456789abcdef0', $Newest -EndpointUrl $Endpoint -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        ($failures | Where-Object TargetObject -eq $plain).FullyQualifiedErrorId | Should -BeLike 'ImageNotManaged,*'
        ($failures | Where-Object TargetObject -eq 'ami-0123456789abcdef0').FullyQualifiedErrorId | Should -BeLike 'ImageNotRestorable,*'
        $warnings | Should -Match "$Newest.*nothing to restore"
        (Get-SeededImage $plain).state | Should -Be 'disabled'

        (Restore-CloudComposeImage $Shared -EndpointUrl $Endpoint).Actions | Should -Be @('DeprecationCancelled')
    }
}
