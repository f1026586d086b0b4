# Markdown help (docs/en-US/<Cmdlet>.md, platyPS-like) -> MAML (en-US/<dll>-Help.xml), without platyPS.
#
# What it covers:
#   - Sections: SYNOPSIS, DESCRIPTION, EXAMPLES (### titles; ```powershell blocks are the code, other fenced
#     blocks such as ```output and the text around them are the remarks),
#     PARAMETERS (### -Name, description, ```yaml block), INPUTS / OUTPUTS (### TypeName + text), NOTES,
#     RELATED LINKS ([text](uri) lines).
#   - Syntax, parameter type, parameter sets, aliases, required, position, pipeline input and wildcards come from
#     the cmdlet's own metadata, never from the markdown, so they cannot drift; the yaml block supplies only
#     "Default value" (metadata does not know defaults). Update-MarkdownHelpMetadata rewrites the yaml blocks from
#     the metadata and adds a section for any undocumented parameter.
#   - Text is kept as written (markdown inline marks stay); blank lines separate paragraphs.
# What it does not cover: about_ topics (shipped as .help.txt), online-version links, multiple locales.
Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'

$script:CommonParameters = @(
    [System.Management.Automation.PSCmdlet]::CommonParameters
    [System.Management.Automation.PSCmdlet]::OptionalCommonParameters | Where-Object { $_ -notin 'WhatIf', 'Confirm' }
    'ProgressAction'
)

function Get-DocumentedParameter {
    # The parameters a help page documents: everything except the common parameters (WhatIf and Confirm are documented).
    param([System.Management.Automation.CommandInfo] $Command)
    $Command.Parameters.Values | Where-Object { $_.Name -notin $script:CommonParameters } | Sort-Object Name
}

function ConvertFrom-HelpMarkdown {
    <#
    .SYNOPSIS
        Parses one cmdlet help page into an object (Name, Synopsis, Description, Examples, Parameters, Inputs, Outputs, Notes, Links).
    #>
    param([Parameter(Mandatory)] [string] $Path)
    $lines = (Get-Content -Raw -LiteralPath $Path) -replace "`r`n", "`n" -split "`n"
    $doc = [ordered]@{
        Path = $Path; Name = $null; Synopsis = ''; Description = ''; Notes = ''
        Examples = [System.Collections.Generic.List[object]]::new()
        Parameters = [ordered]@{}
        Inputs = [System.Collections.Generic.List[object]]::new()
        Outputs = [System.Collections.Generic.List[object]]::new()
        Links = [System.Collections.Generic.List[object]]::new()
    }
    $section = $null; $sub = $null
    $buffer = [System.Collections.Generic.List[string]]::new()
    $i = 0
    # Front matter.
    if ($lines[0] -eq '---') { $i = 1; while ($i -lt $lines.Count -and $lines[$i] -ne '---') { $i++ }; $i++ }

    $flush = {
        $text = ($buffer -join "`n").Trim()
        $buffer.Clear()
        switch ($section) {
            'SYNOPSIS' { $doc.Synopsis = $text }
            'DESCRIPTION' { $doc.Description = $text }
            'NOTES' { $doc.Notes = $text }
            'EXAMPLES' { if ($sub) { Add-ExampleText $sub $text } }
            'PARAMETERS' { if ($sub -and $sub.Name -ne 'CommonParameters') { Add-ParameterText $sub $text } }
            'INPUTS' { if ($sub) { $sub.Description = $text } }
            'OUTPUTS' { if ($sub) { $sub.Description = $text } }
            'RELATED LINKS' {
                foreach ($m in [regex]::Matches($text, '\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)')) {
                    $uri = $m.Groups['uri'].Value
                    $doc.Links.Add([pscustomobject]@{ Text = $m.Groups['text'].Value; Uri = $(if ($uri -match '^https?://') { $uri } else { '' }) })
                }
            }
        }
    }

    for (; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($line -match '^```') {
            # A fenced block belongs to the current subsection as a whole.
            $lang = $line.Substring(3).Trim()
            $code = [System.Collections.Generic.List[string]]::new()
            for ($i++; $i -lt $lines.Count -and $lines[$i] -notmatch '^```\s*$'; $i++) { $code.Add($lines[$i]) }
            & $flush
            if ($section -eq 'EXAMPLES' -and $sub -and $lang -match '^(powershell|pwsh|ps1?)$') { $sub.Code += @($code -join "`n") }
            elseif ($section -eq 'EXAMPLES' -and $sub) { Add-ExampleText $sub (($code | ForEach-Object { "    $_" }) -join "`n") }
            elseif ($section -eq 'PARAMETERS' -and $sub -and $lang -eq 'yaml') { $sub.Yaml = Read-YamlBlock $code }
            elseif ($sub -or $section) { $buffer.Add(($code | ForEach-Object { "    $_" }) -join "`n") }
            continue
        }
        if ($line -match '^# (?<name>\S+)\s*$' -and -not $doc.Name) { $doc.Name = $Matches.name; continue }
        if ($line -match '^## (?<s>.+?)\s*$') { & $flush; $section = $Matches.s.ToUpperInvariant(); $sub = $null; continue }
        if ($line -match '^### (?<t>.+?)\s*$') {
            & $flush
            $title = $Matches.t
            switch ($section) {
                'EXAMPLES' { $sub = [pscustomobject]@{ Title = $title; Code = @(); Remarks = '' }; $doc.Examples.Add($sub) }
                'PARAMETERS' {
                    $name = $title.TrimStart('-')
                    $sub = [pscustomobject]@{ Name = $name; Description = ''; Yaml = @{} }
                    if ($name -ne 'CommonParameters') { $doc.Parameters[$name] = $sub }
                }
                'INPUTS' { $sub = [pscustomobject]@{ Type = $title; Description = '' }; $doc.Inputs.Add($sub) }
                'OUTPUTS' { $sub = [pscustomobject]@{ Type = $title; Description = '' }; $doc.Outputs.Add($sub) }
                default { $buffer.Add($line) }
            }
            continue
        }
        $buffer.Add($line)
    }
    & $flush
    [pscustomobject]$doc
}

