using Amazon.EC2.Model;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Xunit;

namespace CloudCompose.Image.Emulator.Tests;

public sealed class ImageReferenceTests : EmulatorTest
{
    [Fact]
    public async Task References_from_instances_templates_and_ssm_parameters()
    {
        var seed = State.Seed(new Admin.SeedSpec
        {
            Images = [new Admin.SeedImage { Name = "a" }, new Admin.SeedImage { Name = "b" }, new Admin.SeedImage { Name = "unused" }],
            Instances = [new Admin.SeedInstance { ImageName = "a", State = "stopped" }, new Admin.SeedInstance { ImageName = "a", State = "terminated" }],
            LaunchTemplates = [new Admin.SeedLaunchTemplate { Name = "lt", Versions = [new() { ImageName = "a" }, new() { ImageName = "b" }] }],
            SsmParameters = [new Admin.SeedSsmParameter { Name = "/golden/latest", ImageName = "b" }],
        });
        var (a, b, unused) = (seed.ImageIds[0], seed.ImageIds[1], seed.ImageIds[2]);
        var all = await Ec2.DescribeImageReferencesAsync(new DescribeImageReferencesRequest { ImageIds = [a, b, unused], IncludeAllResourceTypes = true });
        var refs = all.ImageReferences.Select(r => (r.ImageId, r.ResourceType.Value, r.Arn)).ToList();
        Assert.Contains((a, "ec2:Instance", $"arn:aws:ec2:us-east-1:123456789012:instance/{seed.InstanceIds[0]}"), refs);
        Assert.DoesNotContain(refs, r => r.Arn.EndsWith(seed.InstanceIds[1]));
        Assert.Contains((a, "ec2:LaunchTemplate", $"arn:aws:ec2:us-east-1:123456789012:launch-template/{seed.LaunchTemplateIds[0]}"), refs);
        Assert.Contains((b, "ec2:LaunchTemplate", $"arn:aws:ec2:us-east-1:123456789012:launch-template/{seed.LaunchTemplateIds[0]}"), refs);
        Assert.Contains((b, "ssm:Parameter", "arn:aws:ssm:us-east-1:123456789012:parameter/golden/latest"), refs);
        Assert.DoesNotContain(refs, r => r.ImageId == unused);

        var terminated = await Ec2.DescribeImageReferencesAsync(new DescribeImageReferencesRequest
        {
            ImageIds = [a],
            ResourceTypes = [new ResourceTypeRequest { ResourceType = "ec2:Instance", ResourceTypeOptions = [new ResourceTypeOption { OptionName = "state-name", OptionValues = ["terminated"] }] }],
        });
        Assert.EndsWith(seed.InstanceIds[1], Assert.Single(terminated.ImageReferences).Arn);

        var depth = await Ec2.DescribeImageReferencesAsync(new DescribeImageReferencesRequest
        {
            ImageIds = [a],
            ResourceTypes = [new ResourceTypeRequest { ResourceType = "ec2:LaunchTemplate", ResourceTypeOptions = [new ResourceTypeOption { OptionName = "version-depth", OptionValues = ["1"] }] }],
        });
        Assert.True(depth.ImageReferences is null or { Count: 0 });
    }

    [Fact]
    public async Task Parameter_rules()
    {
        var ids = State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "n-{i}", Count = 11 }] }).ImageIds;
        await Fails(() => Ec2.DescribeImageReferencesAsync(new DescribeImageReferencesRequest { ImageIds = ids, IncludeAllResourceTypes = true }), "InvalidParameterValue");
        await Fails(() => Ec2.DescribeImageReferencesAsync(new DescribeImageReferencesRequest { ImageIds = [ids[0]] }), "MissingParameter");
        await Fails(() => Ec2.DescribeImageReferencesAsync(new DescribeImageReferencesRequest { ImageIds = ["ami-0123456789abcdef0"], IncludeAllResourceTypes = true }), "InvalidAMIID.NotFound");
    }
}
