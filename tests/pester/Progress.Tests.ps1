# Progress as people see it: phases in words and seconds left to the deadline at a console, a parent activity for a
# batch, and in CI (or with output redirected) one Information line per phase change instead of progress records.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    $script:Emulator = Start-TestEmulator -TimeScale 60
    $script:SourceAmi = 'ami-6d1c2007'
    $script:CiVariables = 'CI', 'GITHUB_ACTIONS', 'TF_BUILD'

    function New-BakeFolder([string] $Name = 'prog') {
        $folder = New-TestFolder
        Write-TestFile $folder 'cloud-compose.yml' "image:`n  name: $Name`n  version: '1.0'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n" | Out-Null
        Write-TestFile $folder 'image.sh' "echo $Name`n" | Out-Null
        $folder
    }

    function Invoke-InRunspace([string] $Command, [hashtable] $Environment) {
        # The CI variables are process-wide: set exactly these for the command, and put the others back afterwards.
        $saved = @{}
        foreach ($name in $CiVariables) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $null) }
        foreach ($name in $Environment.Keys) { [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
        try {
            $ps = [PowerShell]::Create()
            $ps.AddScript("Import-Module '$(Get-TestModuleManifest)'; $Command") | Out-Null
            $output = $ps.Invoke()
            [pscustomobject]@{ Output = @($output); Progress = @($ps.Streams.Progress); Information = @($ps.Streams.Information); Errors = @($ps.Streams.Error) }
            $ps.Dispose()
        }
        finally { foreach ($name in $CiVariables) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
    }
}

AfterAll {
    Stop-TestEmulator $Emulator
}

Describe 'Bake progress' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
    }

    It 'at a console: phases in words, seconds to the deadline, no percentage, and a Completed record' {
        $run = Invoke-InRunspace "New-CloudComposeImage -Path '$(New-BakeFolder)' -EndpointUrl '$($Emulator.Url)' -Timeout 30m" @{}

        $run.Output.Count | Should -Be 1
        # At a console the phases are progress records; only the builder's console lines go to the Information stream.
        @($run.Information | Where-Object { $_.MessageData -isnot [CloudCompose.Image.BuildLogLine] }) | Should -BeNullOrEmpty
        @($run.Information | Where-Object { $_.MessageData -is [CloudCompose.Image.BuildLogLine] }).Count | Should -BeGreaterThan 0
        $running = @($run.Progress | Where-Object StatusDescription -like 'running image.sh: *')
        $running.Count | Should -BeGreaterThan 0
        $running[0].Activity | Should -Be 'Baking prog:1.0'
        $running[0].PercentComplete | Should -Be -1
        $running[0].SecondsRemaining | Should -BeGreaterThan 0
        $running[0].SecondsRemaining | Should -BeLessOrEqual 1800
        @($run.Progress | Where-Object StatusDescription -match 'RunningScript|CreatingImage') | Should -BeNullOrEmpty
        $run.Progress[-1].RecordType | Should -Be 'Completed'
        $run.Progress[-1].StatusDescription | Should -BeLike 'done: *'
    }

    It 'puts a batch under a parent activity that counts the builds done' {
        $folders = (New-BakeFolder 'one'), (New-BakeFolder 'two')
        $run = Invoke-InRunspace "'$($folders[0])', '$($folders[1])' | New-CloudComposeImage -EndpointUrl '$($Emulator.Url)'" @{}

        $run.Output.Count | Should -Be 2
        $batch = @($run.Progress | Where-Object Activity -eq 'Baking images')
        $batch.StatusDescription | Should -Contain '1 of 2 built'
        $batch.StatusDescription | Should -Contain '2 of 2 built'
        $batch[-1].RecordType | Should -Be 'Completed'
        $children = @($run.Progress | Where-Object { $_.Activity -like 'Baking one:*' -or $_.Activity -like 'Baking two:*' } | Where-Object ParentActivityId -ne -1)
        $children.Count | Should -BeGreaterThan 0
        $children.ParentActivityId | Sort-Object -Unique | Should -Be $batch[0].ActivityId
    }

    It 'in CI (<Variable>): one Information line per phase and no progress records' -ForEach @(
        @{ Variable = 'CI'; Value = 'true' }
        @{ Variable = 'GITHUB_ACTIONS'; Value = 'true' }
        @{ Variable = 'TF_BUILD'; Value = 'True' }
    ) {
        $run = Invoke-InRunspace "New-CloudComposeImage -Path '$(New-BakeFolder)' -EndpointUrl '$($Emulator.Url)'" @{ $Variable = $Value }

        $run.Output.Count | Should -Be 1
        $run.Progress | Should -BeNullOrEmpty
        $lines = @($run.Information | Where-Object { $_.Tags -contains 'Progress' } | ForEach-Object { "$($_.MessageData)" })
        $phases = $lines | ForEach-Object { ($_ -replace '^prog:1\.0: ', '') -replace ' [(].*$|\s+after .*$', '' }
        $phases | Should -Be @('launching the builder', 'running image.sh', "reading the builder's console", 'creating the image', 'retiring older images', 'done')
    }

    It 'with output redirected (no interactive console): Information lines that -InformationAction Continue prints' {
        $folder = New-BakeFolder
        $clean = ($CiVariables | ForEach-Object { "Env:$_" }) -join ', '
        $run = Invoke-Pwsh -Command "Remove-Item $clean -ErrorAction Ignore; New-CloudComposeImage -Path '$folder' -EndpointUrl '$($Emulator.Url)' -InformationAction Continue | Out-Null"

        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'prog:1\.0: running image\.sh'
        $run.Output | Should -Match 'prog:1\.0: done after'
    }
}

Describe 'Retirement progress' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        $seeded = Invoke-Emulator $Emulator POST seed @{ images = @(foreach ($age in 10, 20, 30) { @{ name = "ret_1.0_$age"; ageDays = $age; tags = @{ ImageName = 'ret'; ImageVersion = '1.0' } } }) }
    }

    It 'counts the images at a console and writes a line per image in CI' {
        $console = Invoke-InRunspace "Remove-UnusedCloudComposeImage -Name ret -Force -EndpointUrl '$($Emulator.Url)'" @{}
        $console.Output.Count | Should -Be 2
        $console.Progress.StatusDescription | Should -Contain "2 of 2: $($console.Output[1].ImageId) ($($console.Output[1].ImageName))"
        $console.Progress[-1].RecordType | Should -Be 'Completed'

        Reset-TestEmulator $Emulator
        Invoke-Emulator $Emulator POST seed @{ images = @(foreach ($age in 10, 20, 30) { @{ name = "ret_1.0_$age"; ageDays = $age; tags = @{ ImageName = 'ret'; ImageVersion = '1.0' } } }) } | Out-Null
        $ci = Invoke-InRunspace "Remove-UnusedCloudComposeImage -Name ret -Force -EndpointUrl '$($Emulator.Url)'" @{ CI = 'true' }
        $ci.Output.Count | Should -Be 2
        $ci.Progress | Should -BeNullOrEmpty
        @($ci.Information | Where-Object { $_.Tags -contains 'Progress' }).Count | Should -Be 2
    }
}
