# Skipping unchanged builds, the live log, early failure on the result marker, build hygiene, the secret guard,
# capacity fallback and Allowed AMIs, through the built module against the emulator child process. The emulator's
# counters, request log and inspection routes are the witness.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    $script:Emulator = Start-TestEmulator -TimeScale 60
    $script:Endpoint = $Emulator.Url
    $script:SourceAmi = 'ami-6d1c2007'

    function New-BakeFolder {
        param([string] $Name = 'web', [string] $Aws = '', [string] $Extra = '', [string] $Script = "#!/bin/bash`n{% include 'base.sh' %}`necho building {{ name }}`n")
        $folder = New-TestFolder
        Write-TestFile $folder 'cloud-compose.yml' ("image:`n  name: $Name`n  version: '1.0'`n  search_path: [lib]`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n$Aws$Extra") | Out-Null
        Write-TestFile $folder 'image.sh' $Script | Out-Null
        Write-TestFile $folder 'lib/base.sh' "apt-get install -y docker.io`n" | Out-Null
        $folder
    }

    function Reset-BakeEmulator {
        Reset-TestEmulator $Emulator
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
    }

    function Get-Count([string] $Action) { [int](Invoke-Emulator $Emulator GET counters).$Action }

    function Get-Instance([string] $Id) { Invoke-Emulator $Emulator GET instances | Where-Object id -eq $Id }

    function Wait-Until([scriptblock] $Condition, [string] $What, [int] $Seconds = 120) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $Seconds s waiting for $What." }
            Start-Sleep -Milliseconds 100
        }
    }

    function Start-Bake([string] $Arguments) {
        # A bake in its own runspace, so the test can watch the emulator (and the streams) while it runs.
        $ps = [PowerShell]::Create()
        $ps.AddScript("Import-Module '$(Get-TestModuleManifest)'; New-CloudComposeImage $Arguments -EndpointUrl '$Endpoint' -InformationAction Continue") | Out-Null
        [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
    }

    # Console lines printed one per emulated second while the script runs, then the wrapper's marker.
    function New-GrowingOutcome([int] $Lines, [int] $ExitCode = 0, [double] $Every = 1, [int] $Width = 40) {
        $consoleLines = foreach ($n in 1..$Lines) { @{ at = $n * $Every; text = ('{{instanceId}} line {0:D5} {1}' -f $n, ('.' * $Width)) } }
        @{ consoleLines = @($consoleLines); consoleText = (Get-EmulatorMarkerConsole); exitCode = $ExitCode; scriptDuration = [math]::Ceiling($Lines * $Every) + 2 }
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Skipping a build when nothing changed' {
    BeforeEach { Reset-BakeEmulator }

    It 'returns the existing image the second time, with no RunInstances call, and says so' {
        $folder = New-BakeFolder
        $first = New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint
        $first.Reused | Should -BeFalse
        $first.Fingerprint | Should -Match '^[0-9a-f]{64}$'
        $stored = Invoke-Emulator $Emulator GET images | Where-Object id -eq $first.ImageId
        $stored.tags.CloudComposeFingerprint | Should -Be $first.Fingerprint
        foreach ($snapshot in Invoke-Emulator $Emulator GET snapshots | Where-Object { $_.id -in $first.SnapshotIds }) {
            $snapshot.tags.CloudComposeFingerprint | Should -Be $first.Fingerprint
        }

        Invoke-Emulator $Emulator DELETE counters | Out-Null
        $second = New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint -InformationVariable info
        $second.ImageId | Should -Be $first.ImageId
        $second.Reused | Should -BeTrue
        $second.Fingerprint | Should -Be $first.Fingerprint
        "$info" | Should -Match "unchanged: reusing $($first.ImageId) built \d+[mhd] ago"
        $counters = Invoke-Emulator $Emulator GET counters
        foreach ($mutating in 'RunInstances', 'CreateImage', 'TerminateInstances', 'CreateTags', 'DeregisterImage', 'DeleteSnapshot', 'DisableImage', 'EnableImageDeprecation') {
            $counters.$mutating | Should -BeNullOrEmpty -Because "a reuse calls no $mutating"
        }
    }

    It 'shows the fingerprint in Get-CloudComposeUserData and in the images the module lists' {
        $folder = New-BakeFolder
        $image = New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint
        (Get-CloudComposeUserData -Path $folder).Fingerprint | Should -Be $image.Fingerprint
        (Get-CloudComposeImage -Name web -EndpointUrl $Endpoint | Where-Object ImageId -eq $image.ImageId).Fingerprint | Should -Be $image.Fingerprint
        ($image | Format-Table | Out-String -Width 200) | Should -Match $image.Fingerprint.Substring(0, 12)
    }

    It 'builds again when an include changed' {
        $folder = New-BakeFolder
        $first = New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint
        Set-Content "$folder/lib/base.sh" "apt-get install -y docker.io containerd"
        $second = New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint -NoCleanup
        $second.Reused | Should -BeFalse
        $second.ImageId | Should -Not -Be $first.ImageId
        $second.Fingerprint | Should -Not -Be $first.Fingerprint
        Get-Count RunInstances | Should -Be 2
    }

    It 'builds again when the source filter now resolves to a newer base image' {
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = 'ami-0000000000000bb01'; name = 'vendor-base-2026-10'; ownerId = '099720109477'; public = $true; ageDays = 30 }) } | Out-Null
        $folder = New-BakeFolder
        (Get-Content -Raw "$folder/cloud-compose.yml").Replace("ami: $SourceAmi", "ami: {name: 'vendor-base-*', owners: ['099720109477']}") | Set-Content "$folder/cloud-compose.yml"
        $first = New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint
        $first.SourceImageId | Should -Be 'ami-0000000000000bb01'
        (New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint).Reused | Should -BeTrue

        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = 'ami-0000000000000bb02'; name = 'vendor-base-2026-11'; ownerId = '099720109477'; public = $true; ageDays = 1 }) } | Out-Null
        $third = New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint -NoCleanup
        $third.Reused | Should -BeFalse
        $third.SourceImageId | Should -Be 'ami-0000000000000bb02'
    }

    It 'rebuilds with -MaxAge when the image found is older, and with -Force always' {
        $folder = New-BakeFolder
        # The fingerprint Get-CloudComposeUserData shows is the one the bake looks for.
        $print = (Get-CloudComposeUserData -Path $folder).Fingerprint
        $old = (Invoke-Emulator $Emulator POST seed @{ images = @(@{ name = 'web_1.0_2025-10-01-00-00-00'; ageDays = 400; tags = @{ ImageName = 'web'; ImageVersion = '1.0'; CloudComposeFingerprint = $print } }) }).imageIds[0]
        $reused = New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint -MaxAge 500
        ($reused.ImageId, $reused.Reused) | Should -Be @($old, $true)
        $rebuilt = New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint -MaxAge 30 -NoCleanup
        $rebuilt.Reused | Should -BeFalse
        $rebuilt.Fingerprint | Should -Be $print
        Get-Count RunInstances | Should -Be 1

        (New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint).ImageId | Should -Be $rebuilt.ImageId -Because 'the newest image of the fingerprint is reused'
        $forced = New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint -Force -NoCleanup
        $forced.Reused | Should -BeFalse
        $forced.ImageId | Should -Not -Be $rebuilt.ImageId
        Get-Count RunInstances | Should -Be 2
    }

    It 'says with -WhatIf whether it would reuse or build' {
        $folder = New-BakeFolder
        $run = Invoke-Pwsh -Command "New-CloudComposeImage -Path '$folder' -EndpointUrl '$Endpoint' -WhatIf"
        $run.Output | Should -Match 'What if: .*launch a t2\.micro builder'
        $run.Output | Should -Match 'no image of web:1\.0 has fingerprint [0-9a-f]{12}'
        $image = New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint
        $run = Invoke-Pwsh -Command "New-CloudComposeImage -Path '$folder' -EndpointUrl '$Endpoint' -WhatIf"
        $run.Output | Should -Match "What if: .*reuse $($image.ImageId) \($($image.ImageName), built \d+[mhd] ago; fingerprint $($image.Fingerprint.Substring(0, 12))\)"
        $run = Invoke-Pwsh -Command "New-CloudComposeImage -Path '$folder' -EndpointUrl '$Endpoint' -WhatIf -Force"
        $run.Output | Should -Match 'What if: .*launch a t2\.micro builder'
        $run.Output | Should -Match 'building anyway \(-Force\)'
    }
}

