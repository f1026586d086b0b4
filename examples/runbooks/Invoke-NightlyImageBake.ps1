<#
.SYNOPSIS
    Nightly bake-and-retire runbook: bakes every cloud-compose.yml under the given folders, removes leftover builders,
    and retires unused older images.
.DESCRIPTION
    Made for schedulers: Azure Automation (PowerShell 7 runbook with the module imported), AWS Systems Manager
    Automation / Run Command, cron or a CI schedule. It never prompts. Credentials come from the environment or a role
    (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, an instance or container role, or web identity), never from
    parameters.

    After each config's build (successful or not) it retires that config's unused older images with
    Remove-UnusedCloudComposeImage -Keep $Keep; the builds run with -NoCleanup so that -Keep, not the bake's own
    default of 1, decides what stays. A retirement problem is a warning and never fails the job.

    It writes one result object per config (Config, Name, Version, Status, ImageId, ErrorId, Message, Retired: the
    image ids retired) so the scheduler can log or act on them, keeps going when one build fails, and at the end
    throws if any build failed: the job is marked Failed and `pwsh -File` exits 1. The permissions needed are in
    docs/iam-policy.json.
.EXAMPLE
    pwsh -NoProfile -NonInteractive -File ./Invoke-NightlyImageBake.ps1 -ConfigRoot /srv/images -Region eu-west-1
#>
[CmdletBinding()]
param(
    # Folders searched recursively for cloud-compose.yml.
    [Parameter(Mandatory)] [string[]] $ConfigRoot,
    [string] $Region,
    # For tests and private endpoints only.
    [string] $EndpointUrl,
    # How long one build may take.
    [string] $Timeout = '60m',
    [ValidateRange(1, 16)] [int] $ThrottleLimit = 4,
    # Images kept per name and version when retiring (the newest ones; images younger than 7 days are kept too).
    [ValidateRange(1, 100)] [int] $Keep = 3
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'   # no progress records in job streams
$ConfirmPreference = 'None'                # never prompt
Import-Module CloudCompose.Image

$aws = @{}
if ($Region) { $aws.Region = $Region }
if ($EndpointUrl) { $aws.EndpointUrl = $EndpointUrl }

$configs = @($ConfigRoot | ForEach-Object { Get-ChildItem -LiteralPath $_ -Recurse -File -Include cloud-compose.yml, cloud-compose.yaml })
if (-not $configs) { throw "No cloud-compose.yml under $($ConfigRoot -join ', ')." }
Write-Verbose "Baking $($configs.Count) config(s)."

$failed = 0
foreach ($config in $configs) {
    $result = [ordered]@{ Config = $config.FullName; Name = $null; Version = $null; Status = 'Failed'; ImageId = $null; ErrorId = $null; Message = $null; Retired = @() }
    try {
        # A failed build is a terminating error here (-ErrorAction Stop), so it lands in catch with its error id.
        # -NoCleanup: the retirement below applies -Keep; the bake's own cleanup would keep only the newest image.
        $image = New-CloudComposeImage -LiteralPath $config.FullName -Timeout $Timeout -NoCleanup -ErrorAction Stop @aws
        $result.Name = $image.Name; $result.Version = $image.Version; $result.ImageId = $image.ImageId; $result.Status = 'Succeeded'
        $result.Message = "Baked $($image.ImageName) in $($image.Region)."
    }
    catch {
        $failed++
        $result.ErrorId = $_.FullyQualifiedErrorId -replace ',.*$', ''
        $result.Message = $_.Exception.Message
        Write-Warning "$($config.FullName): $($result.ErrorId): $($_.Exception.Message)"
        # A killed or kept builder costs money: remove it now rather than tomorrow. Only abandoned builders go: a bake of
        # the same name still running elsewhere keeps its builder (that would take -IncludeActive).
        try { Remove-CloudComposeImageBuilder -Path $config.FullName -Force @aws -ErrorAction Stop | Out-Null } catch { Write-Warning "Could not remove builders of $($config.FullName): $_" }
    }

    # Retire this config's unused older images: the newest -Keep, anything younger than 7 days and anything in use stay.
    # Each image that cannot be retired is a warning; the rest still go.
    try {
        $removals = @(Remove-UnusedCloudComposeImage -Path $config.FullName -Keep $Keep -Force @aws -ErrorAction SilentlyContinue -ErrorVariable retireErrors)
        $result.Retired = @($removals.ImageId)
        foreach ($e in $retireErrors) { Write-Warning "$($config.FullName): could not retire $($e.TargetObject): $($e.Exception.Message)" }
    }
    catch { Write-Warning "Could not retire older images of $($config.FullName): $($_.Exception.Message)" }
    [pscustomobject]$result
}

if ($failed) { throw "$failed of $($configs.Count) image build(s) failed." }
