using CloudCompose.Image.Bake;
using CloudCompose.Image.Emulator.Admin;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Tests.Bake;

/// <summary>The source image lookup and Allowed AMIs: audit mode says imageAllowed=false, enabled mode hides the image.</summary>
public sealed class SourceAmiTests : ReleaseEmulatorTest
{
    private const string Vendor = "099720109477";
    private (string Older, string Newer) SeedVendorImages(bool newerAllowed) =>
        (Emulator.State.Seed(new SeedSpec { Images = [new SeedImage { Name = "vendor-linux-2026-10", OwnerId = Vendor, Public = true, AgeDays = 30 }] }).ImageIds[0],
         Emulator.State.Seed(new SeedSpec { Images = [new SeedImage { Name = "vendor-linux-2026-11", OwnerId = Vendor, Public = true, AgeDays = 1, Allowed = newerAllowed }] }).ImageIds[0]);

    private const string Filter = "    ami: {name: 'vendor-linux-*', owners: ['099720109477']}\n";

    private Task<Amazon.EC2.Model.Image> Resolve(string amiLine)
    {
        var config = Emulator.Config("");
        var yaml = File.ReadAllText(config.FilePath).Replace($"    ami: {Emulator.SourceAmi}\n", amiLine);
        File.WriteAllText(config.FilePath, yaml);
        return SourceAmi.ResolveAsync(Ec2, CloudCompose.Image.Configuration.ConfigReader.Read(config.FilePath, _ => null), "us-east-1", CancellationToken.None);
    }

    [Fact]
    public async Task In_audit_mode_a_base_image_outside_the_criteria_fails_before_anything_launches()
    {
        var (_, newer) = SeedVendorImages(newerAllowed: false);
        Emulator.State.SetAllowedImagesState("us-east-1", "audit-mode");

        var e = await Assert.ThrowsAsync<CloudComposeException>(() => Resolve($"    ami: {newer}\n"));
        Assert.Equal(ErrorIds.SourceAmiNotAllowed, e.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, e.Kind);
        Assert.Equal(5, e.Line);
        Assert.Contains($"cloud-compose.yml:5:", e.Message);
        Assert.Contains($"{newer} (vendor-linux-2026-11, owner {Vendor}) does not meet this account's Allowed AMIs criteria", e.Message);
        Assert.Contains("get-allowed-images-settings", e.Hint);

        // A filter whose newest match is outside the criteria fails too, rather than quietly baking on an older base.
        e = await Assert.ThrowsAsync<CloudComposeException>(() => Resolve(Filter));
        Assert.Equal(ErrorIds.SourceAmiNotAllowed, e.ErrorId);
        Assert.Equal(0, Emulator.State.Count("RunInstances"));
    }

    [Fact]
    public async Task An_allowed_image_resolves_in_audit_mode()
    {
        var (_, newer) = SeedVendorImages(newerAllowed: true);
        Emulator.State.SetAllowedImagesState("us-east-1", "audit-mode");
        var image = await Resolve(Filter);
        Assert.Equal((newer, true), (image.ImageId, image.ImageAllowed));
    }

    [Fact]
    public async Task With_Allowed_AMIs_enabled_the_image_is_not_found_and_the_hint_says_why_it_may_be()
    {
        var (older, newer) = SeedVendorImages(newerAllowed: false);
        Emulator.State.SetAllowedImagesState("us-east-1", "enabled");

        var e = await Assert.ThrowsAsync<CloudComposeException>(() => Resolve($"    ami: {newer}\n"));
        Assert.Equal(ErrorIds.SourceAmiNotFound, e.ErrorId);
        Assert.Contains("Allowed AMIs", e.Hint);
        // A filter only sees what the account may use.
        Assert.Equal(older, (await Resolve(Filter)).ImageId);
    }
}
