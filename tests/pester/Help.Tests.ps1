# Help: every exported cmdlet has complete help generated from docs/en-US, the markdown stays in step with the
# cmdlets' metadata, the generator does what it says, and every example really runs against the emulator.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../../build/HelpGenerator.psm1') -Force
    $docs = Join-Path $PSScriptRoot '../../docs/en-US'
    $script:Pages = foreach ($file in Get-ChildItem $docs -Filter '*-*.md') {
        $page = ConvertFrom-HelpMarkdown -Path $file.FullName
        @{ Name = $page.Name; File = $file.FullName; Examples = @(for ($i = 0; $i -lt $page.Examples.Count; $i++) { @{ Cmdlet = $page.Name; Index = $i + 1; Title = $page.Examples[$i].Title; Code = $page.Examples[$i].Code -join "`n" } }) }
    }
    $script:ExampleCases = @($Pages | ForEach-Object { $_.Examples })
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $script:CmdletCases = @((Test-ModuleManifest (Get-TestModuleManifest) -ErrorAction SilentlyContinue).ExportedCmdlets.Keys | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../build/HelpGenerator.psm1') -Force
    $script:Module = Import-Module (Get-TestModuleManifest) -Force -PassThru
    $script:Docs = Join-Path $PSScriptRoot '../../docs/en-US'
}

Describe 'Help for <Name>' -ForEach $CmdletCases {
    BeforeAll {
        $script:Command = Get-Command $Name
        $script:Help = Get-Help $Name -Full
        $script:Parameters = @(Get-DocumentedParameter $Command)
    }

    It 'has a page in docs/en-US' {
        Join-Path $Docs "$Name.md" | Should -Exist
    }

    It 'has a synopsis and a description from the page, not the generated stub' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis | Should -Not -Match ([regex]::Escape($Name) + ' \[')
        ($Help.description.Text -join ' ') | Should -Match '\w{10}'
    }

    It 'describes every parameter' {
        foreach ($parameter in $Parameters) {
            $entry = $Help.parameters.parameter | Where-Object name -eq $parameter.Name
            $entry | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) must be in the help"
            ($entry.description.Text -join ' ') | Should -Match '\w{5}' -Because "-$($parameter.Name) needs a description"
            ($entry.description.Text -join ' ') | Should -Not -Match '\{\{ Fill' -Because "-$($parameter.Name) still has the scaffold text"
            $entry.defaultValue | Should -Not -BeNullOrEmpty
        }
    }

    It 'states type, pipeline input and wildcards as the metadata does' {
        foreach ($parameter in $Parameters) {
            $facts = Get-ParameterFacts $Command $parameter
            $entry = $Help.parameters.parameter | Where-Object name -eq $parameter.Name
            $entry.type.name | Should -Be $facts['Type']
            $entry.pipelineInput | Should -Be $facts['Accept pipeline input']
            $entry.globbing | Should -Be $facts['Accept wildcard characters'].ToLowerInvariant()
        }
    }

    It 'has at least two examples with code' {
        @($Help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $Help.examples.example) { $example.code | Should -Match $Name.Split('-')[1].Substring(0, 5) }
    }

    It 'names every [OutputType] in its outputs' {
        $outputs = @($Help.returnValues.returnValue | ForEach-Object { $_.type.name })
        foreach ($type in $Command.OutputType) { $outputs | Should -Contain $type.Name }
    }

    It 'has related links' {
        @($Help.relatedLinks.navigationLink).Count | Should -BeGreaterOrEqual 1
    }

    It 'keeps the page''s parameter metadata in step with the cmdlet (run Update-MarkdownHelpMetadata to refresh)' {
        $copy = Join-Path (New-TestFolder) "$Name.md"
        Copy-Item (Join-Path $Docs "$Name.md") $copy
        Update-MarkdownHelpMetadata -Command $Command -Path $copy | Should -BeFalse
    }
}

Describe 'about topics' {
    It 'ships about_CloudCompose.Image' {
        $text = Get-Help about_CloudCompose.Image | Out-String
        $text | Should -Match 'New-CloudComposeImage'
        $text | Should -Match 'iam-policy.json'
    }

    It 'ships about_CloudCompose.Image_Configuration with the YAML keys and the Jinja2 table' {
        $text = Get-Help about_CloudCompose.Image_Configuration | Out-String
        $text | Should -Match 'image\.aws\.subnet'
        $text | Should -Match 'JINJA2 COMPATIBILITY'
    }
}

