# Runs scripts in fresh `pwsh -NoProfile` processes, so what they load (old AWS SDKs, installed module copies)
# never reaches the test session. Used by Packaging.Tests.ps1 and Isolation.Tests.ps1.
Set-StrictMode -Version 3

function Invoke-ChildPwsh {
    <#
    .SYNOPSIS
        Runs a script in a new pwsh; returns its exit code, its whole output and the object it reported.
    .DESCRIPTION
        The script reports its findings by calling `Write-Result <object>` (defined for it here): the object
        travels back as JSON, and the test asserts on it; Output keeps everything else for the failure message.
        -Environment sets (or, with $null, removes) variables for the child only.
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory = (Get-Location).Path,
        [int] $TimeoutSeconds = 180
    )
    $prelude = @'
$ErrorActionPreference = 'Stop'
function Write-Result($Value) { '##RESULT ' + ($Value | ConvertTo-Json -Depth 6 -Compress) }
'@
    $file = Join-Path ([IO.Path]::GetTempPath()) ("cc-child-" + [guid]::NewGuid().ToString('N') + '.ps1')
    Set-Content -Path $file -Value ($prelude + "`n" + $Script)

    $pwsh = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $start = [Diagnostics.ProcessStartInfo]::new($pwsh)
    if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') {
        # Running as a dotnet tool: the host is dotnet and pwsh.dll is the first argument.
        $start.ArgumentList.Add([Environment]::GetCommandLineArgs()[0])
    }
    foreach ($a in '-NoProfile', '-NonInteractive', '-File', $file) { $start.ArgumentList.Add($a) }
    $start.WorkingDirectory = $WorkingDirectory
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $start.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
    $start.Environment['POWERSHELL_UPDATECHECK'] = 'Off'
    foreach ($key in $Environment.Keys) {
        if ($null -eq $Environment[$key]) { [void]$start.Environment.Remove($key) }
        else { $start.Environment[$key] = [string]$Environment[$key] }
    }
    try {
        $process = [Diagnostics.Process]::Start($start)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "The child pwsh did not finish within $TimeoutSeconds s. Output so far: $($stdout.Result)"
        }
        $process.WaitForExit()
        $output = $stdout.Result + $stderr.Result
        $line = @($stdout.Result -split "`r?`n" | Where-Object { $_.StartsWith('##RESULT ') }) | Select-Object -Last 1
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            Output   = $output
            Result   = if ($line) { $line.Substring('##RESULT '.Length) | ConvertFrom-Json } else { $null }
        }
    }
    finally { Remove-Item $file -ErrorAction SilentlyContinue }
}

function Get-OldAwsSdkCorePath {
    # AWSSDK.Core 3.7.402 (assembly version 3.3.0.0), as AWS.Tools 4.x loads it; build/tools.proj downloads it.
    $packages = $env:NUGET_PACKAGES
    if (-not $packages) {
        $line = dotnet nuget locals global-packages --list
        $packages = ($line -replace '^global-packages:\s*', '').Trim()
    }
    $path = Join-Path $packages 'awssdk.core/3.7.402/lib/net8.0/AWSSDK.Core.dll'
    if (-not (Test-Path $path)) { throw "AWSSDK.Core 3.7.402 is not in $packages. Run: dotnet restore build/tools.proj" }
    $path
}

Export-ModuleMember -Function Invoke-ChildPwsh, Get-OldAwsSdkCorePath
