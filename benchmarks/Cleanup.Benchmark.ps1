<#
.SYNOPSIS
    Cost of Get-CloudComposeImage (with usage) and Remove-UnusedCloudComposeImage -WhatIf at two scales, against the
    emulator, next to the original design (one DescribeInstances per image). Prints figures; not a timed test.
.DESCRIPTION
    Two accounts, seeded through the emulator's seed route in a few calls each:
      10k: 10,000 images (2,000 tagged, 40 names), 5,000 instances in every state, 10 launch templates x 50 versions.
      50k: 50,000 images (10,000 tagged, 200 names), 20,000 instances in every state, 100 launch templates x 100 versions.
    Targets at 50k: Get-CloudComposeImage with usage <= 60 EC2 calls, <= 5 s, <= 400 MB peak working set;
    Remove-UnusedCloudComposeImage -WhatIf within the same call budget plus one DescribeImageReferences per 10
    candidates and one DescribeImageAttribute (the sharing check) per candidate.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    [Parameter(Mandatory)] [string] $EmulatorDir,
    [int] $Seed = 20261126
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

$dll = Join-Path $EmulatorDir 'CloudCompose.Image.Emulator.dll'
$start = [Diagnostics.ProcessStartInfo]::new('dotnet')
foreach ($a in @($dll, '--parent-pid', $PID, '--idle-timeout', 1800, '--time-scale', 0)) { $start.ArgumentList.Add([string]$a) }
$start.RedirectStandardOutput = $true
$start.UseShellExecute = $false
$emulator = [Diagnostics.Process]::Start($start)
$url = ($emulator.StandardOutput.ReadLine() -split ' ')[-1]

function Invoke-Admin([string] $Method, [string] $Route, $Body) {
    $uri = "$($url)_emulator/$Route"
    if ($null -ne $Body) { Invoke-RestMethod -Method $Method -Uri $uri -ContentType 'application/json' -Body ($Body | ConvertTo-Json -Depth 10 -Compress) }
    else { Invoke-RestMethod -Method $Method -Uri $uri }
}

# One account: untagged images, then names x 50 tagged images aged 0-120 days (one seed entry per name), instances in
# every state on random images, launch templates whose versions name random images.
function Initialize-Account([hashtable] $Scale, [Random] $Random) {
    Invoke-Admin POST reset | Out-Null
    $images = @(@{ name = 'other-{i}'; count = $Scale.Images - $Scale.Names * 50; ageDays = 30 })
    foreach ($n in 1..$Scale.Names) {
        $images += @{ name = "app$($n)_1.0_{i}"; count = 50; ageDays = $Random.NextDouble(); ageDaysTo = 120; tags = @{ ImageName = "app$n"; ImageVersion = '1.0' } }
    }
    $ids = @((Invoke-Admin POST seed @{ images = $images }).imageIds)
    $states = 'pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'
    $instances = foreach ($i in 1..($Scale.Instances / 5)) { @{ imageId = $ids[$Random.Next($ids.Count)]; state = $states[$Random.Next($states.Count)]; count = 5 } }
    $templates = foreach ($t in 1..$Scale.Templates) { @{ name = "lt-$t"; versions = @(foreach ($v in 1..$Scale.Versions) { @{ imageId = $ids[$Random.Next($ids.Count)] } }) } }
    Invoke-Admin POST seed @{ instances = @($instances); launchTemplates = @($templates) } | Out-Null
    "Seeded {0:N0} images ({1:N0} tagged, {2} names), {3:N0} instances, {4} launch templates x {5} versions." -f $ids.Count, ($Scale.Names * 50), $Scale.Names, $Scale.Instances, $Scale.Templates, $Scale.Versions
}

