using System.Diagnostics;
using System.Text.RegularExpressions;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Tests.Bake;

/// <summary>
/// image.hygiene: the wrapper removes what the build leaves on the builder's disk. The removal lines run in real bash
/// against a scratch copy of the paths (every absolute path moved under a temporary root), so the globs and the
/// conditions are proven, not just present.
/// </summary>
public sealed class BuildHygieneTests : IDisposable
{
    private const string File = "/cfg/cloud-compose.yml";
    private const string Head = "image:\n  name: docker\n  version: '1.10'\n  aws:\n    ami: ami-6d1c2007\n    subnet: subnet-9f0074c6\n";
    private readonly TempFolder root = new();

    public void Dispose() => root.Dispose();

    private static ImageConfig Parse(string yaml) => ConfigReader.Parse(yaml, File, _ => null);

    [Theory]
    [InlineData("", new[] { "user-data", "script-log", "cloud-init", "ssh-host-keys", "machine-id" })]
    [InlineData("  hygiene: true\n", new[] { "user-data", "script-log", "cloud-init", "ssh-host-keys", "machine-id" })]
    [InlineData("  hygiene: false\n", new string[0])]
    [InlineData("  hygiene: []\n", new string[0])]
    [InlineData("  hygiene: [machine-id, user-data]\n", new[] { "user-data", "machine-id" })]
    [InlineData("  hygiene: ssh-host-keys, script-log\n", new[] { "script-log", "ssh-host-keys" })]
    public void The_config_chooses_all_none_or_some_steps_in_the_wrappers_order(string tail, string[] steps) =>
        Assert.Equal(steps, Parse(Head + tail).Hygiene);

    [Fact]
    public void An_unknown_step_is_one_error_naming_file_line_and_the_closest_step()
    {
        var e = Assert.ThrowsAny<CloudComposeException>(() => Parse(Head + "  hygiene: [machine-id, ssh-hostkeys]\n"));
        Assert.Equal(ErrorIds.ConfigInvalid, e.ErrorId);
        Assert.Equal(7, e.Line);
        Assert.Contains($"{File}:7:", e.Message);
        Assert.Contains("'ssh-hostkeys' is not a hygiene step; did you mean 'ssh-host-keys'?", e.Message);
    }

    [Fact]
    public void Every_step_is_in_the_wrapper_between_the_script_and_the_result_marker()
    {
        var wrapped = UserDataWrapper.Wrap("echo hi\n", "tok", DateTime.UtcNow.AddMinutes(5), TimeSpan.FromMinutes(5), BuildHygiene.AllSteps);
        var script = wrapped.IndexOf("cc_exit=$?\n", StringComparison.Ordinal);
        var marker = wrapped.IndexOf("cc_report \"exit=$cc_exit\"", StringComparison.Ordinal);
        foreach (var step in BuildHygiene.AllSteps)
        {
            var at = wrapped.IndexOf("# image.hygiene " + step + "\n", StringComparison.Ordinal);
            Assert.True(at > script && at < marker, $"{step} runs after image.sh and before the marker");
        }

        Assert.DoesNotContain("image.hygiene", UserDataWrapper.Wrap("echo hi\n", "tok", DateTime.UtcNow.AddMinutes(5), TimeSpan.FromMinutes(5), new string[0]));
        var two = UserDataWrapper.Wrap("echo hi\n", "tok", DateTime.UtcNow.AddMinutes(5), TimeSpan.FromMinutes(5), new[] { BuildHygiene.MachineId });
        Assert.Single(Regex.Matches(two, "# image.hygiene "));
    }

    [SkippableBashFact]
    public void After_a_successful_script_the_steps_remove_the_builds_traces_and_nothing_else()
    {
        Seed();
        Run(BuildHygiene.AllSteps, exitCode: 0, cloudInit: true);

        Assert.False(Exists("var/lib/cloud/instances/i-0abc/user-data.txt"));
        Assert.False(Exists("var/lib/cloud/instances/i-0abc/user-data.txt.i"));
        Assert.False(Exists("var/lib/cloud/instances/i-0abc/scripts/part-001"));
        Assert.False(Exists("var/lib/cloud/instances/i-0abc/obj.pkl"));
        Assert.False(Exists("var/log/cloud-compose-image.log"));
        Assert.False(Exists("etc/ssh/ssh_host_ed25519_key"));
        Assert.False(Exists("etc/ssh/ssh_host_rsa_key.pub"));
        Assert.Equal(string.Empty, System.IO.File.ReadAllText(Path.Combine(root.Path, "etc/machine-id")));
        Assert.False(Exists("var/lib/dbus/machine-id"));
        Assert.Equal("clean --logs\n", System.IO.File.ReadAllText(Path.Combine(root.Path, "cloud-init.calls")));

        // What the image is for stays.
        Assert.True(Exists("etc/ssh/sshd_config"));
        Assert.True(Exists("var/lib/cloud/instances/i-0abc/boot-finished"));
        Assert.True(Exists("var/log/messages"));
    }