Describe 'Watching the build as it runs' {
    BeforeEach { Reset-BakeEmulator }

    It 'streams image.sh''s lines, past the 64 KB window, in order and once, to the Information stream and -LogPath while the builder runs' {
        # 1,500 lines of 60 bytes (90 KB) over 1,500 emulated seconds; a read every 2 s sees about 120 of them.
        Invoke-Emulator $Emulator POST outcomes @{ count = 1; outcome = (New-GrowingOutcome 1500) } | Out-Null
        $log = Join-Path (New-TestFolder) 'build.log'
        $bake = Start-Bake "-Path '$(New-BakeFolder -Aws "    instance_type: t3.micro`n")' -LogPath '$log'"
        try {
            Wait-Until { @(Invoke-Emulator $Emulator GET instances).Count -gt 0 } 'the builder'
            $builder = @(Invoke-Emulator $Emulator GET instances)[0]
            Wait-Until { $bake.PowerShell.Streams.Information.Count -ge 200 } 'the first lines'
            (Get-Instance $builder.id).state | Should -Be 'running' -Because 'the lines arrive while the builder runs'
            (Test-Path $log) | Should -BeTrue
            @(Get-Content $log).Count | Should -BeGreaterThan 100 -Because '-LogPath is written as the lines arrive'
            $image = $bake.PowerShell.EndInvoke($bake.Handle)
        }
        finally { $bake.PowerShell.Dispose() }

        $records = @($bake.PowerShell.Streams.Information)
        $lines = @($records | Where-Object { $_.MessageData -is [CloudCompose.Image.BuildLogLine] -and $_.MessageData.Text -match ' line \d{5} ' } | ForEach-Object { $_.MessageData.Text })
        $expected = foreach ($n in 1..1500) { '{0} line {1:D5} {2}' -f $builder.id, $n, ('.' * 40) }
        $lines.Count | Should -Be 1500
        ($lines -join "`n") | Should -Be ($expected -join "`n")
        @($records | Where-Object { $_.MessageData.IsNotice }) | Should -BeNullOrEmpty
        # In CI the phases are Information lines too; the console lines are the BuildLogLine records.
        $first = @($records | Where-Object { $_.MessageData -is [CloudCompose.Image.BuildLogLine] })[0]
        $first.Tags | Should -Contain 'web:1.0'
        "$($first.MessageData)" | Should -BeLike '`[web:1.0`] *'
        (Get-Content $log | Select-String ' line \d{5} ').Count | Should -Be 1500
        $image.LogPath | Should -Be $log
        @(Invoke-Emulator $Emulator GET 'requests?action=GetConsoleOutput' | Where-Object { $_.parameters.Latest -eq 'true' }).Count | Should -BeGreaterThan 3
    }

    It 'keeps concurrent builds apart by tag, and -InformationVariable collects them' {
        $root = New-TestFolder
        foreach ($name in 'alpha', 'beta') {
            Write-TestFile $root "$name/cloud-compose.yml" "image:`n  name: $name`n  version: '2'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n    instance_type: m5.large`n" | Out-Null
            Write-TestFile $root "$name/image.sh" "echo $name`n" | Out-Null
            Invoke-Emulator $Emulator POST outcomes @{ userDataContains = "echo $name`n"; count = 1; outcome = @{ consoleLines = @(foreach ($n in 1..50) { @{ at = $n * 2; text = "$name step $n" } }); consoleText = (Get-EmulatorMarkerConsole); scriptDuration = 120 } } | Out-Null
        }
        $images = Get-ChildItem $root -Recurse -Filter cloud-compose.yml | New-CloudComposeImage -EndpointUrl $Endpoint -ThrottleLimit 2 -InformationVariable lines
        @($images).Count | Should -Be 2
        foreach ($name in 'alpha', 'beta') {
            $mine = @($lines | Where-Object { $_.Tags -contains "$($name):2" })
            @($mine | Where-Object { $_.MessageData.Text -match 'step' } | ForEach-Object { $_.MessageData.Text }) | Should -Be @(foreach ($n in 1..50) { "$name step $n" })
            @($mine | Where-Object { $_.MessageData.Text -match 'step' -and $_.MessageData.Text -notmatch "^$name " }) | Should -BeNullOrEmpty
        }
    }

    It 'fails at once on a failing result marker, before the builder has stopped, and terminates it' {
        # The builder would take ten emulated minutes to stop after its script failed.
        Invoke-Emulator $Emulator POST delays @{ stopDelay = 600 } | Out-Null
        try {
            Invoke-Emulator $Emulator POST outcomes @{ count = 1; outcome = (New-GrowingOutcome 30 -ExitCode 3) } | Out-Null
            $err = { New-CloudComposeImage -Path (New-BakeFolder -Aws "    instance_type: t3.micro`n") -EndpointUrl $Endpoint } | Should -Throw -ErrorId 'ImageScriptFailed,*' -PassThru
            $err.Exception.Message | Should -Match 'exit code 3'
            $builder = @(Invoke-Emulator $Emulator GET instances)[0]
            $builder.stoppedAt | Should -BeNullOrEmpty -Because 'the build did not wait for the stop'
            $builder.state | Should -BeIn 'shutting-down', 'terminated'
            @(Invoke-Emulator $Emulator GET images | Where-Object id -ne $SourceAmi) | Should -BeNullOrEmpty
        }
        finally { Invoke-Emulator $Emulator POST delays @{ stopDelay = 10 } | Out-Null }
    }

    It 'writes a Xen builder''s lines once it has stopped, and says why' {
        # Ten real seconds of script (600 emulated), so a live read is tried however loaded the machine is.
        Invoke-Emulator $Emulator POST outcomes @{ count = 1; outcome = (New-GrowingOutcome 20 -Every 30) } | Out-Null
        $image = New-CloudComposeImage -Path (New-BakeFolder) -EndpointUrl $Endpoint -InformationVariable lines -Verbose 4>&1 | Tee-Object -Variable all | Where-Object { $_ -is [CloudCompose.Image.ImageInfo] }
        $image.State | Should -Be 'available'
        @($lines | Where-Object { $_.MessageData.Text -match ' line \d{5} ' }).Count | Should -Be 20
        "$($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })" | Should -Match 'Nitro'
    }
}

