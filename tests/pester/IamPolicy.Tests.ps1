# docs/iam-policy.json is the least-privilege policy the module needs. It may not drift from the code: the EC2 and
# SSM actions it allows must be exactly those the module calls in a representative run against the emulator (plus
# CreateTags, which tag-on-create needs without a call of its own), and every action any other test file made the
# emulator count must be allowed. The emulator counts Systems Manager calls as ssm:<Operation>.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    $script:Policy = Get-Content -Raw (Join-Path $PSScriptRoot '../../docs/iam-policy.json') | ConvertFrom-Json
    $script:Statements = @($Policy.Statement)
    $script:PolicyActions = @($Statements | ForEach-Object { $_.Action } | Sort-Object -Unique)
    $script:Ec2Actions = @($PolicyActions | Where-Object { $_ -like 'ec2:*' } | ForEach-Object { $_.Substring(4) } | Sort-Object -Unique)
    # SSM actions keep their prefix: that is how the emulator counts them.
    $script:Ec2Actions += @($PolicyActions | Where-Object { $_ -like 'ssm:*' })
    # Needed for a call's side effect rather than called: tags given in TagSpecifications / CopyImageTags, and the
    # snapshot deletes DeregisterImage makes with DeleteAssociatedSnapshots (refused per snapshot as missing-permissions).
    $script:Implied = @('CreateTags', 'DeleteSnapshot')
    # Answered by the emulator but not EC2 permissions (STS GetCallerIdentity needs no permission).
    $script:NotEc2 = @('GetCallerIdentity')
}

Describe 'docs/iam-policy.json' {
    It 'is a valid IAM policy document' {
        $Policy.Version | Should -Be '2012-10-17'
        foreach ($s in $Statements) {
            $s.Sid | Should -Match '^[A-Za-z0-9]+$'
            $s.Effect | Should -Be 'Allow'
            $s.Resource | Should -Not -BeNullOrEmpty
        }
        @($Statements.Sid | Sort-Object -Unique).Count | Should -Be $Statements.Count
    }

    It 'names every action, with no wildcards' {
        $PolicyActions | ForEach-Object { $_ | Should -Match '^(ec2|iam|kms|ssm):[A-Z][A-Za-z]+$' }
    }

    It 'limits every mutating EC2 action by resource type, and by tag where EC2 supports it' {
        # EC2's Describe* and List* actions take no resource-level permissions: they are listed with Resource "*".
        $readOnly = @($Ec2Actions | Where-Object { $_ -like 'Describe*' -or $_ -like 'List*' })
        foreach ($s in $Statements | Where-Object { @($_.Action | Where-Object { $_ -like 'ec2:*' -and $_.Substring(4) -notin $readOnly }) }) {
            @($s.Resource) | Should -Not -Contain '*' -Because "$($s.Sid) mutates"
        }
        $conditioned = @($Statements | Where-Object { $_.PSObject.Properties['Condition'] } | ForEach-Object { $_.Action } | Sort-Object -Unique)
        foreach ($action in 'ec2:TerminateInstances', 'ec2:DeregisterImage', 'ec2:DisableImage', 'ec2:EnableImage', 'ec2:EnableImageDeprecation', 'ec2:DisableImageDeprecation', 'ec2:DeleteSnapshot', 'ec2:ModifyImageAttribute', 'ec2:CreateTags', 'ec2:DeleteTags', 'ec2:GetConsoleOutput', 'ssm:PutParameter', 'ssm:AddTagsToResource') {
            $conditioned | Should -Contain $action
        }
    }

    It 'allows tagging only while creating, and afterwards only the failed-test mark and the launch-permission record on its own images and the end-of-build mark on its own builders' {
        $tagging = @($Statements | Where-Object { 'ec2:CreateTags' -in @($_.Action) })
        $tagging.Count | Should -Be 4
        $creating = @($tagging | Where-Object { $_.Condition.PSObject.Properties['StringEquals'] })
        @($creating.Condition.StringEquals.'ec2:CreateAction') | Should -Be @('RunInstances', 'CreateImage', 'CopyImage')
        $later = @($tagging | Where-Object { -not $_.Condition.PSObject.Properties['StringEquals'] })
        foreach ($s in $later) { $s.Condition.Null.'ec2:ResourceTag/ImageName' | Should -Be 'false' }
        $testResult = $later | Where-Object { $_.Condition.PSObject.Properties['ForAllValues:StringEquals'] -and @($_.Resource) -contains 'arn:aws:ec2:*::image/*' }
        @($testResult.Condition.'ForAllValues:StringEquals'.'aws:TagKeys') | Should -Be @('CloudComposeTestResult')
        $ended = $later | Where-Object { @($_.Resource) -contains 'arn:aws:ec2:*:*:instance/*' }
        @($ended.Resource) | Should -Be @('arn:aws:ec2:*:*:instance/*')
        @($ended.Condition.'ForAllValues:StringEquals'.'aws:TagKeys') | Should -Be @('CloudComposeBuildEnded')
        $record = $later | Where-Object { $_.Condition.PSObject.Properties['ForAllValues:StringLike'] }
        @($record.Resource) | Should -Be @('arn:aws:ec2:*::image/*')
        $record.Condition.'ForAllValues:StringLike'.'aws:TagKeys' | Should -Be 'CloudComposeLaunchPermissions*'
        @($record.Action) | Should -Be @('ec2:CreateTags', 'ec2:DeleteTags')
    }

    It 'overwrites only SSM parameters the module tagged' {
        $put = @($Statements | Where-Object { 'ssm:PutParameter' -in @($_.Action) })
        $put.Count | Should -Be 2
        $put[0].Condition.Null.'aws:RequestTag/ImageName' | Should -Be 'false'
        $put[1].Condition.Null.'aws:ResourceTag/ImageName' | Should -Be 'false'
        $put[1].Condition.StringEquals.'ssm:Overwrite' | Should -Be 'true'
    }
}