function Add-ExampleText($example, [string] $text) {
    if ($text) { $example.Remarks = ($example.Remarks + "`n`n" + $text).Trim() }
}

function Add-ParameterText($parameter, [string] $text) {
    if ($text) { $parameter.Description = ($parameter.Description + "`n`n" + $text).Trim() }
}

function Read-YamlBlock([string[]] $Lines) {
    $values = @{}
    foreach ($l in $Lines) { if ($l -match '^(?<k>[^:]+):\s*(?<v>.*)$') { $values[$Matches.k.Trim()] = $Matches.v.Trim() } }
    $values
}

function Get-TypeDisplayName([type] $Type) {
    if ($Type -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
    if ($Type.IsArray) { return (Get-TypeDisplayName $Type.GetElementType()) + '[]' }
    if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { return (Get-TypeDisplayName $Type.GetGenericArguments()[0]) }
    $Type.Name
}

function Get-ParameterFacts {
    # Everything help says about a parameter that the metadata knows, in platyPS's wording.
    param([System.Management.Automation.CommandInfo] $Command, [System.Management.Automation.ParameterMetadata] $Parameter)
    $sets = @($Parameter.ParameterSets.Keys)
    $attributes = @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    $byValue = [bool]($attributes | Where-Object ValueFromPipeline)
    $byName = [bool]($attributes | Where-Object ValueFromPipelineByPropertyName)
    $pipeline = if ($byValue -and $byName) { 'True (ByPropertyName, ByValue)' } elseif ($byValue) { 'True (ByValue)' } elseif ($byName) { 'True (ByPropertyName)' } else { 'False' }
    $positions = @($attributes | Where-Object { $_.Position -ge 0 } | ForEach-Object Position | Sort-Object -Unique)
    [ordered]@{
        'Type'                       = Get-TypeDisplayName $Parameter.ParameterType
        'Parameter Sets'             = $(if ($sets -contains '__AllParameterSets') { '(All)' } else { ($sets | Sort-Object) -join ', ' })
        'Aliases'                    = ($Parameter.Aliases | Sort-Object) -join ', '
        'Required'                   = $(if ($attributes | Where-Object Mandatory) { 'True' } else { 'False' })
        'Position'                   = $(if ($positions.Count) { [string]$positions[0] } else { 'Named' })
        'Accept pipeline input'      = $pipeline
        'Accept wildcard characters' = [string][bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    }
}

function Format-YamlBlock {
    param($Facts, [string] $DefaultValue)
    $lines = foreach ($key in 'Type', 'Parameter Sets', 'Aliases') { "${key}: $($Facts[$key])".TrimEnd() }
    $lines += ''
    $lines += "Required: $($Facts['Required'])"
    $lines += "Position: $($Facts['Position'])"
    $lines += "Default value: $(if ($DefaultValue) { $DefaultValue } else { 'None' })"
    $lines += "Accept pipeline input: $($Facts['Accept pipeline input'])"
    $lines += "Accept wildcard characters: $($Facts['Accept wildcard characters'])"
    $lines
}

function Update-MarkdownHelpMetadata {
    <#
    .SYNOPSIS
        Rewrites the ```yaml block of every parameter in a help page from the cmdlet's metadata (keeping "Default value"),
        and adds a section for any parameter the page does not document yet. Returns $true when the file changed.
    #>
    param([Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command, [Parameter(Mandatory)] [string] $Path)
    $text = (Get-Content -Raw -LiteralPath $Path) -replace "`r`n", "`n"
    $doc = ConvertFrom-HelpMarkdown -Path $Path
    $new = $text
    foreach ($parameter in Get-DocumentedParameter $Command) {
        $facts = Get-ParameterFacts $Command $parameter
        $existing = $doc.Parameters[$parameter.Name]
        $default = if ($existing -and $existing.Yaml.ContainsKey('Default value')) { $existing.Yaml['Default value'] } else { 'None' }
        $yaml = "``````yaml`n" + ((Format-YamlBlock $facts $default) -join "`n") + "`n``````"
        $pattern = '(?ms)(^### -' + [regex]::Escape($parameter.Name) + '\s*\n(?:(?!^##)(?!^```).*?\n)*?)^```yaml\n.*?^```'
        if ($existing -and [regex]::IsMatch($new, $pattern)) {
            $new = [regex]::Replace($new, $pattern, { param($m) $m.Groups[1].Value + $yaml })
        }
        elseif (-not $existing) {
            $section = "### -$($parameter.Name)`n{{ Fill $($parameter.Name) Description }}`n`n$yaml`n`n"
            $new = if ($new -match '(?m)^### CommonParameters') { $new -replace '(?m)^### CommonParameters', ($section.Replace('$', '$$') + '### CommonParameters') } else { $new + "`n" + $section }
        }
    }
    if ($new -ne $text) { [IO.File]::WriteAllText($Path, $new); return $true }
    $false
}

function Join-WrappedLines([string] $Text) {
    # Markdown source is wrapped at ~120 columns; help text wraps itself. Lines are joined unless the next one starts
    # a list item, a table row or an indented (code) line.
    $out = [System.Text.StringBuilder]::new()
    foreach ($line in $Text -split "`n") {
        if ($out.Length -eq 0) { [void]$out.Append($line); continue }
        if ($line -match '^\s*([-*] |\||\d+\. )' -or $line -match '^    ') { [void]$out.Append("`n").Append($line) }
        else { [void]$out.Append(' ').Append($line.Trim()) }
    }
    $out.ToString()
}

function Add-Paragraphs {
    # Appends <maml:para> elements for each blank-line-separated paragraph of $Text.
    param([System.Xml.XmlElement] $Parent, [string] $Text)
    $ns = 'http://schemas.microsoft.com/maml/2004/10'
    $paragraphs = @(($Text -replace "`r`n", "`n") -split "\n\s*\n" | Where-Object { $_.Trim() })
    if (-not $paragraphs) { $paragraphs = @('') }
    foreach ($p in $paragraphs) {
        $para = $Parent.OwnerDocument.CreateElement('maml', 'para', $ns)
        $para.InnerText = Join-WrappedLines $p.Trim("`n")
        $Parent.AppendChild($para) | Out-Null
    }
}

function New-MamlCommand {
    <#
    .SYNOPSIS
        Builds the <command:command> element for one cmdlet from its metadata and its parsed markdown page.
    #>
    param([System.Xml.XmlDocument] $Xml, [System.Management.Automation.CommandInfo] $Command, $Doc)
    $maml = 'http://schemas.microsoft.com/maml/2004/10'
    $cmd = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    $dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
    function E([string] $qualified, [string] $text) {
        $prefix, $local = $qualified -split ':'
        $uri = switch ($prefix) { 'maml' { $maml } 'command' { $cmd } 'dev' { $dev } }
        $el = $Xml.CreateElement($prefix, $local, $uri)
        if ($PSBoundParameters.ContainsKey('text')) { $el.InnerText = $text }
        $el
    }
    function Add($parent, $child) { $parent.AppendChild($child) | Out-Null; $child }

    $root = E 'command:command'
    foreach ($p in @{ maml = $maml; command = $cmd; dev = $dev }.GetEnumerator()) { $root.SetAttribute("xmlns:$($p.Key)", $p.Value) }
    $details = Add $root (E 'command:details')
    Add $details (E 'command:name' $Command.Name) | Out-Null
    Add $details (E 'command:verb' $Command.Verb) | Out-Null
    Add $details (E 'command:noun' $Command.Noun) | Out-Null
    Add-Paragraphs (Add $details (E 'maml:description')) $Doc.Synopsis
    Add-Paragraphs (Add $root (E 'maml:description')) $Doc.Description

    $parameters = @(Get-DocumentedParameter $Command)
    $newParameter = {
        param($parameter, [bool] $inSyntax, [string] $set)
        $facts = Get-ParameterFacts $Command $parameter
        $page = $Doc.Parameters[$parameter.Name]
        $el = E 'command:parameter'
        $required = $facts['Required']
        $position = $facts['Position']
        if ($set) {
            $setData = $parameter.ParameterSets[$set]
            if (-not $setData) { $setData = $parameter.ParameterSets['__AllParameterSets'] }
            $required = [string]$setData.IsMandatory
            $position = if ($setData.Position -ge 0) { [string]$setData.Position } else { 'Named' }
        }
        $el.SetAttribute('required', $required.ToLowerInvariant())
        $el.SetAttribute('variableLength', [string]$parameter.ParameterType.IsArray.ToString().ToLowerInvariant())
        $el.SetAttribute('globbing', $facts['Accept wildcard characters'].ToLowerInvariant())
        $el.SetAttribute('pipelineInput', $facts['Accept pipeline input'])
        $el.SetAttribute('position', $position.ToLowerInvariant())
        $el.SetAttribute('aliases', $(if ($facts['Aliases']) { $facts['Aliases'] } else { 'none' }))
        Add $el (E 'maml:name' $parameter.Name) | Out-Null
        Add-Paragraphs (Add $el (E 'maml:description')) $(if ($page) { $page.Description } else { '' })
        $isSwitch = $parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]
        if (-not ($inSyntax -and $isSwitch)) {
            $value = Add $el (E 'command:parameterValue' $facts['Type'])
            $value.SetAttribute('required', $(if ($isSwitch) { 'false' } else { 'true' }))
            $value.SetAttribute('variableLength', 'false')
        }
        $type = Add $el (E 'dev:type')
        Add $type (E 'maml:name' $facts['Type']) | Out-Null
        Add $type (E 'maml:uri') | Out-Null
        $default = if ($page -and $page.Yaml.ContainsKey('Default value')) { $page.Yaml['Default value'] } else { 'None' }
        Add $el (E 'dev:defaultValue' $default) | Out-Null
        $el
    }

    $syntax = Add $root (E 'command:syntax')
    foreach ($set in $Command.ParameterSets | Sort-Object { -not $_.IsDefault }, Name) {
        $item = Add $syntax (E 'command:syntaxItem')
        Add $item (E 'maml:name' $Command.Name) | Out-Null
        $inSet = $set.Parameters | Where-Object { $_.Name -notin $script:CommonParameters } |
            Sort-Object { if ($_.Position -ge 0) { $_.Position } else { 1000 } }, { -not $_.IsMandatory }, Name
        foreach ($p in $inSet) { Add $item (& $newParameter $Command.Parameters[$p.Name] $true $set.Name) | Out-Null }
    }

    $parametersEl = Add $root (E 'command:parameters')
    foreach ($p in $parameters) { Add $parametersEl (& $newParameter $p $false $null) | Out-Null }

    foreach ($pair in @(@('command:inputTypes', 'command:inputType', $Doc.Inputs), @('command:returnValues', 'command:returnValue', $Doc.Outputs))) {
        $list = Add $root (E $pair[0])
        foreach ($entry in $pair[2]) {
            $one = Add $list (E $pair[1])
            $type = Add $one (E 'dev:type')
            Add $type (E 'maml:name' $entry.Type) | Out-Null
            Add-Paragraphs (Add $one (E 'maml:description')) $entry.Description
        }
    }

    if ($Doc.Notes) {
        $alerts = Add $root (E 'maml:alertSet')
        Add-Paragraphs (Add $alerts (E 'maml:alert')) $Doc.Notes
    }

    $examples = Add $root (E 'command:examples')
    foreach ($example in $Doc.Examples) {
        $ex = Add $examples (E 'command:example')
        Add $ex (E 'maml:title' "--------- $($example.Title) ---------") | Out-Null
        Add $ex (E 'dev:code' ($example.Code -join "`n")) | Out-Null
        Add-Paragraphs (Add $ex (E 'dev:remarks')) $example.Remarks
    }

    $links = Add $root (E 'command:relatedLinks')
    foreach ($link in $Doc.Links) {
        $nav = Add $links (E 'maml:navigationLink')
        Add $nav (E 'maml:linkText' $link.Text) | Out-Null
        Add $nav (E 'maml:uri' $link.Uri) | Out-Null
    }
    $root
}

function Export-MamlHelp {
    <#
    .SYNOPSIS
        Writes the MAML help file for every cmdlet the module exports from docs/en-US/<Cmdlet>.md.
        Fails when an exported cmdlet has no page.
    #>
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSModuleInfo] $Module,
        [Parameter(Mandatory)] [string] $DocsDir,
        [Parameter(Mandatory)] [string] $OutFile
    )
    $xml = [System.Xml.XmlDocument]::new()
    $xml.AppendChild($xml.CreateXmlDeclaration('1.0', 'utf-8', $null)) | Out-Null
    $items = $xml.CreateElement('helpItems', 'http://msh')
    $items.SetAttribute('schema', 'maml')
    $xml.AppendChild($items) | Out-Null
    $commands = @($Module.ExportedCmdlets.Values | Sort-Object Name)
    foreach ($command in $commands) {
        $page = Join-Path $DocsDir "$($command.Name).md"
        if (-not (Test-Path $page)) { throw "No help page for $($command.Name): $page" }
        $items.AppendChild((New-MamlCommand -Xml $xml -Command $command -Doc (ConvertFrom-HelpMarkdown -Path $page))) | Out-Null
    }
    New-Item -ItemType Directory -Force -Path (Split-Path $OutFile) | Out-Null
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $writer = [System.Xml.XmlWriter]::Create($OutFile, $settings)
    try { $xml.Save($writer) } finally { $writer.Dispose() }
    $commands.Count
}

Export-ModuleMember -Function ConvertFrom-HelpMarkdown, Get-DocumentedParameter, Get-ParameterFacts, Update-MarkdownHelpMetadata, New-MamlCommand, Export-MamlHelp
