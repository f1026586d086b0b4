<#
.SYNOPSIS
    CI step: check that the image script renders, bake it, and hand the image id to the next step.
.DESCRIPTION
    Run as `pwsh -NoProfile -NonInteractive -File examples/runbooks/Invoke-CiImageBuild.ps1`. Exits non-zero when
    rendering or the build fails (so the pipeline stops), writes the ImageInfo object, and appends image_id=<id> to
    $env:GITHUB_OUTPUT when it is set (GitHub Actions; other CI systems can read the object or the output line).
    Credentials come from the pipeline's environment or OIDC role.
#>
[CmdletBinding()]
param(
    [string] $Path = '.',
    [string] $Region,
    [string] $EndpointUrl
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module CloudCompose.Image

$aws = @{}
if ($Region) { $aws.Region = $Region }
if ($EndpointUrl) { $aws.EndpointUrl = $EndpointUrl }

$script = Get-CloudComposeUserData -Path $Path            # fails fast on template errors, before any AWS call
Write-Host "Rendered $($script.Name) $($script.Version): $($script.Length) bytes from $($script.Files.Count) file(s)."
$image = New-CloudComposeImage -Path $Path @aws
Write-Host "image_id=$($image.ImageId)"
if ($env:GITHUB_OUTPUT) { Add-Content -Path $env:GITHUB_OUTPUT -Value "image_id=$($image.ImageId)" }
$image
