<#
.SYNOPSIS
    Builds, tests, packages and demonstrates CloudCompose.Image.
.DESCRIPTION
    Tasks run in the order given. Build publishes the module into out/CloudCompose.Image/<version>/
    and the EC2 emulator into out/emulator/. Test runs xunit and Pester against the built module
    and ends with one line "N passed, N failed, N skipped". The script exits non-zero when anything fails.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Demo
#>
[CmdletBinding()]
param(
    [ValidateSet('Clean', 'Build', 'Test', 'Demo', 'Package', 'Benchmark')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Run only the Pester files whose names match (e.g. 'Get-CloudComposeUserData').
    [string] $PesterFilter = '*'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
Import-Module (Join-Path $PSScriptRoot 'build/BuildTasks.psm1') -Force

$context = New-BuildContext -Root $PSScriptRoot -Configuration $Configuration
$failed = $false
try {
    foreach ($name in $Task) {
        Write-Host "==> $name" -ForegroundColor Cyan
        switch ($name) {
            'Clean' { Invoke-CleanTask -Context $context }
            'Build' { Invoke-BuildTask -Context $context }
            'Test' { if (-not (Invoke-TestTask -Context $context -PesterFilter $PesterFilter)) { $failed = $true } }
            'Demo' { Invoke-DemoTask -Context $context }
            'Package' { Invoke-PackageTask -Context $context }
            'Benchmark' { Invoke-BenchmarkTask -Context $context }
        }
    }
}
catch {
    Write-Host "build.ps1: $($_.Exception.Message)" -ForegroundColor Red
    exit 1
}

exit ([int]$failed)
