# Tab completion through TabExpansion2, as a user gets it: -Region, -ProfileName, -Name (image names from the
# ImageName tags) and -Version given -Name; quiet and quick when AWS cannot be reached.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force

    function Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
    }
}

Describe '-Region' {
    It 'completes EC2 region names on <Command>' -ForEach @(
        @{ Command = 'New-CloudComposeImage' }
        @{ Command = 'Remove-CloudComposeImageBuilder' }
        @{ Command = 'Get-CloudComposeImage' }
        @{ Command = 'Remove-UnusedCloudComposeImage' }
        @{ Command = 'Restore-CloudComposeImage' }
    ) {
        $all = Complete "$Command -Region "
        $all | Should -Contain 'us-east-1'
        $all | Should -Contain 'eu-central-1'
        $all | Should -Contain 'ap-southeast-2'
        $some = Complete "$Command -Region us-we"
        $some | Should -Contain 'us-west-2'
        $some | ForEach-Object { $_ | Should -BeLike 'us-we*' }
    }
}

Describe '-ProfileName' {
    BeforeAll {
        $script:Saved = @{ AWS_CONFIG_FILE = $env:AWS_CONFIG_FILE; AWS_SHARED_CREDENTIALS_FILE = $env:AWS_SHARED_CREDENTIALS_FILE }
        $folder = New-TestFolder
        $env:AWS_CONFIG_FILE = Write-TestFile $folder 'config' "[default]`nregion = us-east-1`n`n[profile build-admin]`nregion = eu-west-1`nrole_arn = arn:aws:iam::123456789012:role/build`nsource_profile = default`n`n[profile 'team lead']`nregion = us-east-2`n"
        $env:AWS_SHARED_CREDENTIALS_FILE = Write-TestFile $folder 'credentials' "[default]`naws_access_key_id = AKIDEXAMPLE`naws_secret_access_key = not-a-secret`n`n[ci-runner]`naws_access_key_id = AKIDEXAMPLE2`naws_secret_access_key = not-a-secret`n"
    }
    AfterAll {
        foreach ($name in $Saved.Keys) { if ($Saved[$name]) { Set-Item "Env:$name" $Saved[$name] } else { Remove-Item "Env:$name" -ErrorAction SilentlyContinue } }
    }

    It 'completes the profiles of the shared config and credentials files' {
        $all = Complete 'New-CloudComposeImage -ProfileName '
        $all | Should -Contain 'default'
        $all | Should -Contain 'build-admin'
        $all | Should -Contain 'ci-runner'
    }

    It 'filters by what was typed' {
        Complete 'Remove-CloudComposeImageBuilder -ProfileName bu' | Should -Be @('build-admin')
    }
}

Describe '-Name and -Version from the account''s tags' {
    BeforeAll {
        $script:Emulator = Start-TestEmulator -TimeScale 60
        $script:Url = $Emulator.Url
        Invoke-Emulator $Emulator POST seed @{
            images    = @(
                @{ name = 'web_1.0_a'; ageDays = 9; tags = @{ ImageName = 'web'; ImageVersion = '1.0' } }
                @{ name = 'web_2.0_a'; ageDays = 1; tags = @{ ImageName = 'web'; ImageVersion = '2.0' } }
                @{ name = 'docker_1.10_a'; tags = @{ ImageName = 'docker'; ImageVersion = '1.10' } }
                @{ name = 'untagged' }
                @{ name = 'theirs'; ownerId = '210987654321'; public = $true; tags = @{ ImageName = 'not-ours' } }
            )
            instances = @(@{ imageName = 'untagged'; state = 'stopped'; tags = @{ ImageName = 'legacy app'; ImageVersion = '3' } })
        } | Out-Null
    }
    AfterAll {
        Stop-TestEmulator $Emulator
    }

    It 'completes image names of this account''s images and builders on <Command>, quoting where needed' -ForEach @(
        @{ Command = 'Remove-CloudComposeImageBuilder' }
        @{ Command = 'Get-CloudComposeImage' }
        @{ Command = 'Remove-UnusedCloudComposeImage' }
    ) {
        $names = Complete "$Command -EndpointUrl $Url -Name "
        $names | Should -Be @('docker', "'legacy app'", 'web')
    }

    It 'sends what was typed as a server-side filter' {
        Invoke-Emulator $Emulator DELETE requests | Out-Null
        Complete "Remove-CloudComposeImageBuilder -EndpointUrl $Url -Name we" | Should -Be @('web')
        $request = @(Invoke-Emulator $Emulator GET 'requests?action=DescribeTags')[0]
        $request.parameters.PSObject.Properties.Value | Should -Contain 'we*'
    }

    It 'uses the region given on the command line' {
        Complete "Remove-CloudComposeImageBuilder -EndpointUrl $Url -Region eu-west-1 -Name " | Should -BeNullOrEmpty
    }

    It 'completes versions of the image given by -Name on <Command>, newest first' -ForEach @(
        @{ Command = 'Get-CloudComposeImage' }
        @{ Command = 'Remove-UnusedCloudComposeImage' }
    ) {
        Complete "$Command -EndpointUrl $Url -Name web -Version " | Should -Be @('2.0', '1.0')
        Complete "$Command -EndpointUrl $Url -Name docker -Version 1" | Should -Be @('1.10')
    }

    It 'completes no version on <Command> before -Name is given' -ForEach @(
        @{ Command = 'Get-CloudComposeImage' }
        @{ Command = 'Remove-UnusedCloudComposeImage' }
    ) {
        Invoke-Emulator $Emulator DELETE counters | Out-Null
        Complete "$Command -EndpointUrl $Url -Version " | Should -BeNullOrEmpty
        (Invoke-Emulator $Emulator GET counters).DescribeImages | Should -BeNullOrEmpty
    }
}

Describe 'offline' {
    BeforeEach { $Error.Clear() }

    It 'completes nothing, quickly and without errors, when the endpoint refuses connections' {
        $elapsed = Measure-Command { $names = Complete 'Remove-CloudComposeImageBuilder -EndpointUrl http://127.0.0.1:9/ -Name ' }
        $names | Should -BeNullOrEmpty
        $elapsed.TotalSeconds | Should -BeLessThan 4
        $Error.Count | Should -Be 0
    }

    It 'gives up after the short timeout when the endpoint never answers' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = $listener.LocalEndpoint.Port
            $elapsed = Measure-Command { $names = Complete "Remove-CloudComposeImageBuilder -EndpointUrl http://127.0.0.1:$port/ -Name " }
            $names | Should -BeNullOrEmpty
            $elapsed.TotalSeconds | Should -BeLessThan 4
            $Error.Count | Should -Be 0
        }
        finally { $listener.Stop() }
    }

    It 'completes nothing without a region or credentials' {
        $saved = $env:AWS_REGION, $env:AWS_ACCESS_KEY_ID
        Remove-Item Env:AWS_REGION, Env:AWS_ACCESS_KEY_ID -ErrorAction SilentlyContinue
        try { Complete 'Remove-CloudComposeImageBuilder -EndpointUrl http://127.0.0.1:9/ -Name ' | Should -BeNullOrEmpty }
        finally { if ($saved[0]) { $env:AWS_REGION = $saved[0] }; if ($saved[1]) { $env:AWS_ACCESS_KEY_ID = $saved[1] } }
        $Error.Count | Should -Be 0
    }
}