    [SkippableBashFact]
    public void A_failed_script_keeps_everything_for_debugging()
    {
        Seed();
        Run(BuildHygiene.AllSteps, exitCode: 3, cloudInit: true);
        Assert.True(Exists("var/log/cloud-compose-image.log"));
        Assert.True(Exists("var/lib/cloud/instances/i-0abc/user-data.txt"));
        Assert.Equal("0123456789abcdef0123456789abcdef\n", System.IO.File.ReadAllText(Path.Combine(root.Path, "etc/machine-id")));
        Assert.False(Exists("cloud-init.calls"));
    }

    [SkippableBashFact]
    public void Chosen_steps_run_alone_and_a_system_without_cloud_init_or_dbus_is_fine()
    {
        Seed();
        System.IO.File.Delete(Path.Combine(root.Path, "var/lib/dbus/machine-id"));
        Run(new[] { BuildHygiene.MachineId, BuildHygiene.CloudInit }, exitCode: 0, cloudInit: false);
        Assert.Equal(string.Empty, System.IO.File.ReadAllText(Path.Combine(root.Path, "etc/machine-id")));
        Assert.True(Exists("var/log/cloud-compose-image.log"));
        Assert.True(Exists("etc/ssh/ssh_host_ed25519_key"));
        Assert.True(Exists("var/lib/cloud/instances/i-0abc/user-data.txt"));
    }

    private bool Exists(string relative) => System.IO.File.Exists(Path.Combine(root.Path, relative));

    private void Seed()
    {
        foreach (var f in new[]
        {
            "var/lib/cloud/instances/i-0abc/user-data.txt", "var/lib/cloud/instances/i-0abc/user-data.txt.i", "var/lib/cloud/instances/i-0abc/scripts/part-001",
            "var/lib/cloud/instances/i-0abc/obj.pkl", "var/lib/cloud/instances/i-0abc/boot-finished", "var/log/cloud-compose-image.log", "var/log/messages",
            "etc/ssh/ssh_host_ed25519_key", "etc/ssh/ssh_host_ed25519_key.pub", "etc/ssh/ssh_host_rsa_key", "etc/ssh/ssh_host_rsa_key.pub", "etc/ssh/sshd_config",
            "var/lib/dbus/machine-id",
        })
        {
            root.Write(f, "content\n");
        }

        root.Write("etc/machine-id", "0123456789abcdef0123456789abcdef\n");
    }

    /// <summary>The wrapper's hygiene block with its absolute paths moved under the scratch root, run by bash.</summary>
    private void Run(IReadOnlyCollection<string> steps, int exitCode, bool cloudInit)
    {
        var wrapped = UserDataWrapper.Wrap("echo hi\n", "tok", DateTime.UtcNow.AddMinutes(5), TimeSpan.FromMinutes(5), steps);
        var block = Regex.Match(wrapped, "^if \\[ \"\\$cc_exit\" -eq 0 \\]; then\n.*?^fi\n", RegexOptions.Multiline | RegexOptions.Singleline).Value;
        Assert.NotEmpty(block);
        var moved = Regex.Replace(block, @"(?<=[\s\[])/(?=(var|etc)/)", "\"$CC_ROOT\"/");
        var bin = Path.Combine(root.Path, "bin");
        Directory.CreateDirectory(bin);
        if (cloudInit)
        {
            var fake = Path.Combine(bin, "cloud-init");
            System.IO.File.WriteAllText(fake, "#!/bin/bash\necho \"$*\" >> \"$CC_ROOT/cloud-init.calls\"\n");
            System.IO.File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo("bash", new[] { "-c", $"cc_exit={exitCode}\n" + moved }) { RedirectStandardError = true };
        start.Environment["CC_ROOT"] = root.Path;
        start.Environment["PATH"] = bin + ":/usr/bin:/bin";
        using var bash = Process.Start(start)!;
        var errors = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0, errors);
        Assert.Equal(string.Empty, errors);
    }
}

/// <summary>A fact that needs bash (Linux and macOS); elsewhere it is skipped with the reason printed.</summary>
public sealed class SkippableBashFactAttribute : FactAttribute
{
    public SkippableBashFactAttribute()
    {
        if (OperatingSystem.IsWindows() || !new[] { "/bin/bash", "/usr/bin/bash" }.Any(System.IO.File.Exists))
        {
            Skip = "bash is not available here; the hygiene lines run on Linux builders.";
        }
    }
}
