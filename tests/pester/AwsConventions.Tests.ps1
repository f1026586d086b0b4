# AWS.Tools users' expectations: the same parameter names and aliases, the shell defaults Set-AWSCredential and
# Set-DefaultAWSRegion leave ($StoredAWSCredentials, $StoredAWSRegion) honoured in AWS.Tools' order, and -Credential
# taking what AWS.Tools and STS cmdlets return. AWS.Tools cannot be installed here: the stand-ins below set the same
# plain PowerShell variables, holding an object shaped like AWS.Tools' AWSPSCredentials (credentials in a non-public
# Credentials property). The emulator's request log (access key id, session token present) is the witness.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $script:AwsCmdletCases = @('Get-CloudComposeImage', 'Get-CloudComposeImageBuilder', 'New-CloudComposeImage', 'Remove-CloudComposeImageBuilder', 'Remove-UnusedCloudComposeImage') | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Get-TestModuleManifest) -Force
    $script:Emulator = Start-TestEmulator -TimeScale 60
    $script:Endpoint = $Emulator.Url
    $script:SourceAmi = 'ami-6d1c2007'

    if (-not ('Amazon.PowerShell.Common.AWSPSCredentials' -as [type])) {
        Add-Type -TypeDefinition @'
namespace CloudComposeTests
{
    // The shape of an AWS SDK credentials object (any version): GetCredentials() returning AccessKey/SecretKey/Token.
    public sealed class StandInImmutableCredentials
    {
        public StandInImmutableCredentials(string a, string s, string t) { AccessKey = a; SecretKey = s; Token = t; }
        public string AccessKey { get; private set; }
        public string SecretKey { get; private set; }
        public string Token { get; private set; }
    }

    public sealed class StandInAWSCredentials
    {
        private readonly StandInImmutableCredentials keys;
        public StandInAWSCredentials(string a, string s, string t) { keys = new StandInImmutableCredentials(a, s, t); }
        public int Calls { get; private set; }
        public StandInImmutableCredentials GetCredentials() { Calls++; return keys; }
    }
}

namespace Amazon.PowerShell.Common
{
    // What Set-AWSCredential leaves in $StoredAWSCredentials: the credentials sit in a non-public property.
    public sealed class AWSPSCredentials
    {
        public AWSPSCredentials(object credentials, string name) { Credentials = credentials; Name = name; }
        internal object Credentials { get; private set; }
        internal string Name { get; private set; }
        public override string ToString() { return Name; }
    }
}
'@
    }

    # Stand-ins for the AWS.Tools cmdlets: they set the same shell variables in the global scope, as AWS.Tools does.
    function Set-AWSCredential([string] $AccessKey, [string] $SecretKey, [string] $SessionToken) {
        $global:StoredAWSCredentials = [Amazon.PowerShell.Common.AWSPSCredentials]::new([CloudComposeTests.StandInAWSCredentials]::new($AccessKey, $SecretKey, $SessionToken), 'Supplied Key Parameters')
    }
    function Set-DefaultAWSRegion([string] $Region) { $global:StoredAWSRegion = $Region }
    function Clear-AWSStandIns { Remove-Variable -Scope Global -Name StoredAWSCredentials, StoredAWSRegion -ErrorAction Ignore }

    function Get-Caller {
        # Who signed the last DescribeImages, as the emulator saw it.
        $request = @(Invoke-Emulator $Emulator GET 'requests?action=DescribeImages')[-1]
        [pscustomobject]@{ AccessKeyId = $request.accessKeyId; SessionToken = $request.sessionToken; Region = $request.region }
    }

    function Invoke-Listing { param([hashtable] $Parameters = @{}) Get-CloudComposeImage -EndpointUrl $Endpoint -SkipUsage @Parameters | Out-Null; Get-Caller }

    $script:ProfileFolder = New-TestFolder
    $script:ProfileFile = Write-TestFile $ProfileFolder 'credentials' "[default]`naws_access_key_id = AKIDDEFAULTINFILE`naws_secret_access_key = default-file-secret`nregion = eu-central-1`n[builder]`naws_access_key_id = AKIDPROFILE`naws_secret_access_key = profile-secret`nregion = eu-west-1`n"
}

AfterAll {
    Clear-AWSStandIns
    Stop-TestEmulator $Emulator
}

Describe '<Name> has the AWS.Tools parameters' -ForEach $AwsCmdletCases {
    It 'with their aliases' {
        $command = Get-Command $Name
        $expected = @{
            AccessKey = @('AK'); SecretKey = @('SecretAccessKey', 'SK'); SessionToken = @('ST'); ProfileName = @('StoredCredentials', 'AWSProfileName')
            ProfileLocation = @('AWSProfilesLocation', 'ProfilesLocation'); Region = @('RegionToCall'); Credential = @(); EndpointUrl = @()
        }
        foreach ($parameter in $expected.Keys) {
            $command.Parameters.Keys | Should -Contain $parameter
            foreach ($alias in $expected[$parameter]) { $command.Parameters[$parameter].Aliases | Should -Contain $alias }
        }
    }
}