Describe 'Leaving no trace, and no secrets, in the image' {
    BeforeEach { Reset-BakeEmulator }

    It 'puts the hygiene steps in the builder''s user data, and image.hygiene: false leaves them out' {
        $image = New-CloudComposeImage -Path (New-BakeFolder) -EndpointUrl $Endpoint
        $userData = (Get-Instance $image.BuilderInstanceId).userData
        foreach ($step in 'user-data', 'script-log', 'cloud-init', 'ssh-host-keys', 'machine-id') { $userData | Should -Match "# image.hygiene $step" }
        $userData | Should -Match 'cloud-init clean --logs'

        $off = New-BakeFolder -Name off -Extra "  hygiene: false`n"
        $image = New-CloudComposeImage -Path $off -EndpointUrl $Endpoint -NoCleanup
        (Get-Instance $image.BuilderInstanceId).userData | Should -Not -Match 'image.hygiene'

        $some = New-BakeFolder -Name some -Extra "  hygiene: [machine-id]`n"
        $image = New-CloudComposeImage -Path $some -EndpointUrl $Endpoint -NoCleanup
        $userData = (Get-Instance $image.BuilderInstanceId).userData
        $userData | Should -Match '# image.hygiene machine-id'
        $userData | Should -Not -Match '# image.hygiene ssh-host-keys'
    }

    It 'refuses a rendered secret with UserDataContainsSecret naming <Variable> and the line, never the value' -ForEach @(
        @{ Variable = 'AWS_SECRET_ACCESS_KEY' }, @{ Variable = 'AWS_SESSION_TOKEN' }, @{ Variable = 'GITHUB_TOKEN' },
        @{ Variable = 'VAULT_SECRET' }, @{ Variable = 'DB_PASSWORD' }, @{ Variable = 'STRIPE_API_KEY' }
    ) {
        $value = 'Zq8-never-print-this-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $folder = New-BakeFolder -Script "#!/bin/bash`necho start`nexport X='{{ $Variable }}'`n"
        $run = Invoke-Pwsh -Command "`$env:$Variable = '$value'; try { New-CloudComposeImage -Path '$folder' -EndpointUrl '$Endpoint' -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message; `$_.ErrorDetails.Message }"
        $run.Output | Should -Match '^UserDataContainsSecret,'
        $run.Output | Should -Match "environment variable $Variable is on line 3 of image.sh"
        $run.Output | Should -Match ([regex]::Escape((Join-Path $folder 'image.sh')) + ':3')
        $run.Output | Should -Not -Match ([regex]::Escape($value))
        Get-Count RunInstances | Should -Be 0
    }

    It 'finds an access key id, refuses it under -WhatIf too, and builds with -AllowSecretInUserData after a warning' {
        $folder = New-BakeFolder -Script "#!/bin/bash`nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE`n"
        $err = { New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint -WhatIf } | Should -Throw -ErrorId 'UserDataContainsSecret,*' -PassThru
        $err.Exception.Message | Should -Match 'an AWS access key id \(AKIA…\) is on line 2'
        $err.Exception.Message | Should -Not -Match 'IOSFODNN7EXAMPLE'
        $image = New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint -AllowSecretInUserData -WarningVariable warnings -WarningAction SilentlyContinue
        $image.State | Should -Be 'available'
        "$warnings" | Should -Match 'AllowSecretInUserData'
        "$warnings" | Should -Not -Match 'IOSFODNN7EXAMPLE'
    }
}

