using System.Collections.Concurrent;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Emulator;
using ScriptOutcome = CloudCompose.Image.Emulator.ScriptOutcome;
using CloudCompose.Image.Emulator.Admin;
using CloudCompose.Image.LeftBehind;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.Tests.Bake;

/// <summary>
/// An in-process emulator running 600 emulated seconds per real second, a config and image.sh in a scratch folder,
/// and a private left-resources record: what a real bake needs, against the real SDK.
/// </summary>
internal sealed class BakeEmulator : IAsyncDisposable
{
    public const string SourceAmi = "ami-6d1c2007";

    /// <summary>The console of a builder that ran the wrapper: its result marker with the build's own token.</summary>
    public const string MarkerConsole = "hello from image.sh\nCLOUDCOMPOSE-RESULT {userdata:cloud-compose-token: (\\S+)} exit={exitCode}\n";

    public const string WatchdogConsole = "CLOUDCOMPOSE-RESULT {userdata:cloud-compose-token: (\\S+)} watchdog\n";

    private readonly TempFolder folder = new();

    private BakeEmulator(Ec2Emulator emulator, string extraConfig)
    {
        Emulator = emulator;
        Connection = AwsConnection.Resolve(new AwsConnectionOptions
        {
            EndpointUrl = emulator.ServiceUrl.ToString(),
            Region = "us-east-1",
            Keys = new AwsKeys("AKIDBAKETEST", "secret"),
        });
        State.Seed(new SeedSpec { Images = [new SeedImage { Id = SourceAmi, Name = "amzn-base", OwnerId = "137112412989", Public = true }] });
        State.SetDefaultOutcome(new ScriptOutcome { ConsoleText = MarkerConsole, WatchdogConsoleText = WatchdogConsole });
        ConfigPath = folder.Write("cloud-compose.yml", "image:\n  name: web\n  version: '1.0'\n  aws:\n    ami: " + SourceAmi + "\n    subnet: subnet-0123abcd\n" + extraConfig);
        folder.Write("image.sh", "#!/bin/bash\necho building\n");
        Record = new LeftResourceRecord(Path.Combine(folder.Path, "state", LeftResourceRecord.FileName));
    }

    public Ec2Emulator Emulator { get; }

    public EmulatorState State => Emulator.State;

    public AwsConnection Connection { get; }

    public string ConfigPath { get; }

    public LeftResourceRecord Record { get; }

    public string Folder => folder.Path;

    public static async Task<BakeEmulator> StartAsync(string extraConfig = "", double timeScale = 600) =>
        new(await Ec2Emulator.StartAsync(new EmulatorOptions { TimeScale = timeScale }), extraConfig);

    public BakeOptions Options(Action<BakeOptions>? tweak = null)
    {
        var options = new BakeOptions { Record = Record, NoCleanup = true, CleanupTimeout = TimeSpan.FromSeconds(20) };
        tweak?.Invoke(options);
        return options;
    }

    public async Task<ImageInfo> BakeAsync(BakeOptions options, Observer observer, CancellationToken cancellationToken = default)
    {
        var config = ConfigReader.Read(ConfigPath);
        using var baker = new ImageBaker(Connection, observer);
        var plan = await baker.PlanAsync(config, ScriptRenderer.Render(config), options, cancellationToken);
        return await baker.BakeAsync(plan, options, cancellationToken);
    }

    public IReadOnlyList<InstanceInfo> LiveBuilders() =>
        State.ListInstances().Where(i => i.ImageId == SourceAmi && i.State is "pending" or "running" or "stopping" or "stopped").ToList();

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        folder.Dispose();
    }

    /// <summary>Collects what the engine reports.</summary>
    public sealed class Observer : IBuildObserver
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        public ConcurrentQueue<string> Verbose { get; } = new();

        public ConcurrentQueue<BuildProgress> Progress { get; } = new();

        void IBuildObserver.Verbose(string message) => Verbose.Enqueue(message);

        void IBuildObserver.Warning(string message) => Warnings.Enqueue(message);

        void IBuildObserver.Progress(BuildProgress progress) => Progress.Enqueue(progress);
    }
}
