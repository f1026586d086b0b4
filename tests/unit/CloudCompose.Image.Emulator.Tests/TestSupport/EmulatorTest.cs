using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Xunit;

namespace CloudCompose.Image.Emulator.Tests.TestSupport;

/// <summary>One emulator per test (manual clock) and real SDK clients pointed at it.</summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    protected Ec2Emulator Emulator { get; private set; } = null!;
    protected EmulatorState State => Emulator.State;
    protected AmazonEC2Client Ec2 { get; private set; } = null!;
    private readonly List<IDisposable> _clients = new();

    protected virtual EmulatorOptions Options => new() { TimeScale = 0, StartTime = new DateTime(2026, 11, 26, 10, 0, 0, DateTimeKind.Utc) };

    public async Task InitializeAsync()
    {
        Emulator = await Ec2Emulator.StartAsync(Options);
        Ec2 = Client();
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var c in _clients) c.Dispose();
        await Emulator.DisposeAsync();
    }

    protected AmazonEC2Client Client(string region = "us-east-1", int retries = 0)
    {
        var c = new AmazonEC2Client(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonEC2Config
        {
            ServiceURL = Emulator.ServiceUrl.ToString(),
            AuthenticationRegion = region,
            MaxErrorRetry = retries,
        });
        _clients.Add(c);
        return c;
    }

    protected static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    protected static string Unb64(string b64) => Encoding.UTF8.GetString(Convert.FromBase64String(b64));

    protected void Advance(double seconds) => State.Clock.Advance(TimeSpan.FromSeconds(seconds));

    protected string SeedImage(string name = "base-image", string region = "us-east-1", Dictionary<string, string>? tags = null) =>
        State.Seed(new Admin.SeedSpec { Region = region, Images = [new Admin.SeedImage { Name = name, Tags = tags }] }).ImageIds[0];

    protected async Task<Instance> Launch(string imageId, string? userData = null, AmazonEC2Client? client = null, Action<RunInstancesRequest>? tweak = null)
    {
        var req = new RunInstancesRequest { ImageId = imageId, MinCount = 1, MaxCount = 1, InstanceType = InstanceType.T3Micro };
        if (userData is not null) req.UserData = B64(userData);
        tweak?.Invoke(req);
        var resp = await (client ?? Ec2).RunInstancesAsync(req);
        return Assert.Single(resp.Reservation.Instances);
    }

    protected async Task<Instance> Describe(string instanceId, AmazonEC2Client? client = null)
    {
        var resp = await (client ?? Ec2).DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] });
        return Assert.Single(Assert.Single(resp.Reservations).Instances);
    }

    protected async Task<Amazon.EC2.Model.Image> DescribeImage(string imageId, AmazonEC2Client? client = null)
    {
        var resp = await (client ?? Ec2).DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [imageId] });
        return Assert.Single(resp.Images);
    }

    protected static async Task<AmazonEC2Exception> Fails(Func<Task> call, string code, int status = 400)
    {
        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(call);
        Assert.Equal(code, e.ErrorCode);
        Assert.Equal(status, (int)e.StatusCode);
        return e;
    }
}
