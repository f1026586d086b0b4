using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Xunit;

namespace CloudCompose.Image.Emulator.Tests;

/// <summary>Launches refused for capacity (InsufficientInstanceCapacity, Unsupported) and Allowed AMIs as DescribeImages documents it.</summary>
public sealed class CapacityAndAllowedImagesTests : EmulatorTest
{
    [Fact]
    public async Task An_instance_type_without_capacity_fails_its_launches_and_other_types_launch()
    {
        var ami = SeedImage();
        State.Faults.FailInstanceType("t3.small");
        State.Faults.FailInstanceType("t3a.small", "Unsupported", count: 1);

        var e = await Fails(() => Launch(ami, tweak: r => r.InstanceType = InstanceType.T3Small), "InsufficientInstanceCapacity", 500);
        Assert.Contains("sufficient t3.small capacity", e.Message);
        await Fails(() => Launch(ami, tweak: r => r.InstanceType = InstanceType.T3Small), "InsufficientInstanceCapacity", 500);
        var u = await Fails(() => Launch(ami, tweak: r => r.InstanceType = InstanceType.T3aSmall), "Unsupported");
        Assert.Contains("(t3a.small) is not supported", u.Message);

        Assert.Equal("t3a.small", (await Launch(ami, tweak: r => r.InstanceType = InstanceType.T3aSmall)).InstanceType.Value);
        Assert.Equal("t3.micro", (await Launch(ami)).InstanceType.Value);
        State.Faults.Clear();
        Assert.Equal("t3.small", (await Launch(ami, tweak: r => r.InstanceType = InstanceType.T3Small)).InstanceType.Value);
    }

    [Fact]
    public async Task A_refused_launch_leaves_its_client_token_unused()
    {
        var ami = SeedImage();
        State.Faults.FailInstanceType("t3.small", count: 1);
        await Fails(() => Launch(ami, tweak: r => { r.InstanceType = InstanceType.T3Small; r.ClientToken = "cc-one"; }), "InsufficientInstanceCapacity", 500);
        var launched = await Launch(ami, tweak: r => { r.InstanceType = InstanceType.T3Small; r.ClientToken = "cc-one"; });
        Assert.Equal("t3.small", launched.InstanceType.Value);
    }

    [Fact]
    public async Task Audit_mode_shows_imageAllowed_and_enabled_hides_what_is_not_allowed()
    {
        var owner = "099720109477";
        var allowed = State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "vendor-ok", OwnerId = owner, Public = true }] }).ImageIds[0];
        var outside = State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "vendor-other", OwnerId = owner, Public = true, Allowed = false }] }).ImageIds[0];
        var own = State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "ours", Allowed = false }] }).ImageIds[0];

        Assert.Null((await DescribeImage(outside)).ImageAllowed);
        Assert.Equal("disabled", (await Ec2.GetAllowedImagesSettingsAsync(new GetAllowedImagesSettingsRequest())).State);

        var audit = await Ec2.EnableAllowedImagesSettingsAsync(new EnableAllowedImagesSettingsRequest { AllowedImagesSettingsState = AllowedImagesSettingsEnabledState.AuditMode });
        Assert.Equal("audit-mode", audit.AllowedImagesSettingsState.Value);
        Assert.Equal("audit-mode", (await Ec2.GetAllowedImagesSettingsAsync(new GetAllowedImagesSettingsRequest())).State);
        Assert.True((await DescribeImage(allowed)).ImageAllowed);
        Assert.False((await DescribeImage(outside)).ImageAllowed);
        // Images the account owns are never restricted.
        Assert.True((await DescribeImage(own)).ImageAllowed);
        Assert.NotNull(await Launch(outside));

        await Ec2.EnableAllowedImagesSettingsAsync(new EnableAllowedImagesSettingsRequest { AllowedImagesSettingsState = AllowedImagesSettingsEnabledState.Enabled });
        var listed = (await Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = [owner] })).Images;
        Assert.Equal([allowed], listed.Select(i => i.ImageId));
        Assert.True(listed[0].ImageAllowed);
        await Fails(() => DescribeImage(outside), "InvalidAMIID.NotFound");
        await Fails(() => Launch(outside), "InvalidAMIID.NotFound");

        var off = await Ec2.DisableAllowedImagesSettingsAsync(new DisableAllowedImagesSettingsRequest());
        Assert.Equal("disabled", off.AllowedImagesSettingsState.Value);
        Assert.Null((await DescribeImage(outside)).ImageAllowed);
    }

    [Fact]
    public async Task Admin_routes_set_instance_type_faults_and_the_Allowed_AMIs_state()
    {
        using var http = new HttpClient { BaseAddress = Emulator.ServiceUrl };
        var image = State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "vendor", OwnerId = "099720109477", Public = true, Allowed = false }] }).ImageIds[0];
        (await http.PostAsync("/_emulator/faults/instance-types", Json("""{"instanceType":"c6i.large","code":"Unsupported"}"""))).EnsureSuccessStatusCode();
        (await http.PostAsync("/_emulator/allowed-images", Json("""{"state":"audit-mode"}"""))).EnsureSuccessStatusCode();
        Assert.False((await DescribeImage(image)).ImageAllowed);
        await Fails(() => Launch(image, tweak: r => r.InstanceType = InstanceType.C6iLarge), "Unsupported");
        var bad = await http.PostAsync("/_emulator/faults/instance-types", Json("""{"instanceType":"c6i.large","code":"Throttling"}"""));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
