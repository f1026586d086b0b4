using CloudCompose.Image.Aws;
using CloudCompose.Image.Cleanup;
using CloudCompose.Image.Emulator;
using CloudCompose.Image.Emulator.Admin;

namespace CloudCompose.Image.Tests.Cleanup;

/// <summary>An in-process EC2 emulator (manual clock) and a connection to it, with seeding helpers for cleanup tests.</summary>
public sealed class CleanupEmulator : IAsyncDisposable
{
    private CleanupEmulator(Ec2Emulator emulator)
    {
        Emulator = emulator;
        Connection = AwsConnection.Resolve(new AwsConnectionOptions
        {
            EndpointUrl = emulator.ServiceUrl.ToString(),
            Region = "us-east-1",
            Keys = new AwsKeys("AKIDTEST", "secret"),
        });
    }

    public Ec2Emulator Emulator { get; }

    public EmulatorState State => Emulator.State;

    public AwsConnection Connection { get; }

    public static async Task<CleanupEmulator> StartAsync() =>
        new CleanupEmulator(await Ec2Emulator.StartAsync(new EmulatorOptions { TimeScale = 0 }));

    /// <summary>Options on the emulator's clock, with no client-side rate limit to wait for.</summary>
    public RetirementOptions Options(Action<RetirementOptions>? tweak = null)
    {
        var options = new RetirementOptions { UtcNow = () => State.Clock.UtcNow, MutatingCallsPerSecond = 100_000, MutatingBurst = 100_000 };
        tweak?.Invoke(options);
        return options;
    }

    public ImageRetirement Retirement(Action<RetirementOptions>? tweak = null) => new(Connection, Options(tweak));

    /// <summary>A plain SDK client on the emulator, for what a test does behind the module's back.</summary>
    public Amazon.EC2.AmazonEC2Client Ec2() => new(new Amazon.Runtime.BasicAWSCredentials("AKIDTEST", "secret"), new Amazon.EC2.AmazonEC2Config { ServiceURL = Emulator.ServiceUrl.ToString(), AuthenticationRegion = "us-east-1" });

    public static Dictionary<string, string> Tags(string name, string version) =>
        new() { ["ImageName"] = name, ["ImageVersion"] = version, ["Name"] = $"{name}:{version}" };

    /// <summary>One image of name:version, <paramref name="ageDays"/> old; returns its id.</summary>
    public string Image(string name, string version, double ageDays, Action<SeedImage>? tweak = null)
    {
        var image = new SeedImage { Name = $"{name}_{version}_{Guid.NewGuid():N}", Tags = Tags(name, version), AgeDays = ageDays };
        tweak?.Invoke(image);
        return State.Seed(new SeedSpec { Images = [image] }).ImageIds[0];
    }

    public void Instance(string imageId, string state) => State.Seed(new SeedSpec { Instances = [new SeedInstance { ImageId = imageId, State = state }] });

    public void Template(string name, params string?[] imageIds) =>
        State.Seed(new SeedSpec { LaunchTemplates = [new SeedLaunchTemplate { Name = name, Versions = imageIds.Select(id => new SeedLaunchTemplateVersion { ImageId = id }).ToList() }] });

    /// <summary>Makes <paramref name="otherImageId"/> use the first snapshot of <paramref name="imageId"/> too (as a registered copy would).</summary>
    public string ShareSnapshot(string imageId, string otherImageId)
    {
        lock (State.Sync)
        {
            var store = State.Store("us-east-1");
            var snapshot = store.Images[imageId].Devices[0].SnapshotId!;
            store.Images[otherImageId].Devices.Add(new CloudCompose.Image.Emulator.Model.ImageDevice { DeviceName = "/dev/xvdz", SnapshotId = snapshot });
            return snapshot;
        }
    }

    public HashSet<string> ImageIds() => State.ListImages("us-east-1").Select(i => i.Id).ToHashSet();

    public HashSet<string> SnapshotIds() => State.ListSnapshots("us-east-1").Select(s => s.Id).ToHashSet();

    public int MutatingCalls() => State.Counters.Where(c => !c.Key.StartsWith("Describe", StringComparison.Ordinal) && c.Key != "GetConsoleOutput").Sum(c => c.Value);

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