Describe 'Launching where capacity exists' {
    BeforeEach { Reset-BakeEmulator }

    It 'tries the next instance type on InsufficientInstanceCapacity or Unsupported, each with its own client token' {
        Invoke-Emulator $Emulator POST faults/instance-types @{ instanceType = 't3.small' } | Out-Null
        Invoke-Emulator $Emulator POST faults/instance-types @{ instanceType = 't3a.small'; code = 'Unsupported' } | Out-Null
        $image = New-CloudComposeImage -Path (New-BakeFolder -Aws "    instance_type: [t3.small, t3a.small, m5.large]`n") -EndpointUrl $Endpoint -Verbose 4>&1 |
            Tee-Object -Variable all | Where-Object { $_ -is [CloudCompose.Image.ImageInfo] }
        $image.BuilderInstanceType | Should -Be 'm5.large'
        $image.RefusedInstanceTypes | Should -Be @('t3.small (InsufficientInstanceCapacity)', 't3a.small (Unsupported)')
        (Get-Instance $image.BuilderInstanceId).instanceType | Should -Be 'm5.large'
        "$($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })" | Should -Match 't3\.small refused \(InsufficientInstanceCapacity'
        $launches = @(Invoke-Emulator $Emulator GET 'requests?action=RunInstances')
        $tokens = @($launches | Group-Object { $_.parameters.InstanceType } | ForEach-Object { @($_.Group.parameters.ClientToken | Sort-Object -Unique) })
        $tokens.Count | Should -Be 3 -Because 'every type has one client token of its own'
        ($launches | Where-Object { $_.parameters.InstanceType -eq 'm5.large' }).parameters.ClientToken | Should -Match '^cc-[0-9a-f]{32}-3$'
    }

    It 'fails before launch on a source image outside the account''s Allowed AMIs' {
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = 'ami-0000000000000cc01'; name = 'unvetted'; ownerId = '210987654321'; public = $true; allowed = $false }) } | Out-Null
        Invoke-Emulator $Emulator POST allowed-images @{ state = 'audit-mode' } | Out-Null
        $folder = New-BakeFolder
        (Get-Content -Raw "$folder/cloud-compose.yml").Replace($SourceAmi, 'ami-0000000000000cc01') | Set-Content "$folder/cloud-compose.yml"
        $err = { New-CloudComposeImage -Path $folder -EndpointUrl $Endpoint } | Should -Throw -ErrorId 'SourceAmiNotAllowed,*' -PassThru
        $err.Exception.Message | Should -Match 'cloud-compose.yml:6:'
        $err.Exception.Message | Should -Match "Allowed AMIs"
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        Get-Count RunInstances | Should -Be 0
    }
}
