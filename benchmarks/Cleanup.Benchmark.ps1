<#
.SYNOPSIS
    Cost of Get-CloudComposeImage (with usage) and Remove-UnusedCloudComposeImage -WhatIf at scale, against the emulator,
    next to the original design (one DescribeInstances per image). Prints figures; not a timed test.
.DESCRIPTION
    Seeds 10,000 images (2,000 tagged for 40 names), 5,000 instances in every state and 10 launch templates x 50 versions.
    Targets: <= 30 calls each for listing and usage, plus at most one DescribeImageReferences per 10 removal candidates;
    < 3 s; < 300 MB.
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
foreach ($a in @($dll, '--parent-pid', $PID, '--idle-timeout', 600, '--time-scale', 0)) { $start.ArgumentList.Add([string]$a) }
$start.RedirectStandardOutput = $true
$start.UseShellExecute = $false
$emulator = [Diagnostics.Process]::Start($start)
$url = ($emulator.StandardOutput.ReadLine() -split ' ')[-1]

function Invoke-Admin([string] $Method, [string] $Route, $Body) {
    $uri = "$($url)_emulator/$Route"
    if ($null -ne $Body) { Invoke-RestMethod -Method $Method -Uri $uri -ContentType 'application/json' -Body ($Body | ConvertTo-Json -Depth 10 -Compress) }
    else { Invoke-RestMethod -Method $Method -Uri $uri }
}

try {
    $env:AWS_ACCESS_KEY_ID = 'AKIDBENCHMARK'; $env:AWS_SECRET_ACCESS_KEY = 'not-a-secret'; $env:AWS_REGION = 'us-east-1'
    $random = [Random]::new($Seed)

    # 8,000 untagged images, then 40 names x 50 tagged images aged 0-120 days.
    $images = @(@{ name = 'other-{i}'; count = 8000; ageDays = 30 })
    foreach ($n in 1..40) {
        foreach ($i in 1..50) {
            $images += @{ name = "app$($n)_1.0_$i"; ageDays = [math]::Round($random.NextDouble() * 120, 2); tags = @{ ImageName = "app$n"; ImageVersion = '1.0' } }
        }
    }
    $ids = @((Invoke-Admin POST seed @{ images = $images }).imageIds)
    $states = 'pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'
    $instances = foreach ($i in 1..1000) { @{ imageId = $ids[$random.Next($ids.Count)]; state = $states[$random.Next($states.Count)]; count = 5 } }
    $templates = foreach ($t in 1..10) { @{ name = "lt-$t"; versions = @(foreach ($v in 1..50) { @{ imageId = $ids[$random.Next($ids.Count)] } }) } }
    Invoke-Admin POST seed @{ instances = @($instances); launchTemplates = @($templates) } | Out-Null
    Write-Host ("Seeded {0} images ({1} tagged, 40 names), {2} instances, {3} launch templates x 50 versions." -f $ids.Count, 2000, 5000, 10)

    Import-Module (Join-Path $ModuleDir 'CloudCompose.Image.psd1')
    function Measure-Step([string] $Label, [scriptblock] $Step) {
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
            Step          = $Label
            Calls         = ($calls.Values | Measure-Object -Sum).Sum
            ByAction      = ($calls.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ' '
            Seconds       = [math]::Round($watch.Elapsed.TotalSeconds, 2)
            PeakWorkingMB = [math]::Round($process.PeakWorkingSet64 / 1MB)
            HeapGrowthMB  = [math]::Round(([GC]::GetTotalMemory($false) - $before) / 1MB, 1)
            Result        = $result
        }
    }

    $warm = Get-CloudComposeImage -Name app1 -EndpointUrl $url  # JIT and SDK start-up, not measured
    $get = Measure-Step 'Get-CloudComposeImage (with usage)' { @(Get-CloudComposeImage -EndpointUrl $url).Count }
    function Invoke-WhatIf([string] $Extra) {
        # In a runspace without a host, so 1,000+ "What if:" lines do not flood the console; verbose tells the count.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$(Join-Path $ModuleDir 'CloudCompose.Image.psd1')'; Remove-UnusedCloudComposeImage -WhatIf -Verbose -EndpointUrl '$url' $Extra")
            $null = $ps.Invoke()
            if ($ps.HadErrors) { throw ($ps.Streams.Error | Out-String) }
            ($ps.Streams.Verbose | Where-Object Message -match '^(\d+) of (\d+) image\(s\) may be retired' | Select-Object -First 1).Message
        }
        finally { $ps.Dispose() }
    }
    $null = Invoke-WhatIf '-Name app1'  # warm the runspace path
    $whatIf = Measure-Step 'Remove-UnusedCloudComposeImage -WhatIf' { Invoke-WhatIf '' }
    $whatIfShared = Measure-Step 'Remove-UnusedCloudComposeImage -WhatIf -IncludeShared' { Invoke-WhatIf '-IncludeShared' }

    # The original design: list the tagged images, then one DescribeInstances per image (running/pending users only).
    # It calls the SDK directly: the module keeps its copy in a private load context, so load one here.
    foreach ($dll in 'AWSSDK.Core.dll', 'AWSSDK.EC2.dll') { Add-Type -Path (Join-Path $ModuleDir "dependencies/$dll") }
    $baseline = Measure-Step 'original design (one DescribeInstances per image)' {
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

    Write-Host ''
    foreach ($row in $get, $whatIf, $whatIfShared, $baseline) {
        Write-Host ("{0}: {1} EC2 calls, {2} s, peak working set {3} MB (managed heap +{4} MB)" -f $row.Step, $row.Calls, $row.Seconds, $row.PeakWorkingMB, $row.HeapGrowthMB)
        Write-Host "    calls: $($row.ByAction)"
        Write-Host "    result: $($row.Result)"
    }
    Write-Host ''
    Write-Host 'Targets: <= 30 calls for listing and usage, plus at most 1 DescribeImageReferences per 10 candidates; < 3 s; < 300 MB.'
    Write-Host 'DescribeImageAttribute (launch permissions) is asked once per final candidate: EC2 has no batched form; -IncludeShared skips it.'
    Write-Host "Machine: $([Environment]::ProcessorCount) cores, load average $((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 1) (the emulator runs on the same cores)." 
}
finally {
    if (-not $emulator.HasExited) { $emulator.Kill() }
}
