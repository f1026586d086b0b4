using System.Globalization;
using System.Text.RegularExpressions;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Emulator;
using ScriptOutcome = CloudCompose.Image.Emulator.ScriptOutcome;
using CloudCompose.Image.Errors;
using CloudCompose.Image.LeftBehind;

namespace CloudCompose.Image.Tests.Bake;

/// <summary>Whatever ends a bake, nothing is left billing without a warning that names it and a record that keeps it.</summary>
public sealed class BakeReliabilityTests
{
    [Fact]
    public async Task TheDeadlineTagAndTheWatchdogAgreeAndTheConsoleIsKeptOnTimeout()
    {
        await using var bake = await BakeEmulator.StartAsync();
        bake.State.SetDefaultOutcome(new ScriptOutcome { NeverStops = true, ConsoleText = "step 1 of 9\n", ScriptDuration = TimeSpan.FromSeconds(30), WatchdogConsoleText = BakeEmulator.WatchdogConsole });
        var log = Path.Combine(bake.Folder, "logs", "build.log");
        var observer = new BakeEmulator.Observer();

        var e = await Assert.ThrowsAsync<CloudComposeException>(() => bake.BakeAsync(bake.Options(o => { o.Timeout = TimeSpan.FromMinutes(30); o.LogPath = log; }), observer));

        Assert.Equal(ErrorIds.BuildTimedOut, e.ErrorId);
        var builder = Assert.Single(bake.State.ListInstances());
        var tag = DateTime.Parse(builder.Tags[BuildTags.Deadline], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var epoch = long.Parse(Regex.Match(builder.UserData, @"\$\(\( (\d+) - \$\(date \+%s\) \)\)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(tag, DateTime.UnixEpoch.AddSeconds(epoch));
        Assert.Equal(tag, builder.WatchdogAt);
        Assert.Equal(tag + bake.State.Delays.StopDelay, builder.StoppedAt);
        Assert.InRange(tag - builder.LaunchTime, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));

        var console = Assert.IsType<BuildConsole>(e.TargetObject);
        Assert.Equal(builder.Id, console.InstanceId);
        Assert.Contains("step 1 of 9", console.ConsoleOutput);
        Assert.Contains("watchdog", console.ConsoleOutput);
        Assert.Equal(log, console.LogPath);
        Assert.Equal(console.ConsoleOutput, File.ReadAllText(log));
        Assert.Empty(bake.LiveBuilders());
        Assert.Empty(bake.Record.Read());
    }

    [Fact]
    public async Task ThrottledTerminationIsNamedInAWarningRecordedAndReportedUntilGone()
    {
        await using var bake = await BakeEmulator.StartAsync();
        bake.State.SetDefaultOutcome(new ScriptOutcome { ConsoleText = BakeEmulator.MarkerConsole, ExitCode = 3 });
        bake.State.Faults.FailNext("TerminateInstances", 100_000, "RequestLimitExceeded");
        var observer = new BakeEmulator.Observer();

        var e = await Assert.ThrowsAsync<CloudComposeException>(() => bake.BakeAsync(bake.Options(o => o.CleanupTimeout = TimeSpan.FromSeconds(6)), observer));

        Assert.Equal(ErrorIds.ImageScriptFailed, e.ErrorId);
        var builder = Assert.Single(bake.LiveBuilders());
        Assert.Contains(builder.Id, e.Message);
        Assert.Contains("Remove-CloudComposeImageBuilder -Name 'web' -Region us-east-1 -EndpointUrl", e.Message);
        var warning = Assert.Single(observer.Warnings);
        Assert.Contains(builder.Id, warning);
        Assert.Contains("AwsThrottled", warning);
        Assert.Matches("AwsThrottled: EC2 throttled ec2:TerminateInstances \\(RequestLimitExceeded\\), giving up after [0-9.]+ s of retries", warning);
        Assert.Contains(bake.Record.Path, warning);
        Assert.True(bake.State.Count("TerminateInstances") > 1, "cleanup retried TerminateInstances");

        var recorded = Assert.Single(bake.Record.Read());
        Assert.Equal((LeftResource.InstanceKind, builder.Id, LeftResource.Left), (recorded.Kind, recorded.Id, recorded.Status));
        Assert.StartsWith("Remove-CloudComposeImageBuilder -Name 'web'", recorded.Command);

        bake.State.Faults.Clear();
        var report = await LeftResourceCheck.RunAsync(bake.Record, bake.Connection, TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal("stopped", Assert.Single(report).State);

        using (var ec2 = bake.Connection.CreateEc2Client())
        {
            await Builders.TerminateAsync(ec2, new[] { builder.Id }, CancellationToken.None);
        }

        Assert.Empty(await LeftResourceCheck.RunAsync(bake.Record, bake.Connection, TimeSpan.FromSeconds(10), CancellationToken.None));
        Assert.Empty(bake.Record.Read());
    }

    [Fact]
    public async Task CredentialsExpiringAfterLaunchEndInAwsAuthFailureThatNamesTheBuilderLeft()
    {
        await using var bake = await BakeEmulator.StartAsync();
        bake.State.SetDefaultOutcome(new ScriptOutcome { NeverStops = true });
        var observer = new BakeEmulator.Observer();
        var baking = bake.BakeAsync(bake.Options(), observer);
        await WaitUntil(() => bake.State.ListInstances().Any(i => i.State == "running"));
        bake.State.Faults.FailNext("*", 100_000, "RequestExpired");

        var e = await Assert.ThrowsAsync<CloudComposeException>(() => baking);

        Assert.Equal(ErrorIds.AwsAuthFailure, e.ErrorId);
        Assert.Equal(ErrorKind.Authentication, e.Kind);
        var builder = Assert.Single(bake.LiveBuilders());
        Assert.Contains($"instance {builder.Id} of web:1.0", e.Message);
        Assert.Contains("Remove-CloudComposeImageBuilder", e.Message);
        Assert.Contains(builder.Id, Assert.Single(observer.Warnings));
        Assert.Equal(LeftResource.Left, Assert.Single(bake.Record.Read()).Status);
    }

    [Fact]
    public async Task SustainedThrottlingOfThePollEndsInAwsThrottledWithHowLongItLasted()
    {
        await using var bake = await BakeEmulator.StartAsync(timeScale: 60);
        bake.State.SetDefaultOutcome(new ScriptOutcome { NeverStops = true });
        var observer = new BakeEmulator.Observer();
        // A two-minute build rides out twelve seconds of failing polls (a tenth of its timeout, at least ten seconds).
        var baking = bake.BakeAsync(bake.Options(o => o.Timeout = TimeSpan.FromMinutes(2)), observer);
        await WaitUntil(() => bake.State.ListInstances().Any(i => i.State == "running"));
        bake.State.Faults.FailNext("DescribeInstances", 100_000, "RequestLimitExceeded");

        var e = await Assert.ThrowsAsync<CloudComposeException>(() => baking.WaitAsync(TimeSpan.FromMinutes(5)));

        Assert.Equal(ErrorIds.AwsThrottled, e.ErrorId);
        Assert.Equal(ErrorKind.LimitsExceeded, e.Kind);
        Assert.Matches("ec2:DescribeInstances .*giving up after .* of retries", e.Message);
        Assert.Empty(bake.LiveBuilders());
    }

    [Fact]
    public async Task AThrottledLookForLeftoversIsOnlyAWarning()
    {
        await using var bake = await BakeEmulator.StartAsync();
        bake.State.Faults.FailNext("DescribeInstances", 6, "RequestLimitExceeded");
        var observer = new BakeEmulator.Observer();

        var image = await bake.BakeAsync(bake.Options(), observer);

        Assert.Equal("available", image.State);
        Assert.Contains(observer.Warnings, w => w.Contains("Could not look for builders left by earlier runs (AwsThrottled"));
        Assert.Empty(bake.LiveBuilders());
        Assert.Empty(bake.Record.Read());
    }

    [Fact]
    public async Task CancelledWhileCopyingTheUnfinishedCopyGoesAndTheFinishedImageStays()
    {
        await using var bake = await BakeEmulator.StartAsync("    copy_to_regions: [us-west-2]\n", timeScale: 60);
        bake.State.Delays.ImageDelay = TimeSpan.FromMinutes(5);
        using var cancel = new CancellationTokenSource();
        var observer = new BakeEmulator.Observer();
        var baking = bake.BakeAsync(bake.Options(), observer, cancel.Token);
        await WaitUntil(() => bake.State.ListImages("us-west-2").Any(i => i.State == "pending"));
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => baking);

        Assert.Empty(bake.State.ListImages("us-west-2"));
        Assert.Empty(bake.State.ListSnapshots("us-west-2"));
        Assert.Equal("available", Assert.Single(bake.State.ListImages(), i => i.Id != BakeEmulator.SourceAmi).State);
        Assert.Empty(bake.LiveBuilders());
        Assert.DoesNotContain(bake.Record.Read(), r => r.Status == LeftResource.Left);
    }

    [Fact]
    public async Task ABuilderLaunchedByACallWhoseAnswerWasLostIsFoundByItsBuildIdAndTerminated()
    {
        await using var bake = await BakeEmulator.StartAsync();
        // Every RunInstances takes effect (once: the client token makes the SDK's retries idempotent), and no answer arrives.
        bake.State.Faults.FailNext("RunInstances", 100_000, "AnswerLost");
        var observer = new BakeEmulator.Observer();

        var e = await Assert.ThrowsAsync<CloudComposeException>(() => bake.BakeAsync(bake.Options(), observer));

        Assert.Equal(ErrorIds.AwsEndpointUnreachable, e.ErrorId);
        var launched = Assert.Single(bake.State.ListInstances());
        Assert.Contains(launched.State, new[] { "shutting-down", "terminated" });
        Assert.Contains(bake.State.RequestLog, r => r.Action == "TerminateInstances" && r.Status == 200);
        Assert.Empty(bake.Record.Read());
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "the condition did not come true within 60 s");
    }
}