Describe 'KMS for kms_key_id, and the migration statement' {
    It 'lets EC2 alone use KMS keys, in any region (copies too), and grant them only to AWS resources' {
        $kms = @($Statements | Where-Object { @($_.Action) -like 'kms:*' })
        @($kms.Action | Sort-Object) | Should -Be @('kms:CreateGrant', 'kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo')
        foreach ($s in $kms) {
            $s.Resource | Should -Be 'arn:aws:kms:*:*:key/*'
            $s.Condition.StringLike.'kms:ViaService' | Should -Be 'ec2.*.amazonaws.com' -Because 'a copy into another region uses the key through that region''s EC2'
        }
        ($kms | Where-Object Action -eq 'kms:CreateGrant').Condition.Bool.'kms:GrantIsForAWSResource' | Should -Be 'true'
    }

    It 'ships docs/iam-policy-migration.json: DeleteSnapshot on untagged snapshots of this account made before a date only' {
        $migration = Get-Content -Raw (Join-Path $PSScriptRoot '../../docs/iam-policy-migration.json') | ConvertFrom-Json
        $migration.Version | Should -Be '2012-10-17'
        $statement = @($migration.Statement)
        $statement.Count | Should -Be 1
        $statement[0].Action | Should -Be 'ec2:DeleteSnapshot'
        $statement[0].Resource | Should -Be 'arn:aws:ec2:*::snapshot/*'
        $statement[0].Condition.Null.'ec2:ResourceTag/ImageName' | Should -Be 'true'
        [datetime]$statement[0].Condition.DateLessThan.'ec2:SnapshotTime' | Should -BeOfType ([datetime])
        $statement[0].Condition.StringEquals.'ec2:Owner' | Should -Be '${aws:PrincipalAccount}'
        $Ec2Actions | Should -Contain 'DeleteSnapshot'
    }
}

