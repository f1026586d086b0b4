BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    $script:Example = Join-Path $PSScriptRoot '../../examples/docker'
    $script:Minimal = "image:`n  name: web`n  version: '2.0'`n  aws:`n    ami: ami-0123abcd`n    subnet: subnet-0123abcd`n"
}

Describe 'Get-CloudComposeUserData' {
    BeforeEach {
        $env:AMI_ID = 'ami-6d1c2007'
        $env:SUBNET_ID = 'subnet-9f0074c6'
        $script:Folder = New-TestFolder
    }
    AfterEach {
        Remove-Item Env:AMI_ID, Env:SUBNET_ID -ErrorAction SilentlyContinue
        Remove-Item -Recurse -Force $script:Folder -ErrorAction SilentlyContinue
    }

    Context 'the docker example' {
        It 'renders image.sh exactly as the original did (its user data was the script and a shutdown line)' {
            $expected = [IO.File]::ReadAllText((Join-Path $PSScriptRoot 'data/docker.user-data.expected.sh'))
            $result = Get-CloudComposeUserData -Path $Example
            $result.Script + "`nshutdown -h now" | Should -BeExactly $expected
            $result.Name | Should -Be 'docker'
            $result.Version | Should -Be '1.10'
            $result.Files.Count | Should -Be 4
            $result.Files[0] | Should -BeLike '*templates*image.sh'
        }

        It 'gives the user data the builder receives: the wrapper around the script, ending with the shutdown' {
            $result = Get-CloudComposeUserData -Path $Example -Timeout 45m
            $result.UserData | Should -BeLike "#!/bin/bash`n# cloud-compose image builder:*"
            # image.sh goes in verbatim, in a here-document the wrapper writes to disk and runs.
            $result.UserData.Contains("'`n" + $result.Script.TrimEnd("`n") + "`nCLOUDCOMPOSE_IMAGE_SH_") | Should -BeTrue
            $result.UserData | Should -Match '# cloud-compose-token: [0-9a-f]{16}\n'
            # The watchdog sleeps until the deadline fixed at launch, never longer than -Timeout (45 minutes = 2700 s).
            $result.UserData | Should -Match '\[ "\$cc_left" -gt 2700 \] && cc_left=2700; sleep "\$cc_left"; cc_report watchdog; shutdown -h now \)'
            $result.UserData | Should -Match 'shutdown -h now\n$'
            $result.Compressed | Should -BeFalse
            $result.Length | Should -Be ([Text.Encoding]::UTF8.GetByteCount($result.UserData))
        }

        It 'returns only the user data text with -Raw' {
            $raw = Get-CloudComposeUserData -Path $Example -Raw
            $raw | Should -BeOfType [string]
            $raw | Should -Match 'CLOUDCOMPOSE-RESULT'
            $raw | Should -Match 'shutdown -h now\n$'
        }

        It 'returns the exact bytes with -AsByteStream, gzipped over 16 KB' {
            $bytes = Get-CloudComposeUserData -Path $Example -AsByteStream
            $bytes.GetType() | Should -Be ([byte[]])
            [Text.Encoding]::UTF8.GetString($bytes) | Should -Match 'CLOUDCOMPOSE-RESULT'

            Write-TestFile $Folder 'cloud-compose.yml' $Minimal | Out-Null
            Write-TestFile $Folder 'image.sh' ("echo 'a line repeated to make the script large'`n" * 500) | Out-Null
            $big = Get-CloudComposeUserData -Path $Folder
            $big.Compressed | Should -BeTrue
            # Each call draws its own token, so compare one call's object with its own bytes.
            $big.GetBytes().Length | Should -Be $big.Length
            $gzipped = Get-CloudComposeUserData -Path $Folder -AsByteStream
            $gzipped.Length | Should -BeLessOrEqual 16384
            [byte[]] $gzipped[0..1] | Should -Be @(0x1f, 0x8b) -Because 'gzip data starts with its magic number'
            $big.GetBytes()[0..1] | Should -Be @(0x1f, 0x8b)
            $reader = [IO.StreamReader]::new([IO.Compression.GZipStream]::new([IO.MemoryStream]::new($gzipped), [IO.Compression.CompressionMode]::Decompress))
            $text = $reader.ReadToEnd(); $reader.Dispose()
            $text.Contains($big.Script) | Should -BeTrue
            { Get-CloudComposeUserData -Path $Example -Raw -AsByteStream } | Should -Throw -ErrorId 'ParameterConflict,*'
        }

        It 'sends only the shebang and shutdown with -NoTemplate' {
            $result = Get-CloudComposeUserData -Path $Example -NoTemplate
            $result.UserData | Should -BeExactly "#!/bin/bash`nshutdown -h now"
            $result.Script | Should -BeExactly '#!/bin/bash'
        }
    }

    Context 'finding the configuration' {
        BeforeEach {
            Write-TestFile $Folder 'image.sh' "echo {{ name }}`n" | Out-Null
            Write-TestFile $Folder 'cloud-compose/image.sh' "echo sub {{ name }}`n" | Out-Null
        }

        It 'prefers cloud-compose/cloud-compose.yml in the current location' {
            Write-TestFile $Folder 'cloud-compose.yml' $Minimal.Replace('web', 'top') | Out-Null
            Write-TestFile $Folder 'cloud-compose/cloud-compose.yml' $Minimal.Replace('web', 'sub') | Out-Null
            Push-Location $Folder
            try { (Get-CloudComposeUserData).Name | Should -Be 'sub' }
            finally { Pop-Location }
        }

        It 'takes .yaml when there is no .yml, and the folder itself when there is no cloud-compose/ file' {
            Write-TestFile $Folder 'cloud-compose.yaml' $Minimal | Out-Null
            Push-Location $Folder
            try { (Get-CloudComposeUserData).ConfigPath | Should -Be (Join-Path $Folder 'cloud-compose.yaml') }
            finally { Pop-Location }
        }

        It 'accepts a relative file path, a folder and a PSDrive path' {
            $file = Write-TestFile $Folder 'custom.yml' $Minimal
            Push-Location $Folder
            try { (Get-CloudComposeUserData -Path ./custom.yml).ConfigPath | Should -Be $file }
            finally { Pop-Location }
            Write-TestFile $Folder 'cloud-compose.yml' $Minimal | Out-Null
            (Get-CloudComposeUserData -Path $Folder).ConfigPath | Should -Be (Join-Path $Folder 'cloud-compose.yml')
            New-PSDrive -Name CCTEST -PSProvider FileSystem -Root $Folder | Out-Null
            try { (Get-CloudComposeUserData -Path CCTEST:/custom.yml).ConfigPath | Should -Be $file }
            finally { Remove-PSDrive CCTEST }
        }

        It 'accepts a path under the home folder written with ~' {
            $homeFolder = Join-Path $HOME ("cc-pester-" + [guid]::NewGuid().ToString('N'))
            try {
                Write-TestFile $homeFolder 'cloud-compose.yml' $Minimal | Out-Null
                Write-TestFile $homeFolder 'image.sh' "echo home`n" | Out-Null
                $relative = '~/' + (Split-Path $homeFolder -Leaf) + '/cloud-compose.yml'
                (Get-CloudComposeUserData -Path $relative).Script | Should -BeExactly 'echo home'
            }
            finally { Remove-Item -Recurse -Force $homeFolder }
        }

        It 'takes Get-ChildItem output from the pipeline' {
            foreach ($name in 'a', 'b', 'c') {
                Write-TestFile $Folder "$name/cloud-compose.yml" $Minimal.Replace('web', $name) | Out-Null
                Write-TestFile $Folder "$name/image.sh" "echo {{ name }}`n" | Out-Null
            }
            $results = Get-ChildItem -Path $Folder -Recurse -Filter cloud-compose.yml | Get-CloudComposeUserData
            ($results.Name | Sort-Object) | Should -Be @('a', 'b', 'c')
        }

        It 'takes path strings from the pipeline' {
            $file = Write-TestFile $Folder 'x/cloud-compose.yml' $Minimal
            Write-TestFile $Folder 'x/image.sh' "echo x`n" | Out-Null
            ($file | Get-CloudComposeUserData).Script | Should -BeExactly 'echo x'
        }
    }

    Context 'bad input' {
        It 'reports <Case> as <ErrorId> and changes nothing' -ForEach @(
            @{ Case = 'a folder with no config'; ErrorId = 'ConfigNotFound'; Yaml = $null; Script = $null }
            @{ Case = 'tab indentation'; ErrorId = 'ConfigSyntaxError'; Yaml = "image:`n`tname: x`n"; Script = $null }
            @{ Case = 'a duplicate key'; ErrorId = 'ConfigSyntaxError'; Yaml = "image:`n  name: a`n  name: b`n"; Script = $null }
            @{ Case = 'an unclosed quote'; ErrorId = 'ConfigSyntaxError'; Yaml = "image:`n  name: 'a`n"; Script = $null }
            @{ Case = 'a misspelt aws key'; ErrorId = 'ConfigKeyUnknown'; Yaml = "image:`n  name: web`n  version: '1'`n  aws:`n    ami: ami-0123abcd`n    subnet: subnet-0123abcd`n    instance_tpye: t3.micro`n"; Script = $null }
            @{ Case = 'a missing environment variable'; ErrorId = 'ConfigVariableUndefined'; Yaml = "image:`n  name: web`n  version: '1'`n  aws:`n    ami: `${CC_TEST_UNSET_AMI}`n    subnet: subnet-0123abcd`n"; Script = $null }
            @{ Case = 'a missing name'; ErrorId = 'ConfigInvalid'; Yaml = "image:`n  version: '1'`n  aws:`n    ami: ami-0123abcd`n    subnet: subnet-0123abcd`n"; Script = $null }
            @{ Case = 'a bad AMI id'; ErrorId = 'ConfigInvalid'; Yaml = "image:`n  name: web`n  version: '1'`n  aws:`n    ami: ubuntu`n    subnet: subnet-0123abcd`n"; Script = $null }
            @{ Case = 'no image: section'; ErrorId = 'ConfigSectionMissing'; Yaml = "cluster:`n  name: x`n"; Script = $null }
            @{ Case = 'an undefined template variable'; ErrorId = 'TemplateVariableUndefined'; Yaml = 'minimal'; Script = "echo {{ nope }}`n" }
            @{ Case = 'a missing image.sh'; ErrorId = 'TemplateNotFound'; Yaml = 'minimal'; Script = $null }
        ) {
            if ($Yaml) {
                $content = if ($Yaml -eq 'minimal') { $Minimal } else { $Yaml }
                Write-TestFile $Folder 'cloud-compose.yml' $content | Out-Null
            }
            if ($Script) { Write-TestFile $Folder 'image.sh' $Script | Out-Null }
            $before = Get-FolderSnapshot $Folder
            { Get-CloudComposeUserData -Path $Folder -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
            Get-FolderSnapshot $Folder | Should -Be $before
        }

        It 'names the file, line and key in the message' {
            $file = Write-TestFile $Folder 'cloud-compose.yml' "image:`n  name: web`n  version: '1'`n  aws:`n    ami: ami-0123abcd`n    subnet: subnet-0123abcd`n    instance_tpye: t3.micro`n"
            $err = { Get-CloudComposeUserData -Path $file -ErrorAction Stop } | Should -Throw -PassThru
            $err.Exception.Message | Should -BeLike "$($file):7:5: image.aws.instance_tpye: unknown key; did you mean 'instance_type'?"
            $err.TargetObject | Should -Be $file
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
        }

        It 'keeps going through the pipeline after a bad config and reports it' {
            Write-TestFile $Folder 'good/cloud-compose.yml' $Minimal | Out-Null
            Write-TestFile $Folder 'good/image.sh' "echo ok`n" | Out-Null
            Write-TestFile $Folder 'bad/cloud-compose.yml' "image:`n`tname: x`n" | Out-Null
            $results = Get-ChildItem $Folder -Recurse -Filter cloud-compose.yml | Get-CloudComposeUserData -ErrorVariable errs -ErrorAction SilentlyContinue
            @($results).Count | Should -Be 1
            @($errs).Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'ConfigSyntaxError,*'
        }

        It 'makes pwsh -c exit non-zero on a bad config' {
            Write-TestFile $Folder 'cloud-compose.yml' "image:`n`tname: x`n" | Out-Null
            $run = Invoke-Pwsh -Command 'Get-CloudComposeUserData' -WorkingDirectory $Folder
            $run.ExitCode | Should -Not -Be 0
            $run.Output | Should -Match 'tab is used for indentation'
        }
    }
}
