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
        // IncludeAllResourceTypes applies the documented defaults: state-name "Default: All states", terminated included.
        Assert.Contains((a, "ec2:Instance", $"arn:aws:ec2:us-east-1:123456789012:instance/{seed.InstanceIds[1]}"), refs);
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
    public async Task Launch_templates_are_checked_to_the_documented_default_depth_of_10_versions_unless_asked_deeper()
    {
        var ids = State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "old" }, new Admin.SeedImage { Name = "recent" }] }).ImageIds;
        var (old, recent) = (ids[0], ids[1]);
        // Version 1 names "old", version 2 (the 10th newest of 11) names "recent", versions 3-11 name no image.
        var versions = new List<Admin.SeedLaunchTemplateVersion> { new() { ImageId = old }, new() { ImageId = recent } };
        versions.AddRange(Enumerable.Range(0, 9).Select(_ => new Admin.SeedLaunchTemplateVersion()));
        State.Seed(new Admin.SeedSpec { LaunchTemplates = [new Admin.SeedLaunchTemplate { Name = "eleven", Versions = versions }] });

        var byDefault = await Ec2.DescribeImageReferencesAsync(new DescribeImageReferencesRequest { ImageIds = [old, recent], IncludeAllResourceTypes = true });
        var deep = await Ec2.DescribeImageReferencesAsync(new DescribeImageReferencesRequest
        {
            ImageIds = [old, recent],
            IncludeAllResourceTypes = true,
            ResourceTypes = [new ResourceTypeRequest { ResourceType = "ec2:LaunchTemplate", ResourceTypeOptions = [new ResourceTypeOption { OptionName = "version-depth", OptionValues = ["10000"] }] }],
        });

        Assert.Equal([recent], byDefault.ImageReferences.Select(r => r.ImageId));
        Assert.Equal(new[] { old, recent }.Order(), deep.ImageReferences.Select(r => r.ImageId).Order());
    }

    [Fact]
    public async Task Instance_states_can_be_narrowed_and_Image_Builder_recipes_are_references_too()
    {
        var ids = State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "a" }, new Admin.SeedImage { Name = "b" }] }).ImageIds;
        var seed = State.Seed(new Admin.SeedSpec
        {
            Instances = [new Admin.SeedInstance { ImageId = ids[0], State = "terminated" }, new Admin.SeedInstance { ImageId = ids[0], State = "shutting-down" }],
            ImageRecipes = [new Admin.SeedImageRecipe { Name = "web", Version = "2.1.0", ImageId = ids[1] }, new Admin.SeedImageRecipe { Name = "box", ImageId = ids[1], Container = true }],
        });

        var live = await Ec2.DescribeImageReferencesAsync(new DescribeImageReferencesRequest
        {
            ImageIds = [ids[0]],
            ResourceTypes = [new ResourceTypeRequest { ResourceType = "ec2:Instance", ResourceTypeOptions = [new ResourceTypeOption { OptionName = "state-name", OptionValues = ["pending", "running", "shutting-down", "stopping", "stopped"] }] }],
        });
        var recipes = await Ec2.DescribeImageReferencesAsync(new DescribeImageReferencesRequest
        {
            ImageIds = [ids[1]],
            ResourceTypes = [new ResourceTypeRequest { ResourceType = "imagebuilder:ImageRecipe" }, new ResourceTypeRequest { ResourceType = "imagebuilder:ContainerRecipe" }],
        });

        Assert.EndsWith(seed.InstanceIds[1], Assert.Single(live.ImageReferences).Arn);
        Assert.Equal(
            new[] { ("imagebuilder:ContainerRecipe", "arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/box/1.0.0"), ("imagebuilder:ImageRecipe", "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/2.1.0") },
            recipes.ImageReferences.Select(r => (r.ResourceType.Value, r.Arn)).Order());
    }

    [Fact]
    public async Task Options_and_page_sizes_are_checked_as_documented()
    {
        var id = SeedImage();
        ResourceTypeRequest Type(string type, string option, params string[] values) =>
            new() { ResourceType = type, ResourceTypeOptions = [new ResourceTypeOption { OptionName = option, OptionValues = [.. values] }] };
        Task<DescribeImageReferencesResponse> Ask(ResourceTypeRequest type, int? max = null) =>
            Ec2.DescribeImageReferencesAsync(new DescribeImageReferencesRequest { ImageIds = [id], ResourceTypes = [type], MaxResults = max });

        await Fails(() => Ask(Type("ec2:LaunchTemplate", "version-depth", "0")), "InvalidParameterValue");
        await Fails(() => Ask(Type("ec2:LaunchTemplate", "version-depth", "10001")), "InvalidParameterValue");
        await Fails(() => Ask(Type("ec2:Instance", "state-name", "gone")), "InvalidParameterValue");
        await Fails(() => Ask(Type("ec2:Instance", "version-depth", "5")), "InvalidParameterValue");
        await Fails(() => Ask(Type("ssm:Parameter", "state-name", "running")), "InvalidParameterValue");
        await Fails(() => Ask(new ResourceTypeRequest { ResourceType = "ec2:Volume" }), "InvalidParameterValue");
        await Fails(() => Ask(new ResourceTypeRequest { ResourceType = "ec2:Instance" }, max: 4), "InvalidParameterValue");
        Assert.Empty((await Ask(Type("ec2:LaunchTemplate", "version-depth", "10000"), max: 5)).ImageReferences ?? []);
        Assert.Empty((await Ask(new ResourceTypeRequest { ResourceType = "ec2:Instance" }, max: 100_000)).ImageReferences ?? []);
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
