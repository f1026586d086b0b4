# Generates the module's help into <ModuleDir>/en-US: MAML from docs/en-US/<Cmdlet>.md (see HelpGenerator.psm1)
# and the about_ topics (docs/en-US/about_*.help.txt, copied). Runs in a child pwsh so the build process never
# loads the module's DLLs.
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $DocsDir
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
Import-Module (Join-Path $PSScriptRoot 'HelpGenerator.psm1') -Force
$module = Import-Module (Join-Path $ModuleDir 'CloudCompose.Image.psd1') -PassThru -Force
$culture = Join-Path $ModuleDir 'en-US'
$count = Export-MamlHelp -Module $module -DocsDir $DocsDir -OutFile (Join-Path $culture 'CloudCompose.Image.PowerShell.dll-Help.xml')
$about = @(Get-ChildItem $DocsDir -Filter 'about_*.help.txt')
$about | Copy-Item -Destination $culture
Write-Host "Help: $count cmdlet page(s), $($about.Count) about topic(s) -> $culture"
