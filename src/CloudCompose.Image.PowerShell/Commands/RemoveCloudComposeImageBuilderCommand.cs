using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Amazon.EC2.Model;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// Terminates builder instances tagged with an image name (the original's <c>cloud-compose image down</c>):
    /// leftovers of builds whose process was killed, or kept with -KeepBuilderOnFailure.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CloudComposeImageBuilder", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(BuilderInfo))]
    public sealed class RemoveCloudComposeImageBuilderCommand : AwsCmdlet
    {
        private const string PathSet = "Path";
        private const string NameSet = "Name";

        [Parameter(ParameterSetName = PathSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "ConfigPath")]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>The image name (the ImageName tag) instead of a config file.</summary>
        [Parameter(ParameterSetName = NameSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Terminate without asking for confirmation (for runbooks).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                foreach (var (name, region, target) in Targets())
                {
                    Remove(name, region, target);
                }
            }
            catch (CloudComposeException e)
            {
                ThrowFailure(e);
            }
        }

        private IEnumerable<(string Name, string? Region, string Target)> Targets()
        {
            if (ParameterSetName == NameSet)
            {
                return Name!.Select(n => (n, (string?)null, n));
            }

            return ResolveConfigFiles(Path, literal: false)
                .Select(file => ConfigReader.Read(file))
                .Select(config => (config.Name, config.Aws.Region, config.FilePath))
                .ToList();
        }

        private void Remove(string name, string? region, string target)
        {
            var connection = Connect(region);
            using var ec2 = (Amazon.EC2.AmazonEC2Client)connection.CreateEc2Client();
            List<Instance> builders;
            try
            {
                builders = Builders.FindByNameAsync(ec2, name, CancellationToken).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw AwsErrors.From(e, "DescribeInstances", target);
            }

            WriteVerbose($"DescribeInstances: {builders.Count} builder(s) tagged ImageName={name} in {connection.Region}.");
            foreach (var instance in builders)
            {
                var info = new BuilderInfo
                {
                    InstanceId = instance.InstanceId,
                    Name = name,
                    Version = BuildTags.Value(instance.Tags, BuildTags.ImageVersion) ?? string.Empty,
                    State = instance.State?.Name?.Value ?? string.Empty,
                    LaunchTime = instance.LaunchTime,
                    BuildId = BuildTags.Value(instance.Tags, BuildTags.BuildId),
                    Region = connection.Region,
                };
                var description = $"{info.InstanceId} ({name}:{info.Version}, {info.State}, launched {info.LaunchTime:u})";
                if (!Confirmed(description, "Terminate builder instance", Force))
                {
                    continue;
                }

                try
                {
                    Builders.TerminateAsync(ec2, new[] { info.InstanceId }, CancellationToken).GetAwaiter().GetResult();
                    info.Terminated = true;
                    WriteObject(info);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    WriteFailure(AwsErrors.From(e, "TerminateInstances", info.InstanceId));
                }
            }
        }
    }
}
