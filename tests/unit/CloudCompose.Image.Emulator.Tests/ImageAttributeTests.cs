using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Xunit;

namespace CloudCompose.Image.Emulator.Tests;

public sealed class ImageAttributeTests : EmulatorTest
{
    [Fact]
    public async Task Launch_permissions_add_and_remove_users_and_the_public_group()
    {
        var ami = SeedImage();
        await Ec2.ModifyImageAttributeAsync(new ModifyImageAttributeRequest
        {
            ImageId = ami,
            LaunchPermission = new LaunchPermissionModifications
            {
                Add = [new LaunchPermission { UserId = "210987654321" }, new LaunchPermission { Group = PermissionGroup.All }],
            },
        });
        var attr = await Ec2.DescribeImageAttributeAsync(new DescribeImageAttributeRequest { ImageId = ami, Attribute = ImageAttributeName.LaunchPermission });
        Assert.Equal(ami, attr.ImageAttribute.ImageId);
        Assert.Contains(attr.ImageAttribute.LaunchPermissions, p => p.UserId == "210987654321");
        Assert.Contains(attr.ImageAttribute.LaunchPermissions, p => p.Group == PermissionGroup.All);
        Assert.True((await DescribeImage(ami)).Public);
        var isPublic = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { Filters = [new Filter("is-public", ["true"])] });
        Assert.Single(isPublic.Images);