try {
    $env:AWS_ACCESS_KEY_ID = 'AKIDBENCHMARK'; $env:AWS_SECRET_ACCESS_KEY = 'not-a-secret'; $env:AWS_REGION = 'us-east-1'
    $random = [Random]::new($Seed)
    Import-Module (Join-Path $ModuleDir 'CloudCompose.Image.psd1')
    # The original design calls the SDK directly: the module keeps its copy in a private load context, so load one here.
    foreach ($sdk in 'AWSSDK.Core.dll', 'AWSSDK.EC2.dll') { Add-Type -Path (Join-Path $ModuleDir "dependencies/$sdk") }

    function Measure-Step([string] $Account, [string] $Label, [scriptblock] $Step) {
        Invoke-Admin DELETE counters | Out-Null
        [GC]::Collect()
        $before = [GC]::GetTotalMemory($true)
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $result = & $Step
        $watch.Stop()
        $counters = Invoke-Admin GET counters
        $calls = [ordered]@{}
        foreach ($p in $counters.PSObject.Properties) { $calls[$p.Name] = $p.Value }
        $process = [Diagnostics.Process]::GetCurrentProcess()
        $process.Refresh()
        [pscustomobject]@{
            Account       = $Account
            Step          = $Label
            Calls         = [int]($calls.Values | Measure-Object -Sum).Sum
            ByAction      = $calls
            Seconds       = [math]::Round($watch.Elapsed.TotalSeconds, 2)
            PeakWorkingMB = [math]::Round($process.PeakWorkingSet64 / 1MB)
            HeapGrowthMB  = [math]::Round(([GC]::GetTotalMemory($false) - $before) / 1MB, 1)
            Result        = $result
        }
    }

    function Invoke-WhatIf {
        # In a runspace without a host, so thousands of "What if:" lines do not flood the console; verbose tells the count.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$(Join-Path $ModuleDir 'CloudCompose.Image.psd1')'; Remove-UnusedCloudComposeImage -WhatIf -Verbose -EndpointUrl '$url'")
            $null = $ps.Invoke()
            if ($ps.HadErrors) { throw ($ps.Streams.Error | Out-String) }
            $plan = ($ps.Streams.Verbose | Where-Object Message -match '^(\d+) of (\d+) image\(s\) may be retired' | Select-Object -First 1).Message
            $checked = ($ps.Streams.Verbose | Where-Object Message -match '^Reference check: (\d+) candidate' | Select-Object -First 1).Message
            "$plan $checked"
        }
        finally { $ps.Dispose() }
    }

    # The original design: list the tagged images, then one DescribeInstances per image (running/pending users only).
    function Invoke-OriginalDesign {
        $config = [Amazon.EC2.AmazonEC2Config]@{ ServiceURL = $url; AuthenticationRegion = 'us-east-1' }
        $ec2 = [Amazon.EC2.AmazonEC2Client]::new([Amazon.Runtime.BasicAWSCredentials]::new('AKIDBENCHMARK', 'x'), $config)
        try {
            $request = [Amazon.EC2.Model.DescribeImagesRequest]@{ Owners = [Collections.Generic.List[string]]@('self'); Filters = [Collections.Generic.List[Amazon.EC2.Model.Filter]]@([Amazon.EC2.Model.Filter]::new('tag-key', [Collections.Generic.List[string]]@('ImageName'))) }
            $tagged = $ec2.DescribeImagesAsync($request).GetAwaiter().GetResult().Images
            $unused = 0
            foreach ($image in $tagged) {
                $filters = [Collections.Generic.List[Amazon.EC2.Model.Filter]]@(
                    [Amazon.EC2.Model.Filter]::new('image-id', [Collections.Generic.List[string]]@($image.ImageId)),
                    [Amazon.EC2.Model.Filter]::new('instance-state-name', [Collections.Generic.List[string]]@('running', 'pending')))
                $reservations = $ec2.DescribeInstancesAsync([Amazon.EC2.Model.DescribeInstancesRequest]@{ Filters = $filters }).GetAwaiter().GetResult().Reservations
                if (-not $reservations) { $unused++ }
            }
            "$unused of $($tagged.Count) images without running/pending instances"
        }
        finally { $ec2.Dispose() }
    }

    $accounts = [ordered]@{
        '10k' = @{ Images = 10000; Names = 40; Instances = 5000; Templates = 10; Versions = 50 }
        '50k' = @{ Images = 50000; Names = 200; Instances = 20000; Templates = 100; Versions = 100 }
    }
    $rows = @()
    foreach ($name in $accounts.Keys) {
        Write-Host (Initialize-Account $accounts[$name] $random)
        # Each command twice: the first run pays for JIT and the SDK's start-up at this size, the second is steady state.
        foreach ($run in 'first', 'second') {
            $rows += Measure-Step $name "Get-CloudComposeImage (with usage), $run run" { "$(@(Get-CloudComposeImage -EndpointUrl $url).Count) images listed" }
            $rows += Measure-Step $name "Remove-UnusedCloudComposeImage -WhatIf, $run run" { Invoke-WhatIf }
        }
        $rows += Measure-Step $name 'original design (one DescribeInstances per image)' { Invoke-OriginalDesign }
    }

    Write-Host ''
    Write-Host ('{0,-5} {1,-56} {2,7} {3,8} {4,8} {5,9}' -f 'acct', 'step', 'calls', 'seconds', 'peak MB', 'heap +MB')
    foreach ($row in $rows) {
        Write-Host ('{0,-5} {1,-56} {2,7:N0} {3,8} {4,8} {5,9}' -f $row.Account, $row.Step, $row.Calls, $row.Seconds, $row.PeakWorkingMB, $row.HeapGrowthMB)
        Write-Host ("      calls: " + (($row.ByAction.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ' '))
        Write-Host "      result: $($row.Result)"
    }

    # The targets, checked on the 50k account: calls on every run, time and memory on both runs.
    Write-Host ''
    foreach ($run in 'first', 'second') {
        $get = $rows | Where-Object { $_.Account -eq '50k' -and $_.Step -eq "Get-CloudComposeImage (with usage), $run run" }
        $whatIf = $rows | Where-Object { $_.Account -eq '50k' -and $_.Step -eq "Remove-UnusedCloudComposeImage -WhatIf, $run run" }
        # Candidates: those the reference check was asked about (one call per 10), and those whose sharing was read.
        $referenced = if ($whatIf.Result -match 'Reference check: (\d+) candidate') { [int]$Matches[1] } else { 0 }
        $shared = [int]$whatIf.ByAction['DescribeImageAttribute']
        $allowed = 60 + [math]::Ceiling($referenced / 10) + $shared
        $extra = $whatIf.Calls - [int]$whatIf.ByAction['DescribeImageReferences'] - $shared
        Write-Host ('Get-CloudComposeImage at 50k, {0} run: {1} calls (target <= 60), {2} s (<= 5), {3} MB (<= 400): {4}' -f $run, $get.Calls, $get.Seconds, $get.PeakWorkingMB,
            $(if ($get.Calls -le 60 -and $get.Seconds -le 5 -and $get.PeakWorkingMB -le 400) { 'met' } else { 'NOT met' }))
        Write-Host ('Remove -WhatIf at 50k, {0} run: {1} calls (target <= 60 + {2} DescribeImageReferences for {3} candidates + {4} DescribeImageAttribute = {5}; {6} calls besides those two), {7} s, {8} MB: {9}' -f
            $run, $whatIf.Calls, [math]::Ceiling($referenced / 10), $referenced, $shared, $allowed, $extra, $whatIf.Seconds, $whatIf.PeakWorkingMB,
            $(if ($whatIf.Calls -le $allowed -and $extra -le 60 -and $whatIf.PeakWorkingMB -le 400) { 'met' } else { 'NOT met' }))
    }
    Write-Host 'DescribeImageAttribute (launch permissions) is asked once per final candidate: EC2 has no batched form; -IncludeShared skips it.'
    Write-Host "Machine: $([Environment]::ProcessorCount) cores, load average $((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 1) (the emulator runs on the same cores)."
}
finally {
    if (-not $emulator.HasExited) { $emulator.Kill() }
}
