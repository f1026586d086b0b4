using System.Diagnostics;
using System.Runtime.InteropServices;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Xunit;

namespace CloudCompose.Image.Emulator.Tests;

/// <summary>Runs the built emulator dll with <c>dotnet</c>, the way a Pester run or a user would.</summary>
public sealed class ChildProcessTests
{
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "CloudCompose.Image.Emulator.dll");

    private static (Process Proc, Uri Url) Start(string args, bool stdin = false)
    {
        var psi = new ProcessStartInfo("dotnet", $"\"{Dll}\" {args}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin, UseShellExecute = false,
        };
        var p = Process.Start(psi)!;
        var line = p.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        const string prefix = "CloudCompose.Image.Emulator listening on ";
        Assert.NotNull(line);
        Assert.StartsWith(prefix, line);
        var url = new Uri(line[prefix.Length..]);
        Assert.Equal("127.0.0.1", url.Host);
        return (p, url);
    }

    private static async Task<bool> Exits(Process p, double seconds)
    {
        try { await p.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token); return true; }
        catch (OperationCanceledException) { p.Kill(true); return false; }
    }

    [Fact]
    public async Task Serves_the_SDK_and_exits_when_its_parent_does()
    {
        using var parent = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var (child, url) = Start($"--parent-pid {parent.Id} --idle-timeout 120");
        using (child)
        {
            using var ec2 = new AmazonEC2Client(new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
                new AmazonEC2Config { ServiceURL = url.ToString(), AuthenticationRegion = "eu-west-1", MaxErrorRetry = 0 });
            var regions = await ec2.DescribeRegionsAsync(new DescribeRegionsRequest());
            Assert.Contains(regions.Regions, r => r.RegionName == "eu-west-1");
            parent.Kill();
            Assert.True(await Exits(child, 15), "emulator did not exit after its parent");
            Assert.Equal(0, child.ExitCode);
        }
    }

    [Fact]
    public async Task Exits_after_the_idle_timeout()
    {
        var (child, _) = Start("--idle-timeout 1");
        using (child)
        {
            Assert.True(await Exits(child, 15), "emulator did not exit when idle");
            Assert.Contains("idle timeout", await child.StandardError.ReadToEndAsync());
        }
    }

    [UnixTheory]
    [InlineData(15, "SIGTERM")]
    [InlineData(2, "SIGINT")]
    [InlineData(1, "SIGHUP")]
    public async Task A_stop_signal_ends_it_in_order_and_says_why(int signal, string name)
    {
        var (child, url) = Start("--idle-timeout 120");
        using (child)
        {
            using var http = new HttpClient();
            Assert.Contains("\"status\":\"ok\"", await http.GetStringAsync(url + "_emulator/health"));
            Assert.Equal(0, Kill(child.Id, signal));
            Assert.True(await Exits(child, 15), $"emulator did not exit on {name}");
            Assert.Equal(0, child.ExitCode);
            Assert.Contains($"exiting: {name}", await child.StandardError.ReadToEndAsync());
        }
    }

    [Fact]
    public async Task Exits_on_stdin_eof_when_asked()
    {
        var (child, _) = Start("--exit-on-stdin-eof --idle-timeout 120", stdin: true);
        using (child)
        {
            child.StandardInput.Close();
            Assert.True(await Exits(child, 15), "emulator did not exit on stdin EOF");
        }
    }
}