        await Ec2.ModifyImageAttributeAsync(new ModifyImageAttributeRequest
        {
            ImageId = ami, Attribute = "launchPermission", OperationType = OperationType.Remove, UserGroups = ["all"], UserIds = ["210987654321"],
        });
        var after = await Ec2.DescribeImageAttributeAsync(new DescribeImageAttributeRequest { ImageId = ami, Attribute = ImageAttributeName.LaunchPermission });
        Assert.True(after.ImageAttribute.LaunchPermissions is null or { Count: 0 });
        Assert.False((await DescribeImage(ami)).Public);
    }

    [Fact]
    public async Task Description_attribute_round_trips_and_unknown_attributes_fail()
    {
        var ami = SeedImage();
        await Ec2.ModifyImageAttributeAsync(new ModifyImageAttributeRequest { ImageId = ami, Description = "new words" });
        var d = await Ec2.DescribeImageAttributeAsync(new DescribeImageAttributeRequest { ImageId = ami, Attribute = ImageAttributeName.Description });
        Assert.Equal("new words", d.ImageAttribute.Description);
        await Fails(() => Ec2.DescribeImageAttributeAsync(new DescribeImageAttributeRequest { ImageId = ami, Attribute = "colour" }), "InvalidParameterValue");
    }

    [Fact]
    public async Task Deregistration_protection_blocks_deregister_and_the_cooldown_outlives_disable()
    {
        var ami = SeedImage();
        var on = await Ec2.EnableImageDeregistrationProtectionAsync(new EnableImageDeregistrationProtectionRequest { ImageId = ami, WithCooldown = true });
        Assert.Equal("true", on.Return); // "Returns true if the request succeeds", though the element is a string
        Assert.Equal("enabled-with-cooldown", (await DescribeImage(ami)).DeregistrationProtection);
        await Fails(() => Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = ami }), "InvalidParameterValue");
        var off = await Ec2.DisableImageDeregistrationProtectionAsync(new DisableImageDeregistrationProtectionRequest { ImageId = ami });
        Assert.Equal("true", off.Return);
        Assert.Equal("disabled-until-2026-11-27T10:00:00.000Z", (await DescribeImage(ami)).DeregistrationProtection);
        await Fails(() => Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = ami }), "InvalidParameterValue");
        Advance(24 * 3600);
        Assert.Equal("disabled", (await DescribeImage(ami)).DeregistrationProtection);
        await Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = ami });

        var plain = SeedImage("plain");
        await Ec2.EnableImageDeregistrationProtectionAsync(new EnableImageDeregistrationProtectionRequest { ImageId = plain });
        await Ec2.DisableImageDeregistrationProtectionAsync(new DisableImageDeregistrationProtectionRequest { ImageId = plain });
        await Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = plain });
    }

    [Fact]
    public async Task Disabled_images_hide_unless_asked_and_lose_sharing()
    {
        var ami = State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "x", Public = true }] }).ImageIds[0];
        Assert.True((await Ec2.DisableImageAsync(new DisableImageRequest { ImageId = ami })).Return);
        var hidden = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["self"] });
        Assert.True(hidden.Images is null or { Count: 0 });
        var shown = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["self"], IncludeDisabled = true });
        var img = Assert.Single(shown.Images);
        Assert.Equal(ImageState.Disabled, img.State);
        Assert.False(img.Public);
        await Fails(() => Launch(ami), "InvalidAMIID.Unavailable");
        await Ec2.EnableImageAsync(new EnableImageRequest { ImageId = ami });
        var enabled = await DescribeImage(ami);
        Assert.Equal(ImageState.Available, enabled.State);
        Assert.False(enabled.Public); // accounts "that lost access to the AMI when it was disabled do not regain access automatically"
    }

    [Fact]
    public async Task Deprecation_time_is_rounded_to_the_nearest_minute_never_in_the_past_and_cleared()
    {
        var ami = SeedImage();
        Assert.True((await Ec2.EnableImageDeprecationAsync(new EnableImageDeprecationRequest { ImageId = ami, DeprecateAt = new DateTime(2027, 1, 2, 3, 4, 55, DateTimeKind.Utc) })).Return);
        Assert.Equal("2027-01-02T03:05:00.000Z", (await DescribeImage(ami)).DeprecationTime);
        await Ec2.EnableImageDeprecationAsync(new EnableImageDeprecationRequest { ImageId = ami, DeprecateAt = new DateTime(2027, 1, 2, 3, 4, 29, DateTimeKind.Utc) });
        Assert.Equal("2027-01-02T03:04:00.000Z", (await DescribeImage(ami)).DeprecationTime);
        await Ec2.DisableImageDeprecationAsync(new DisableImageDeprecationRequest { ImageId = ami });
        Assert.Null((await DescribeImage(ami)).DeprecationTime);

        await Fails(() => Ec2.EnableImageDeprecationAsync(new EnableImageDeprecationRequest { ImageId = ami, DeprecateAt = State.Clock.UtcNow.AddMinutes(-5) }), "InvalidParameterValue");
        await Fails(() => Ec2.EnableImageDeprecationAsync(new EnableImageDeprecationRequest { ImageId = ami, DeprecateAt = State.Clock.UtcNow.AddYears(11) }), "InvalidParameterValue");
        var published = State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "pub", Public = true }] }).ImageIds[0];
        await Fails(() => Ec2.EnableImageDeprecationAsync(new EnableImageDeprecationRequest { ImageId = published, DeprecateAt = State.Clock.UtcNow.AddYears(3) }), "InvalidParameterValue");
    }

    [Fact]
    public async Task Organizations_and_units_are_launch_permissions_too_and_DisableImage_drops_them_all()
    {
        const string org = "arn:aws:organizations::123456789012:organization/o-abc123";
        const string unit = "arn:aws:organizations::123456789012:ou/o-abc123/ou-ab12-cdef3456";
        var ami = SeedImage();
        await Ec2.ModifyImageAttributeAsync(new ModifyImageAttributeRequest
        {
            ImageId = ami,
            LaunchPermission = new LaunchPermissionModifications { Add = [new LaunchPermission { OrganizationArn = org }, new LaunchPermission { OrganizationalUnitArn = unit }, new LaunchPermission { UserId = "210987654321" }] },
        });
        var attr = await Ec2.DescribeImageAttributeAsync(new DescribeImageAttributeRequest { ImageId = ami, Attribute = ImageAttributeName.LaunchPermission });
        Assert.Equal(
            new[] { ("210987654321", (string?)null, (string?)null), (null, org, null), (null, null, unit) },
            attr.ImageAttribute.LaunchPermissions.Select(p => ((string?)p.UserId, (string?)p.OrganizationArn, (string?)p.OrganizationalUnitArn)));

        await Ec2.DisableImageAsync(new DisableImageRequest { ImageId = ami });
        var after = await Ec2.DescribeImageAttributeAsync(new DescribeImageAttributeRequest { ImageId = ami, Attribute = ImageAttributeName.LaunchPermission });
        Assert.True(after.ImageAttribute.LaunchPermissions is null or { Count: 0 });
        await Fails(() => Ec2.ModifyImageAttributeAsync(new ModifyImageAttributeRequest { ImageId = ami, LaunchPermission = new LaunchPermissionModifications { Add = [new LaunchPermission { UserId = "210987654321" }] } }), "InvalidParameterValue");
        await Fails(() => Ec2.DescribeImageAttributeAsync(new DescribeImageAttributeRequest { ImageId = ami, Attribute = ImageAttributeName.BlockDeviceMapping }), "AuthFailure");
    }

    [Fact]
    public async Task Deprecated_images_of_others_show_only_with_IncludeDeprecated()
    {
        State.Seed(new Admin.SeedSpec
        {
            Images =
            [
                new Admin.SeedImage { Name = "old-public", OwnerId = "137112412989", Public = true, DeprecationTime = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
                new Admin.SeedImage { Name = "old-mine", DeprecationTime = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
            ],
        });
        var plain = await Ec2.DescribeImagesAsync(new DescribeImagesRequest());
        Assert.Equal("old-mine", Assert.Single(plain.Images).Name);
        var all = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { IncludeDeprecated = true });
        Assert.Equal(2, all.Images.Count);
    }
}
