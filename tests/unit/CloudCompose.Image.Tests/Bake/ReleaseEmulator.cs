using System.Collections;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Emulator;
using CloudCompose.Image.Emulator.Admin;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.Tests.Bake;

/// <summary>
/// An in-process emulator at 60 emulated seconds per real second (a 20 s SSM validation takes a third of a second),
/// a connection to it, and a config with image.sh and test.sh on disk, for the test and publish phases.
/// </summary>
public sealed class ReleaseEmulator : IAsyncDisposable
{
    /// <summary>The wrapper's result line, with the token taken from the user data as a real instance's console would show it.</summary>
    public const string MarkerConsole = "booting\nrunning the script\nCLOUDCOMPOSE-RESULT {userdata:cloud-compose-token: (\\S+)} exit={exitCode}\nreboot: Power down.\n";

    private readonly TempFolder folder = new();

    private ReleaseEmulator(Ec2Emulator emulator)
    {
        Emulator = emulator;
        Connection = AwsConnection.Resolve(new AwsConnectionOptions
        {
            EndpointUrl = emulator.ServiceUrl.ToString(),
            Region = "us-east-1",
            Keys = new AwsKeys("AKIDTEST", "secret"),
        });
        SourceAmi = State.Seed(new SeedSpec { Images = [new SeedImage { Name = "base-os", OwnerId = "137112412989", Public = true }] }).ImageIds[0];
        State.SetDefaultOutcome(new Emulator.ScriptOutcome { ConsoleText = MarkerConsole, ScriptDuration = TimeSpan.FromSeconds(30) });
    }

    public Ec2Emulator Emulator { get; }

    public EmulatorState State => Emulator.State;

    public AwsConnection Connection { get; }

    public string SourceAmi { get; }

    public static async Task<ReleaseEmulator> StartAsync() =>
        new ReleaseEmulator(await Ec2Emulator.StartAsync(new EmulatorOptions { TimeScale = 60 }));

    /// <summary>A config named web:1.0 with image.sh, test.sh and the given extra lines under image:.</summary>
    public ImageConfig Config(string extra = "  test: test.sh\n")
    {
        folder.Write("image.sh", "echo building {{ name }}\n");
        folder.Write("test.sh", "echo testing {{ name }} {{ version }}\n");
        var file = folder.Write("cloud-compose.yml",
            $"image:\n  name: web\n  version: '1.0'\n  aws:\n    ami: {SourceAmi}\n    subnet: subnet-0123abcd\n    security_groups: [sg-0123abcd]\n{extra}");
        return ConfigReader.Read(file, _ => null);
    }

    /// <summary>An available image of web:1.0 in a region, as a finished bake leaves it.</summary>
    public string Image(string region = "us-east-1", string name = "web_1.0_2026-11-26-10-00-00") =>
        State.Seed(new SeedSpec { Region = region, Images = [new SeedImage { Name = name, Tags = new() { ["ImageName"] = "web", ["ImageVersion"] = "1.0" } }] }).ImageIds[0];

    public async Task<BuildPlan> PlanAsync(ImageConfig config, BakeOptions options)
    {
        using var baker = new ImageBaker(Connection, NullBuildObserver.Instance);
        return await baker.PlanAsync(config, ScriptRenderer.Render(config, new Hashtable()), options, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        folder.Dispose();
    }
}
