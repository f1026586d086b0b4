# Runs every *.Tests.ps1 here against the built module and writes the totals for build.ps1.
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $EmulatorDir,
    [Parameter(Mandatory)] [string] $ResultFile,
    [Parameter(Mandatory)] [string] $ResultsDir,
    [string] $Filter = $(if ($env:CC_PESTER_FILTER) { $env:CC_PESTER_FILTER } else { '*' })
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force

$env:CC_TEST_MODULE_DIR = $ModuleDir
$env:CC_TEST_EMULATOR_DIR = $EmulatorDir
# Emulator counters collected by TestSupport (Save-EmulatorActions) for IamPolicy.Tests; one file per run.
$env:CC_TEST_RESULTS_DIR = $ResultsDir
# The record of resources left behind goes to a folder of this run, never the user's own (LocalApplicationData).
$env:CLOUDCOMPOSE_IMAGE_STATE_DIR = Join-Path $ResultsDir ('state-' + [guid]::NewGuid().ToString('N'))
Remove-Item (Join-Path $ResultsDir 'emulator-actions.txt') -ErrorAction SilentlyContinue

$config = New-PesterConfiguration
# IamPolicy.Tests runs last: it checks the EC2 actions every other file called on the emulator.
$config.Run.Path = @(Get-ChildItem $PSScriptRoot -Filter "$Filter.Tests.ps1" | Sort-Object { $_.Name -eq 'IamPolicy.Tests.ps1' }, Name | ForEach-Object FullName)
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = Join-Path $ResultsDir 'pester.xml'
$result = Invoke-Pester -Configuration $config

[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount
} | ConvertTo-Json | Set-Content -Path $ResultFile
