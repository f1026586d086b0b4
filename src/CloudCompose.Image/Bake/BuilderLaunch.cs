using System.Collections.Generic;
using System.Linq;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Configuration;

namespace CloudCompose.Image.Bake
{
    /// <summary>The RunInstances request for a builder: everything set at launch, nothing patched on afterwards.</summary>
    internal static class BuilderLaunch
    {
        public static RunInstancesRequest Request(ImageConfig config, Amazon.EC2.Model.Image source, string encodedUserData, IReadOnlyList<Tag> tags, string clientToken)
        {
            var aws = config.Aws;
            var request = new RunInstancesRequest
            {
                ImageId = source.ImageId,
                MinCount = 1,
                MaxCount = 1,
                InstanceType = InstanceType.FindValue(aws.InstanceType),
                ClientToken = clientToken,
                UserData = encodedUserData,
                KeyName = aws.KeyPair,
                Monitoring = aws.DetailedMonitoring,
                EbsOptimized = aws.EbsOptimized,
                InstanceInitiatedShutdownBehavior = ShutdownBehavior.Stop,
                MetadataOptions = new InstanceMetadataOptionsRequest { HttpTokens = HttpTokensState.Required, HttpEndpoint = InstanceMetadataEndpointState.Enabled },
                TagSpecifications = BuildTags.Specifications(tags, "instance", "volume"),
            };

            if (aws.AssociatePublicIp.HasValue)
            {
                // A public-IP choice can only be made on a network interface, which then carries subnet and groups.
                request.NetworkInterfaces = new List<InstanceNetworkInterfaceSpecification>
                {
                    new InstanceNetworkInterfaceSpecification
                    {
                        DeviceIndex = 0,
                        SubnetId = aws.Subnet,
                        AssociatePublicIpAddress = aws.AssociatePublicIp.Value,
                        Groups = aws.SecurityGroups.Count > 0 ? aws.SecurityGroups.ToList() : null,
                        DeleteOnTermination = true,
                    },
                };
            }
            else
            {
                request.SubnetId = aws.Subnet;
                request.SecurityGroupIds = aws.SecurityGroups.Count > 0 ? aws.SecurityGroups.ToList() : null;
            }

            if (!string.IsNullOrEmpty(aws.IamInstanceProfile))
            {
                request.IamInstanceProfile = aws.IamInstanceProfile!.StartsWith("arn:", System.StringComparison.Ordinal)
                    ? new IamInstanceProfileSpecification { Arn = aws.IamInstanceProfile }
                    : new IamInstanceProfileSpecification { Name = aws.IamInstanceProfile };
            }

            if (aws.VolumeSize.HasValue || aws.VolumeType != null || aws.Encrypted.HasValue || aws.KmsKeyId != null)
            {
                request.BlockDeviceMappings = new List<BlockDeviceMapping>
                {
                    new BlockDeviceMapping
                    {
                        DeviceName = source.RootDeviceName ?? "/dev/xvda",
                        Ebs = new EbsBlockDevice
                        {
                            VolumeSize = aws.VolumeSize,
                            VolumeType = aws.VolumeType != null ? VolumeType.FindValue(aws.VolumeType) : null,
                            Encrypted = aws.Encrypted ?? (aws.KmsKeyId != null ? true : (bool?)null),
                            KmsKeyId = aws.KmsKeyId,
                            DeleteOnTermination = true,
                        },
                    },
                };
            }

            return request;
        }
    }
}
