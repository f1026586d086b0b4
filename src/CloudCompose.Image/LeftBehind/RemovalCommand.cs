namespace CloudCompose.Image.LeftBehind
{
    /// <summary>
    /// The command that removes a left resource. Builders have the module's own command; an image or snapshot has no
    /// module command that removes exactly it (Remove-UnusedCloudComposeImage keeps unfinished images by design), so
    /// theirs is the AWS CLI's.
    /// </summary>
    internal static class RemovalCommand
    {
        public static string For(LeftResource resource) => resource.Kind switch
        {
            LeftResource.ImageKind =>
                $"aws ec2 deregister-image --region {resource.Region} --image-id {resource.Id} --delete-associated-snapshots{CliEndpoint(resource)}",
            LeftResource.SnapshotKind =>
                $"aws ec2 delete-snapshot --region {resource.Region} --snapshot-id {resource.Id}{CliEndpoint(resource)}",
            _ => $"Remove-CloudComposeImageBuilder -Name {Quote(resource.Name)} -Region {resource.Region}{ModuleEndpoint(resource)}",
        };

        private static string ModuleEndpoint(LeftResource resource) => resource.Endpoint != null ? " -EndpointUrl " + Quote(resource.Endpoint) : string.Empty;

        private static string CliEndpoint(LeftResource resource) => resource.Endpoint != null ? " --endpoint-url " + resource.Endpoint : string.Empty;

        private static string Quote(string text) => "'" + text.Replace("'", "''") + "'";
    }
}