Describe 'The help generator' {
    BeforeAll {
        $script:Fixture = Join-Path (New-TestFolder) 'Get-Thing.md'
        @'
---
schema: 2.0.0
---

# Get-Thing

## SYNOPSIS
Gets a thing.

## DESCRIPTION
First line
continues here.

- a list item
- another

## EXAMPLES

### Example 1: Plain
```powershell
Get-Thing -Name a
```

Remarks for one.

```output
Name
----
a
```

### Example 2: Two lines
```powershell
$x = 1
Get-Thing -Name $x
```

## PARAMETERS

### -Name
The name.

```yaml
Type: String
Default value: All things
```

### CommonParameters
Common.

## INPUTS

### System.String
Names.

## OUTPUTS

### Thing
A thing.

## NOTES
A note.

## RELATED LINKS

[Online](https://example.com/get-thing)

[Set-Thing](Set-Thing.md)
'@ | Set-Content $Fixture
        $script:Page = ConvertFrom-HelpMarkdown -Path $Fixture
    }

    It 'reads the sections' {
        $Page.Name | Should -Be 'Get-Thing'
        $Page.Synopsis | Should -Be 'Gets a thing.'
        $Page.Description | Should -Match '^First line\ncontinues here\.'
        $Page.Notes | Should -Be 'A note.'
        $Page.Inputs[0].Type | Should -Be 'System.String'
        $Page.Outputs[0].Description | Should -Be 'A thing.'
    }

    It 'keeps example code apart from remarks and output' {
        $Page.Examples.Count | Should -Be 2
        $Page.Examples[0].Code | Should -Be 'Get-Thing -Name a'
        $Page.Examples[0].Remarks | Should -Match 'Remarks for one\.'
        $Page.Examples[0].Remarks | Should -Match '    ----'
        $Page.Examples[1].Code | Should -Be "`$x = 1`nGet-Thing -Name `$x"
    }

    It 'reads parameter text and the default value, and skips CommonParameters' {
        $Page.Parameters.Keys | Should -Be @('Name')
        $Page.Parameters['Name'].Description | Should -Be 'The name.'
        $Page.Parameters['Name'].Yaml['Default value'] | Should -Be 'All things'
    }

    It 'keeps only absolute links as URIs' {
        $Page.Links.Text | Should -Be @('Online', 'Set-Thing')
        $Page.Links[0].Uri | Should -Be 'https://example.com/get-thing'
        $Page.Links[1].Uri | Should -Be ''
    }

    It 'writes MAML that joins wrapped lines but keeps list items' {
        $command = Get-Command Get-CloudComposeUserData
        $xml = [xml]::new()
        $element = New-MamlCommand -Xml $xml -Command $command -Doc $Page
        $ns = [System.Xml.XmlNamespaceManager]::new($xml.NameTable)
        $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $paras = @($element.SelectNodes('maml:description/maml:para', $ns) | ForEach-Object InnerText)
        $paras[0] | Should -Be 'First line continues here.'
        $paras[1] | Should -Be "- a list item`n- another"
        @($element.SelectNodes('command:syntax/command:syntaxItem', $ns)).Count | Should -Be $command.ParameterSets.Count
    }

    It 'adds a scaffold section for an undocumented parameter and fills the yaml from metadata' {
        $copy = Join-Path (New-TestFolder) 'Get-CloudComposeUserData.md'
        Set-Content $copy "# Get-CloudComposeUserData`n`n## PARAMETERS`n`n### -Raw`nText only.`n`n``````yaml`nDefault value: False`n```````n`n### CommonParameters`nCommon.`n"
        Update-MarkdownHelpMetadata -Command (Get-Command Get-CloudComposeUserData) -Path $copy | Should -BeTrue
        $updated = ConvertFrom-HelpMarkdown -Path $copy
        $updated.Parameters.Keys | Sort-Object | Should -Be @('LiteralPath', 'NoTemplate', 'Path', 'Raw')
        $updated.Parameters['Raw'].Yaml['Type'] | Should -Be 'SwitchParameter'
        $updated.Parameters['Raw'].Yaml['Default value'] | Should -Be 'False'
        $updated.Parameters['Path'].Yaml['Accept wildcard characters'] | Should -Be 'True'
        $updated.Parameters['Path'].Description | Should -Match 'Fill Path Description'
    }
}

Describe 'Help examples against the emulator' {
    BeforeAll {
        $script:Emulator = Start-TestEmulator -TimeScale 60
        $script:SourceAmi = 'ami-6d1c2007'
        $script:Work = New-TestFolder
        Copy-Item -Recurse (Join-Path $PSScriptRoot '../../examples/docker/*') $Work
        $env:AMI_ID = $SourceAmi
        $env:SUBNET_ID = 'subnet-9f0074c6'
    }
    AfterAll {
        Stop-TestEmulator $Emulator
        Remove-Item Env:AMI_ID, Env:SUBNET_ID -ErrorAction SilentlyContinue
    }

    BeforeEach {
        Reset-TestEmulator $Emulator
        foreach ($region in 'us-east-1', 'us-west-2') {
            Invoke-Emulator $Emulator POST seed @{ region = $region; images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
        }
        # A leftover builder, so the Remove-CloudComposeImageBuilder examples have something to find.
        Invoke-Emulator $Emulator POST seed @{ instances = @(@{ imageId = $SourceAmi; state = 'stopped'; tags = @{ ImageName = 'docker'; ImageVersion = '1.10' } }) } | Out-Null
        # Earlier docker images for the Get-/Remove-UnusedCloudComposeImage examples: the newest (3 days), two unused
        # ones (20 and 60 days) and one a running instance uses (40 days).
        # Retention rules keep deregistered images and their snapshots in the Recycle Bin for Restore-CloudComposeImage.
        $seeded = Invoke-Emulator $Emulator POST seed @{
            images         = @(foreach ($age in 3, 20, 40, 60) { @{ name = "docker_1.10_$age"; ageDays = $age; tags = @{ ImageName = 'docker'; ImageVersion = '1.10' } } })
            retentionRules = @(@{ resourceType = 'EC2_IMAGE'; retentionDays = 7 }, @{ resourceType = 'EBS_SNAPSHOT'; retentionDays = 7 })
        }
        Invoke-Emulator $Emulator POST seed @{ instances = @(@{ imageId = $seeded.imageIds[2]; state = 'running' }) } | Out-Null
        Invoke-Emulator $Emulator DELETE counters | Out-Null
    }

    It '<Cmdlet>: <Title>' -ForEach $ExampleCases {
        $Code | Should -Not -BeNullOrEmpty
        # The examples are written for AWS; the emulator stands in through a default -EndpointUrl
        # ('*CloudCompose*', so that Remove-UnusedCloudComposeImage matches too).
        $PSDefaultParameterValues['*CloudCompose*:EndpointUrl'] = $Emulator.Url
        Push-Location (Join-Path $Work 'cloud-compose')
        try {
            $ErrorActionPreference = 'Stop'
            $output = & ([scriptblock]::Create($Code)) *>&1 | Out-String
        }
        finally {
            Pop-Location
            $PSDefaultParameterValues.Remove('*CloudCompose*:EndpointUrl')
        }
        $output | Should -Not -Match 'Exception|Error:'
        $counters = Invoke-Emulator $Emulator GET counters
        if ($Code -match 'New-CloudComposeImage' -and $Code -notmatch '-WhatIf') { $counters.CreateImage | Should -BeGreaterThan 0 }
        if ($Code -match 'Remove-CloudComposeImageBuilder' -and $Code -notmatch '-WhatIf') { $counters.TerminateInstances | Should -BeGreaterThan 0 }
        if ($Code -match 'Restore-CloudComposeImage' -and $Code -notmatch '-WhatIf') {
            @('EnableImage', 'DisableImageDeprecation', 'RestoreImageFromRecycleBin' | Where-Object { $counters.PSObject.Properties[$_] -and $counters.$_ -gt 0 }) |
                Should -Not -BeNullOrEmpty -Because 'the example restores at least one image'
            $output | Should -Match '(Enabled|DeprecationCancelled|RestoredFromRecycleBin)'
        }
        if ($Code -match 'Get-CloudComposeImage\b' -and $Code -notmatch 'Remove-') { $output | Should -Match 'ami-[0-9a-f]+' -Because 'the example lists seeded images' }
        if ($Code -match 'Remove-UnusedCloudComposeImage') {
            $mutating = @('DeregisterImage', 'DisableImage', 'EnableImageDeprecation', 'DeleteSnapshot' | Where-Object { $counters.PSObject.Properties[$_] -and $counters.$_ -gt 0 })
            if ($Code -match '-WhatIf') {
                $mutating | Should -BeNullOrEmpty
                $counters.DescribeImageReferences | Should -BeGreaterThan 0 -Because 'the plan is still made (What if messages go to the host)'
            }
            else {
                $mutating | Should -Not -BeNullOrEmpty -Because 'the example retires at least one seeded image'
                $output | Should -Match '(Deregistered|Disabled|Deprecated|Enabled|RestoredFromRecycleBin)'
                @((Invoke-Emulator $Emulator GET images).name) | Should -Contain 'docker_1.10_40'
            }
        }
    }
}