Describe 'the policy against what the module calls' {
    BeforeAll {
        $script:Emulator = Start-TestEmulator -TimeScale 60
        $script:SourceAmi = 'ami-6d1c2007'
        Invoke-Emulator $Emulator DELETE counters | Out-Null
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
        $folder = New-TestFolder
        Write-TestFile $folder 'cloud-compose.yml' "image:`n  name: iam`n  version: '1.0'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n    copy_to_regions: [us-west-2]`n    share_with_accounts: ['111122223333']`n" | Out-Null
        Write-TestFile $folder 'image.sh' "echo iam`n" | Out-Null

        # Every code path that calls AWS: a bake with copy and share, a failed image (cleanup of the image and its
        # snapshots), leftover builders, listing with usage (instances, launch templates), retiring with each -Action,
        # and tab completion of names and versions.
        New-CloudComposeImage -Path $folder -EndpointUrl $Emulator.Url | Out-Null
        # Test and publish: a passing test, a new and an existing SSM parameter, a launch template; then a failing
        # test kept with -KeepFailedImage (disabled and tagged).
        Invoke-Emulator $Emulator POST seed @{ launchTemplates = @(@{ name = 'lt-publish'; versions = @(@{ imageId = $SourceAmi }) }); ssmParameters = @(@{ name = '/iam/existing'; imageId = $SourceAmi }) } | Out-Null
        $releaseFolder = New-TestFolder
        Write-TestFile $releaseFolder 'cloud-compose.yml' "image:`n  name: iam-release`n  version: '1.0'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n  test: test.sh`n  publish:`n    ssm_parameter: [/iam/new, /iam/existing]`n    launch_templates: [lt-publish]`n" | Out-Null
        Write-TestFile $releaseFolder 'image.sh' "echo iam`n" | Out-Null
        Write-TestFile $releaseFolder 'test.sh' "echo test`n" | Out-Null
        $script:Released = New-CloudComposeImage -Path $releaseFolder -EndpointUrl $Emulator.Url -NoCleanup
        Invoke-Emulator $Emulator POST outcomes @{ imageName = 'iam-release_*'; count = 1; outcome = @{ consoleText = (Get-EmulatorMarkerConsole); exitCode = 1 } } | Out-Null
        # The same configs again: -Force, or their unchanged images would be reused.
        try { New-CloudComposeImage -Path $releaseFolder -EndpointUrl $Emulator.Url -KeepFailedImage -Force -ErrorAction Stop -WarningAction SilentlyContinue } catch { $script:FailedTest = $_ }
        Invoke-Emulator $Emulator POST faults/images @{ count = 1 } | Out-Null
        try { New-CloudComposeImage -Path $folder -EndpointUrl $Emulator.Url -Force -ErrorAction Stop } catch { $script:FailedBuild = $_ }
        Invoke-Emulator $Emulator POST seed @{ instances = @(@{ imageId = $SourceAmi; state = 'stopped'; tags = @{ ImageName = 'iam'; ImageVersion = '1.0' } }) } | Out-Null
        Remove-CloudComposeImageBuilder -Name iam -EndpointUrl $Emulator.Url -Force | Out-Null
        # Two old images per version, one version per -Action: the older of each pair is retired, the newer kept. The
        # images are shared (their sharing is recorded and removed), and retention rules keep what is deregistered.
        $seeded = Invoke-Emulator $Emulator POST seed @{
            images         = @(foreach ($version in '0.1', '0.2', '0.3') {
                    foreach ($age in 30, 20) { @{ name = "iam_$($version)_$age"; ageDays = $age; sharedWith = @('111122223333'); tags = @{ ImageName = 'iam'; ImageVersion = $version } } }
                })
            retentionRules = @(@{ resourceType = 'EC2_IMAGE'; retentionDays = 7 }, @{ resourceType = 'EBS_SNAPSHOT'; retentionDays = 7 })
        }
        Invoke-Emulator $Emulator POST seed @{ launchTemplates = @(@{ name = 'lt-iam'; versions = @(@{ imageId = $seeded.imageIds[1] }) }) } | Out-Null
        $script:Listed = @(Get-CloudComposeImage -Name iam -EndpointUrl $Emulator.Url)
        $script:Retired = @{}
        foreach ($run in @{ Version = '0.1'; Action = 'Deregister' }, @{ Version = '0.2'; Action = 'Disable' }, @{ Version = '0.3'; Action = 'Deprecate' }) {
            $Retired[$run.Action] = @(Remove-UnusedCloudComposeImage -Name iam -Version $run.Version -Action $run.Action -IncludeShared -Force -EndpointUrl $Emulator.Url)
        }
        # Shared images judged by usage reports (ready at once here).
        Invoke-Emulator $Emulator POST delays @{ usageReportDelay = 0 } | Out-Null
        Invoke-Emulator $Emulator POST seed @{ images = @(foreach ($age in 30, 20) { @{ name = "iam_0.4_$age"; ageDays = $age; sharedWith = @('111122223333'); tags = @{ ImageName = 'iam'; ImageVersion = '0.4' } } }) } | Out-Null
        $script:ByUsage = @(Remove-UnusedCloudComposeImage -Name iam -Version 0.4 -CheckSharedUsage -Force -EndpointUrl $Emulator.Url)
        # Each retirement undone: enable and re-share, cancel the deprecation, back from the Recycle Bin.
        $script:Restored = @($Retired.Values | ForEach-Object { $_ } | Restore-CloudComposeImage -EndpointUrl $Emulator.Url)
        foreach ($line in "Remove-CloudComposeImageBuilder -EndpointUrl $($Emulator.Url) -Name ", "Get-CloudComposeImage -EndpointUrl $($Emulator.Url) -Name iam -Version ") {
            TabExpansion2 -inputScript $line -cursorColumn $line.Length | Out-Null
        }

        # The next command's look at what an earlier run left: a builder, an image and a snapshot (one that
        # DeregisterImage could not delete) in the left-resources record, each still in EC2.
        $left = Invoke-Emulator $Emulator POST seed @{ images = @(@{ name = 'iam-left'; tags = @{ ImageName = 'iam'; ImageVersion = '0.9' } }); instances = @(@{ imageId = $SourceAmi; state = 'stopped'; tags = @{ ImageName = 'iam'; CloudComposeBuildId = 'iam-left' } }) }
        $account = [BitConverter]::ToString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($env:AWS_ACCESS_KEY_ID)), 0, 8).Replace('-', '')
        $entry = @{ region = 'us-east-1'; endpoint = $Emulator.Url; account = $account; name = 'iam'; version = '0.9'; buildId = 'iam-left'; status = 'left'; reason = 'seeded'; command = 'seeded' }
        $record = @{ version = 1; resources = @(
                ($entry + @{ kind = 'instance'; role = 'builder'; id = $left.instanceIds[0] })
                ($entry + @{ kind = 'image'; id = $left.imageIds[0] })
                ($entry + @{ kind = 'snapshot'; id = $left.snapshotIds[0] })) }
        $stateDir = New-TestFolder
        $record | ConvertTo-Json -Depth 5 | Set-Content (Join-Path $stateDir 'left-resources.json')
        $savedState = $env:CLOUDCOMPOSE_IMAGE_STATE_DIR
        $env:CLOUDCOMPOSE_IMAGE_STATE_DIR = $stateDir
        try { Get-CloudComposeImage -EndpointUrl $Emulator.Url -Name iam -WarningVariable leftWarning -WarningAction SilentlyContinue | Out-Null }
        finally { $env:CLOUDCOMPOSE_IMAGE_STATE_DIR = $savedState }
        $script:LeftReport = "$leftWarning"
        $script:LeftIds = @($left.instanceIds[0], $left.imageIds[0], $left.snapshotIds[0])

        $counters = Invoke-Emulator $Emulator GET counters
        $script:Called = @($counters.PSObject.Properties | Where-Object { $_.Value -gt 0 -and $_.Name -notin $NotEc2 } | ForEach-Object Name | Sort-Object -Unique)
    }
    AfterAll {
        Stop-TestEmulator $Emulator
    }

    It 'checked what an earlier run left, each kind with its own Describe call' {
        foreach ($id in $LeftIds) { $LeftReport | Should -Match $id }
    }

    It 'ran the failure path it meant to' {
        $FailedBuild.FullyQualifiedErrorId | Should -BeLike 'ImageCreationFailed,*'
        $FailedTest.FullyQualifiedErrorId | Should -BeLike 'ImageTestFailed,*'
        @($Released.Published | Where-Object Succeeded).Count | Should -Be 3 -Because ($Released.Published | Out-String)
    }

    It 'listed with usage and retired one image with each -Action' {
        ($Listed | Where-Object Version -eq '0.1' | Where-Object InUse).UsedBy | Should -Match 'lt-'
        $Retired['Deregister'].Action | Should -Be 'Deregistered'
        $Retired['Deregister'].SnapshotsDeleted | Should -Not -BeNullOrEmpty
        $Retired['Disable'].Action | Should -Be 'Disabled'
        $Retired['Deprecate'].Action | Should -Be 'Deprecated'
        foreach ($action in $Retired.Keys) { $Retired[$action].ImageName | Should -BeLike 'iam_*_30' }
        $Retired['Deregister'].RecycleBinExitTime | Should -Not -BeNullOrEmpty
        $ByUsage.ImageName | Should -Be 'iam_0.4_30'
        @($Restored.Actions | Sort-Object -Unique) | Should -Be @('DeprecationCancelled', 'Enabled', 'RestoredFromRecycleBin', 'SharingRestored')
    }

    It 'allows every EC2 action the module called' {
        $missing = @($Called | Where-Object { $_ -notin $Ec2Actions })
        $missing | Should -BeNullOrEmpty -Because 'docs/iam-policy.json must grant every action the module calls'
    }

    It 'allows nothing the module does not call' {
        $unused = @($Ec2Actions | Where-Object { $_ -notin $Called -and $_ -notin $Implied })
        $unused | Should -BeNullOrEmpty -Because 'least privilege: drop actions the module no longer calls'
    }

    It 'allows every EC2 action the rest of the test suite made the emulator count' {
        $file = Join-Path "$env:CC_TEST_RESULTS_DIR" 'emulator-actions.txt'
        if (-not $env:CC_TEST_RESULTS_DIR -or -not (Test-Path $file)) { Set-ItResult -Skipped -Because 'no other emulator test ran in this run'; return }
        $suite = @(Get-Content $file | Where-Object { $_ -and $_ -notin $NotEc2 } | Sort-Object -Unique)
        @($suite | Where-Object { $_ -notin $Ec2Actions }) | Should -BeNullOrEmpty
    }
}