Describe 'Credential order' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Clear-AWSStandIns
        Set-EmulatorCredential   # $env:AWS_ACCESS_KEY_ID = AKIDCLOUDCOMPOSETEST
    }

    It 'uses the environment (the SDK chain) when nothing else is given' {
        (Invoke-Listing).AccessKeyId | Should -Be 'AKIDCLOUDCOMPOSETEST'
    }

    It '$StoredAWSCredentials (Set-AWSCredential) beats the environment' {
        Set-AWSCredential -AccessKey AKIDSTORED -SecretKey stored-secret
        (Invoke-Listing).AccessKeyId | Should -Be 'AKIDSTORED'
        $StoredAWSCredentials.GetType().GetProperty('Credentials', [Reflection.BindingFlags]'Instance,NonPublic').GetValue($StoredAWSCredentials).Calls | Should -BeGreaterThan 0 -Because 'the keys are asked for when requests are signed'
    }

    It '-ProfileName and -ProfileLocation beat $StoredAWSCredentials; -ProfileLocation alone takes that file''s default profile' {
        Set-AWSCredential -AccessKey AKIDSTORED -SecretKey stored-secret
        (Invoke-Listing @{ ProfileName = 'builder'; ProfileLocation = $ProfileFile }).AccessKeyId | Should -Be 'AKIDPROFILE'
        (Invoke-Listing @{ StoredCredentials = 'builder'; ProfilesLocation = $ProfileFile }).AccessKeyId | Should -Be 'AKIDPROFILE'
        (Invoke-Listing @{ ProfileLocation = $ProfileFile }).AccessKeyId | Should -Be 'AKIDDEFAULTINFILE'
    }

    It '-Credential beats the profile and $StoredAWSCredentials' {
        Set-AWSCredential -AccessKey AKIDSTORED -SecretKey stored-secret
        $credential = [pscredential]::new('AKIDCREDENTIAL', (ConvertTo-SecureString 'credential-secret' -AsPlainText -Force))
        (Invoke-Listing @{ Credential = $credential; ProfileName = 'builder'; ProfileLocation = $ProfileFile }).AccessKeyId | Should -Be 'AKIDCREDENTIAL'
    }

    It 'literal -AccessKey/-SecretKey/-SessionToken beat everything' {
        Set-AWSCredential -AccessKey AKIDSTORED -SecretKey stored-secret
        $credential = [pscredential]::new('AKIDCREDENTIAL', (ConvertTo-SecureString 'credential-secret' -AsPlainText -Force))
        $caller = Invoke-Listing @{ AccessKey = 'ASIALITERAL'; SecretKey = 'literal-secret'; SessionToken = 'literal-token'; Credential = $credential; ProfileName = 'builder'; ProfileLocation = $ProfileFile }
        $caller.AccessKeyId | Should -Be 'ASIALITERAL'
        $caller.SessionToken | Should -BeTrue
        (Invoke-Listing @{ AK = 'AKIDALIAS'; SK = 'alias-secret' }).SessionToken | Should -BeFalse
        (Invoke-Listing @{ AK = 'AKIDALIAS'; SecretAccessKey = 'alias-secret'; ST = 'token' }).AccessKeyId | Should -Be 'AKIDALIAS'
    }

    It 'a -ProfileName that does not exist stops the command rather than falling back' {
        Set-AWSCredential -AccessKey AKIDSTORED -SecretKey stored-secret
        { Get-CloudComposeImage -EndpointUrl $Endpoint -ProfileName no-such-profile -ProfileLocation $ProfileFile } | Should -Throw -ErrorId 'AwsProfileNotFound,*'
    }
}

