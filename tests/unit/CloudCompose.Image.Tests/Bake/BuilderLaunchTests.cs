using Amazon.EC2;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Configuration;

namespace CloudCompose.Image.Tests.Bake
{
    public class BuilderLaunchTests
    {
        private static readonly Amazon.EC2.Model.Image Source = new() { ImageId = "ami-6d1c2007", RootDeviceName = "/dev/sda1" };

        private static Amazon.EC2.Model.RunInstancesRequest Request(string extra = "")
        {
            var config = ConfigReader.Parse(
                "image:\n  name: docker\n  version: '1.10'\n  aws:\n    ami: ami-6d1c2007\n    subnet: subnet-9f0074c6\n" + extra,
                "/c/cloud-compose.yml", _ => null);
            return BuilderLaunch.Request(config, Source, "ZWNobw==", BuildTags.For(config, "b1", DateTime.UtcNow), "cc-b1");
        }

        [Fact]
        public void LaunchesOneSafeBuilderWithTagsAtCreation()
        {
            var request = Request("    keypair: drydock\n    security_groups: sg-11111111,sg-22222222\n");
            Assert.Equal(1, request.MinCount);
            Assert.Equal(1, request.MaxCount);
            Assert.Equal("cc-b1", request.ClientToken);
            Assert.Equal("t2.micro", request.InstanceType.Value);
            Assert.Equal("subnet-9f0074c6", request.SubnetId);
            Assert.Equal(new[] { "sg-11111111", "sg-22222222" }, request.SecurityGroupIds);
            Assert.Equal("drydock", request.KeyName);
            Assert.Equal(ShutdownBehavior.Stop, request.InstanceInitiatedShutdownBehavior);
            Assert.Equal(HttpTokensState.Required, request.MetadataOptions.HttpTokens);
            Assert.Equal(new[] { "instance", "volume" }, request.TagSpecifications.Select(t => t.ResourceType.Value));
            Assert.False(request.Monitoring);
            Assert.False(request.EbsOptimized);
            Assert.Null(request.BlockDeviceMappings);
        }

        [Fact]
        public void PublicIpChoiceMovesSubnetAndGroupsOntoTheInterface()
        {
            var request = Request("    security_groups: sg-11111111\n    associate_public_ip: true\n");
            Assert.Null(request.SubnetId);
            Assert.Null(request.SecurityGroupIds);
            var nic = Assert.Single(request.NetworkInterfaces);
            Assert.Equal("subnet-9f0074c6", nic.SubnetId);
            Assert.True(nic.AssociatePublicIpAddress);
            Assert.Equal(new[] { "sg-11111111" }, nic.Groups);
        }

        [Fact]
        public void VolumeSettingsTargetTheSourceRootDevice()
        {
            var request = Request("    volume_size: 30\n    volume_type: gp3\n    kms_key_id: alias/images\n    iam_instance_profile: builder\n");
            var root = Assert.Single(request.BlockDeviceMappings);
            Assert.Equal("/dev/sda1", root.DeviceName);
            Assert.Equal(30, root.Ebs.VolumeSize);
            Assert.Equal("gp3", root.Ebs.VolumeType.Value);
            Assert.True(root.Ebs.Encrypted);
            Assert.Equal("alias/images", root.Ebs.KmsKeyId);
            Assert.Equal("builder", request.IamInstanceProfile.Name);
        }
    }
}
