# The README's "Try it with no AWS account" commands, run as a newcomer would paste them (with the test build's paths).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $readme = Get-Content -Raw (Join-Path $Root 'README.md')
    $section = [regex]::Match($readme, '(?s)## Try it with no AWS account\s*\n(.*?)\n## ').Groups[1].Value
    $script:Block = [regex]::Match($section, '(?s)```powershell\n(.*?)\n```').Groups[1].Value
    $script:FailureLine = [regex]::Match($section, '`(Invoke-Emulator \$emulator POST outcomes [^`]+)`').Groups[1].Value
    $emulatorDir = if ($env:CC_TEST_EMULATOR_DIR) { $env:CC_TEST_EMULATOR_DIR } else { Join-Path $Root 'out/emulator' }
    # Plain text: escape sequences in a failure message would not survive the test report.
    $script:Runnable = "`$PSStyle.OutputRendering = 'PlainText'`n" + $Block.Replace('./out/CloudCompose.Image/0.1.0/CloudCompose.Image.psd1', (Get-TestModuleManifest)).Replace('./out/emulator', $emulatorDir)
}

Describe 'README: Try it with no AWS account' {
    It 'has the commands' {
        $Block | Should -Match 'Start-CloudComposeEmulator'
        $Block | Should -Match 'New-CloudComposeImage'
        $FailureLine | Should -Match 'exitCode = 3'
    }

    It 'bakes the docker example and prints the result marker, as it says' {
        $run = Invoke-ChildPwsh -Script ($Runnable + "`n'##DONE'") -WorkingDirectory $Root -Environment @{ CI = $null }
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'CLOUDCOMPOSE-RESULT [0-9a-f]{16} exit=0'
        $run.Output | Should -Match 'What if: Performing the operation "launch a t2\.micro builder'
        $run.Output | Should -Match 'ami-[0-9a-f]{17}\s+docker\s+1\.10'
        $run.Output | Should -Match '##DONE'
    }

    It 'shows a failure the way it says, leaving nothing behind' {
        $bake = [regex]::Match($Runnable, '(?m)^\$image = New-CloudComposeImage.*$').Value
        $failing = $FailureLine + "`n" + @'
$failed = $null
try { New-CloudComposeImage -Path ./examples/docker -EndpointUrl $emulator.Url -ErrorAction Stop } catch { $failed = $_ }
"FAILED: $($failed.FullyQualifiedErrorId)"
"LIVE: " + @(Invoke-Emulator $emulator GET instances | Where-Object { $_.state -in 'pending', 'running', 'stopping', 'stopped' }).Count
'@
        $script = $Runnable.Replace($bake, $failing)
        $run = Invoke-ChildPwsh -Script $script -WorkingDirectory $Root -Environment @{ CI = $null }
        $run.Output | Should -Match 'FAILED: ImageScriptFailed,'
        $run.Output | Should -Match 'LIVE: 0'
    }
}