Describe '-Credential takes' {
    BeforeEach { Reset-TestEmulator $Emulator; Clear-AWSStandIns }

    It '<Case>' -ForEach @(
        @{ Case = 'a PSCredential'; Value = { [pscredential]::new('AKIDPSCRED', (ConvertTo-SecureString 'ps-secret' -AsPlainText -Force)) }; Key = 'AKIDPSCRED'; Token = $false }
        @{ Case = 'what Get-STSSessionToken returns (AccessKeyId, SecretAccessKey, SessionToken)'; Value = { [pscustomobject]@{ AccessKeyId = 'ASIASTS'; SecretAccessKey = 'sts-secret'; SessionToken = 'sts-token'; Expiration = [datetime]::UtcNow.AddHours(1) } }; Key = 'ASIASTS'; Token = $true }
        @{ Case = 'what Use-STSRole returns (keys in its Credentials property)'; Value = { [pscustomobject]@{ AssumedRoleUser = 'arn:aws:sts::123456789012:assumed-role/r/s'; Credentials = [pscustomobject]@{ AccessKeyId = 'ASIAROLE'; SecretAccessKey = 'role-secret'; SessionToken = 'role-token' } } }; Key = 'ASIAROLE'; Token = $true }
        @{ Case = 'a hashtable with the same keys'; Value = { @{ AccessKeyId = 'AKIDHASH'; SecretAccessKey = 'hash-secret' } }; Key = 'AKIDHASH'; Token = $false }
        @{ Case = 'an AWS SDK credentials object of another version (GetCredentials)'; Value = { [CloudComposeTests.StandInAWSCredentials]::new('ASIASDK', 'sdk-secret', 'sdk-token') }; Key = 'ASIASDK'; Token = $true }
        @{ Case = "AWS.Tools' AWSPSCredentials (credentials in a non-public property)"; Value = { [Amazon.PowerShell.Common.AWSPSCredentials]::new([CloudComposeTests.StandInAWSCredentials]::new('AKIDPSCREDS', 'x-secret', $null), 'p') }; Key = 'AKIDPSCREDS'; Token = $false }
    ) {
        $caller = Invoke-Listing @{ Credential = (& $Value) }
        $caller.AccessKeyId | Should -Be $Key
        $caller.SessionToken | Should -Be $Token
    }

    It 'and refuses anything without keys, naming the type, before any call' {
        $err = { Get-CloudComposeImage -EndpointUrl $Endpoint -Credential ([pscustomobject]@{ AccessKeyId = 'AKIDNOSECRET' }) } | Should -Throw -ErrorId 'CredentialInvalid,*' -PassThru
        $err.Exception.Message | Should -Match 'PSCustomObject'
        @(Invoke-Emulator $Emulator GET requests) | Should -BeNullOrEmpty
    }
}

Describe 'Region order' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Clear-AWSStandIns
        Set-EmulatorCredential   # $env:AWS_REGION = us-east-1
        $script:Config = Write-TestFile (New-TestFolder) 'cloud-compose.yml' "image:`n  name: where`n  version: '1.0'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n    region: ap-southeast-2`n"
    }

    It '$StoredAWSRegion (Set-DefaultAWSRegion) beats the profile''s region and the environment' {
        (Invoke-Listing).Region | Should -Be 'us-east-1'
        (Invoke-Listing @{ ProfileName = 'builder'; ProfileLocation = $ProfileFile }).Region | Should -Be 'eu-west-1'
        Set-DefaultAWSRegion us-west-2
        (Invoke-Listing @{ ProfileName = 'builder'; ProfileLocation = $ProfileFile }).Region | Should -Be 'us-west-2'
    }

    It 'the config''s aws.region beats $StoredAWSRegion, and -Region (alias RegionToCall) beats both' {
        Set-DefaultAWSRegion us-west-2
        Get-CloudComposeImage -Path $Config -EndpointUrl $Endpoint -SkipUsage -ErrorAction SilentlyContinue | Out-Null
        (Get-Caller).Region | Should -Be 'ap-southeast-2'
        Get-CloudComposeImage -Path $Config -EndpointUrl $Endpoint -SkipUsage -Region eu-central-1 -ErrorAction SilentlyContinue | Out-Null
        (Get-Caller).Region | Should -Be 'eu-central-1'
        (Invoke-Listing @{ RegionToCall = 'ca-central-1' }).Region | Should -Be 'ca-central-1'
    }
}

Describe 'Secrets' {
    It 'never appear in output, verbose text, errors or -WhatIf text' {
        Reset-TestEmulator $Emulator
        Clear-AWSStandIns
        Invoke-Emulator $Emulator POST seed @{ images = @(@{ id = $SourceAmi; name = 'amzn-base'; ownerId = '137112412989'; public = $true }) } | Out-Null
        $folder = New-TestFolder
        Write-TestFile $folder 'cloud-compose.yml' "image:`n  name: secret`n  version: '1.0'`n  aws:`n    ami: $SourceAmi`n    subnet: subnet-0123abcd`n" | Out-Null
        Write-TestFile $folder 'image.sh' "echo secret`n" | Out-Null
        $secret = 'wJalrXUtnFEMI-literal-never-print'
        $token = 'session-token-never-print'
        $whatIf = Invoke-Pwsh -Command "New-CloudComposeImage -Path '$folder' -EndpointUrl '$Endpoint' -AccessKey ASIASECRETTEST -SecretKey '$secret' -SessionToken '$token' -WhatIf -Verbose; Get-CloudComposeImage -Name nomatch -EndpointUrl '$Endpoint' -AccessKey ASIASECRETTEST -SecretKey '$secret' -SessionToken '$token' -Verbose"
        $whatIf.Output | Should -Match 'What if: Performing the operation'
        $whatIf.Output | Should -Match 'ImageNameNotFound|No image named'
        $whatIf.Output | Should -Not -Match $secret
        $whatIf.Output | Should -Not -Match $token
        (Invoke-Emulator $Emulator GET requests | ConvertTo-Json -Depth 5) | Should -Not -Match $secret
    }
}
