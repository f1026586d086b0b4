<#
.SYNOPSIS
    The main job, end to end, with no AWS account: bakes examples/docker into an image on the bundled EC2 emulator.
.DESCRIPTION
    Starts the emulator on 127.0.0.1, seeds a source AMI, renders the user data, bakes the image with
    New-CloudComposeImage, publishes it to the SSM parameter /images/docker/latest (image.publish), reads the
    parameter back, lists images, and stops the emulator. Run it through build.ps1:
        dotnet pwsh ./build.ps1 -Task Demo
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $EmulatorDir
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path (Resolve-Path $ModuleDir) 'CloudCompose.Image.psd1')
Import-Module (Join-Path $PSScriptRoot '../tools/CloudComposeEmulator.psm1')

function Write-Step([string] $Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }

# Emulated time runs 30x faster than real time, so a one-minute image.sh takes two seconds.
$emulator = Start-CloudComposeEmulator -EmulatorDir $EmulatorDir -TimeScale 30
try {
    Write-Step "EC2 emulator listening on $($emulator.Url) (no AWS account involved)"
    Invoke-Emulator $emulator POST seed @{ images = @(
            @{ id = 'ami-6d1c2007'; name = 'amzn2-ami-hvm-2.0-x86_64-gp2'; ownerId = '137112412989'; public = $true }
            @{ name = 'docker_1.10_2026-01-01-00-00-00'; ageDays = 90; tags = @{ ImageName = 'docker'; ImageVersion = '1.10'; Name = 'docker:1.10' } }
        ) } | Out-Null
    $env:AMI_ID = 'ami-6d1c2007'
    $env:SUBNET_ID = 'subnet-9f0074c6'
    $example = Join-Path $PSScriptRoot 'docker'

    Write-Step 'Get-CloudComposeUserData: the script the builder will run (first lines)'
    $userData = Get-CloudComposeUserData -Path $example
    $userData.Script -split "`n" | Select-Object -First 8 | ForEach-Object { Write-Host "  $_" }
    Write-Host "  … $($userData.Files.Count) template files, $($userData.Length) bytes"

    Write-Step 'New-CloudComposeImage -WhatIf'
    New-CloudComposeImage -Path $example -EndpointUrl $emulator.Url -WhatIf

    Write-Step 'New-CloudComposeImage: launch, run image.sh, prove it succeeded, create the image, terminate the builder, publish'
    $image = New-CloudComposeImage -Path $example -EndpointUrl $emulator.Url -Verbose 4>&1 | ForEach-Object {
        if ($_ -is [System.Management.Automation.VerboseRecord]) { Write-Host "  VERBOSE: $($_.Message)" -ForegroundColor DarkGray } else { $_ }
    }
    $image | Format-List ImageId, ImageName, Name, Version, State, Region, SnapshotIds, BuilderInstanceId, Duration | Out-Host

    Write-Step 'Published: the SSM parameter fleets launch from (resolve:ssm:/images/docker/latest)'
    $image.Published | Out-Host
    $parameter = Invoke-Emulator $emulator GET ssm-parameters | Where-Object name -eq '/images/docker/latest'
    Write-Host "  /images/docker/latest = $($parameter.value) (version $($parameter.version), validated by Parameter Store)"
    if ($parameter.value -ne $image.ImageId) { throw "The SSM parameter resolves to $($parameter.value), not $($image.ImageId)." }

    if (Get-Command Get-CloudComposeImage -ErrorAction SilentlyContinue) {
        Write-Step 'Get-CloudComposeImage -Name docker'
        Get-CloudComposeImage -Name docker -EndpointUrl $emulator.Url | Out-Host
    }

    Write-Step 'The builder is gone:'
    Invoke-Emulator $emulator GET instances | Select-Object id, state, imageId | Format-Table | Out-Host
    if ($image.State -ne 'available') { throw "The demo image ended $($image.State)." }
    Write-Host "Demo finished: $($image.ImageId) ($($image.ImageName)) is available and published to /images/docker/latest." -ForegroundColor Green
}
finally {
    Stop-CloudComposeEmulator $emulator
}
