using Amazon.EC2;

namespace CloudCompose.Image.Tests.Bake;

/// <summary>A test class with its own <see cref="ReleaseEmulator"/> and an EC2 client of the module's connection to it.</summary>
public abstract class ReleaseEmulatorTest : IAsyncLifetime
{
    private protected ReleaseEmulator Emulator { get; private set; } = null!;

    protected IAmazonEC2 Ec2 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await ReleaseEmulator.StartAsync();
        Ec2 = Emulator.Connection.CreateEc2Client();
    }

    public async Task DisposeAsync()
    {
        Ec2.Dispose();
        await Emulator.DisposeAsync();
    }
}
