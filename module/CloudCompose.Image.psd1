@{
    RootModule           = 'CloudCompose.Image.PowerShell.dll'
    # Stamped by build.ps1 from Directory.Build.props; do not edit here.
    ModuleVersion        = '0.0.0'
    GUID                 = '7d0b8f5e-3c1a-4f4e-9a57-2b8c6e1d4a90'
    Author               = 'CloudCompose.Image contributors'
    CompanyName          = 'CloudCompose'
    Copyright            = '(c) 2026 CloudCompose.Image contributors. MIT License.'
    Description          = 'Bakes Amazon Machine Images from cloud-compose.yml and a Jinja-templated image.sh, and retires unused ones safely. Replaces the Python cloud-compose image plugin. Its AWS SDK loads in a private context, so it works next to AWS.Tools or any other AWSSDK version.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    # The output types (ImageInfo, BuilderInfo, UserDataScript): loaded with the module so their names resolve.
    # The engine and the AWS SDK are not listed: they load on first use from dependencies/ (docs/packaging.md).
    RequiredAssemblies   = @('CloudCompose.Image.Model.dll')
    CmdletsToExport      = @(
        'Get-CloudComposeImage'
        'Get-CloudComposeUserData'
        'New-CloudComposeImage'
        'Remove-CloudComposeImageBuilder'
        'Remove-UnusedCloudComposeImage'
        'Restore-CloudComposeImage'
    )
    # Views and script properties for the output types.
    FormatsToProcess     = @('CloudCompose.Image.Format.ps1xml')
    TypesToProcess       = @('CloudCompose.Image.Types.ps1xml')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'EC2', 'AMI', 'Image', 'Bake', 'cloud-compose', 'Packer', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/cloud-compose/CloudCompose.Image'
            LicenseUri   = 'https://github.com/cloud-compose/CloudCompose.Image/blob/main/LICENSE'
            ReleaseNotes = @'
First release on the PowerShell Gallery.
- New-CloudComposeImage bakes an AMI from cloud-compose.yml and image.sh, proves the script succeeded, times out, cleans up on failure and Ctrl+C.
- Get-CloudComposeUserData renders the user data without touching AWS.
- Remove-CloudComposeImageBuilder terminates leftover builders.
- The AWS SDK, YamlDotNet and the template engine load in a private AssemblyLoadContext on PowerShell 7: no conflict with AWS.Tools.
'@
        }
    }
}
