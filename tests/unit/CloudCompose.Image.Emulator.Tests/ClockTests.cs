using Xunit;

namespace CloudCompose.Image.Emulator.Tests;

public sealed class ClockTests
{
    [Fact]
    public async Task A_scaled_clock_runs_faster_than_real_time_and_manual_advances_add_up()
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var clock = new EmulatorClock(start, 3600);
        await Task.Delay(100);
        Assert.True(clock.UtcNow - start >= TimeSpan.FromMinutes(5), $"only {clock.UtcNow - start}");
        clock.TimeScale = 0;
        var frozen = clock.UtcNow;
        await Task.Delay(20);
        Assert.Equal(frozen, clock.UtcNow);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(frozen.AddHours(1), clock.UtcNow);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task Instances_move_on_by_themselves_under_a_scaled_clock()
    {
        await using var emu = await Ec2Emulator.StartAsync(new EmulatorOptions { TimeScale = 600 });
        var ami = emu.State.Seed(new Admin.SeedSpec { Images = [new Admin.SeedImage { Name = "x" }] }).ImageIds[0];
        using var ec2 = new Amazon.EC2.AmazonEC2Client(new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            new Amazon.EC2.AmazonEC2Config { ServiceURL = emu.ServiceUrl.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        var run = await ec2.RunInstancesAsync(new Amazon.EC2.Model.RunInstancesRequest { ImageId = ami, MinCount = 1, MaxCount = 1 });
        var id = run.Reservation.Instances[0].InstanceId;
        // 5 s pending + 60 s script + 10 s stop = 75 emulated seconds = 125 ms real; poll with a bound.
        for (var i = 0; i < 100 && emu.State.GetInstance(id)!.State != "stopped"; i++) await Task.Delay(20);
        Assert.Equal("stopped", emu.State.GetInstance(id)!.State);
    }
}
