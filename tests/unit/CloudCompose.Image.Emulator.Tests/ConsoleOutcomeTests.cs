using Amazon.EC2.Model;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Xunit;

namespace CloudCompose.Image.Emulator.Tests;

public sealed class ConsoleOutcomeTests : EmulatorTest
{
    private const string Script = "#!/bin/bash\nBUILD_TOKEN=cc-7f3a9b\nrun-steps\necho \"CC-DONE $BUILD_TOKEN $?\"\nshutdown -h now\n";

    private async Task<string?> Console(string id)
    {
        var o = await Ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = id });
        Assert.Equal(id, o.InstanceId);
        return o.Output is null ? null : Unb64(o.Output);
    }

    [Fact]
    public async Task Default_outcome_has_no_console_text_and_stops_after_the_script()
    {
        var inst = await Launch(SeedImage(), Script);
        Advance(65);
        Assert.Null(await Console(inst.InstanceId));
    }

    [Fact]
    public async Task Default_rule_fills_placeholders_from_user_data_once_the_script_ends()
    {
        State.SetDefaultOutcome(new ScriptOutcome
        {
            ConsoleText = "cloud-init starting\nCC-DONE {userdata:BUILD_TOKEN=(\\S+)} exit={exitCode} on {instanceId}\n",
            ExitCode = 3,
            ScriptDuration = TimeSpan.FromMinutes(2),
        });
        var inst = await Launch(SeedImage(), Script);
        Advance(5 + 119);
        Assert.Null(await Console(inst.InstanceId));
        Advance(1);
        Assert.Equal($"cloud-init starting\nCC-DONE cc-7f3a9b exit=3 on {inst.InstanceId}\n", await Console(inst.InstanceId));
        Assert.Equal(Amazon.EC2.InstanceStateName.Stopping, (await Describe(inst.InstanceId)).State.Name);
    }

    [Fact]
    public async Task Rules_match_by_user_data_or_tags_and_count_down()
    {
        var ami = SeedImage();
        State.AddOutcomeRule(new OutcomeRule { UserDataContains = "special", Count = 1, Outcome = new ScriptOutcome { ConsoleText = "special", ScriptDuration = TimeSpan.FromSeconds(1) } });
        State.AddOutcomeRule(new OutcomeRule { Tags = new() { ["role"] = "*" }, Outcome = new ScriptOutcome { ConsoleText = "tagged", ScriptDuration = TimeSpan.FromSeconds(1) } });
        var a = await Launch(ami, "a special script");
        var b = await Launch(ami, "a special script");
        var c = await Launch(ami, "plain", tweak: r => r.TagSpecifications = [new TagSpecification { ResourceType = "instance", Tags = [new Tag("role", "web")] }]);
        Advance(10);
        Assert.Equal("special", await Console(a.InstanceId));
        Assert.Null(await Console(b.InstanceId));
        Assert.Equal("tagged", await Console(c.InstanceId));
        Assert.Single(State.OutcomeRules);
    }

    [Fact]
    public async Task Instances_launched_from_an_image_the_emulator_made_get_the_outcome_of_their_image()
    {
        var source = SeedImage("base");
        State.SetDefaultOutcome(new ScriptOutcome { ConsoleText = "builder ok", ScriptDuration = TimeSpan.FromSeconds(1) });
        State.AddOutcomeRule(new OutcomeRule { ImageName = "web_1.0_*", Outcome = new ScriptOutcome { ConsoleText = "test of {imageId} exit={exitCode}", ExitCode = 4, ScriptDuration = TimeSpan.FromSeconds(1) } });
        var builder = await Launch(source, "build");
        Advance(20);
        var made = (await Ec2.CreateImageAsync(new CreateImageRequest { InstanceId = builder.InstanceId, Name = "web_1.0_2026-11-26-10-00-00" })).ImageId;
        Advance(60);
        var tester = await Launch(made, "test");
        State.AddOutcomeRule(new OutcomeRule { ImageId = source, Outcome = new ScriptOutcome { ConsoleText = "by id", ScriptDuration = TimeSpan.FromSeconds(1) } });
        var second = await Launch(source, "build again");
        Advance(20);
        Assert.Equal("builder ok", await Console(builder.InstanceId));
        Assert.Equal($"test of {made} exit=4", await Console(tester.InstanceId));
        Assert.Equal("by id", await Console(second.InstanceId));
    }

    [Fact]
    public async Task NeverStops_keeps_running_and_NoConsole_prints_nothing()
    {
        State.SetNextOutcome(new ScriptOutcome { NeverStops = true, NoConsole = true, ConsoleText = "hidden" });
        var inst = await Launch(SeedImage());
        Advance(3600);
        Assert.Equal(Amazon.EC2.InstanceStateName.Running, (await Describe(inst.InstanceId)).State.Name);
        Assert.Null(await Console(inst.InstanceId));
    }

    [Fact]
    public async Task TerminateAfter_terminates_the_builder_underneath()
    {
        State.SetNextOutcome(new ScriptOutcome { TerminateAfter = TimeSpan.FromSeconds(30), ConsoleText = "never shown" });
        var inst = await Launch(SeedImage());
        Advance(5 + 30);
        Assert.Equal(Amazon.EC2.InstanceStateName.ShuttingDown, (await Describe(inst.InstanceId)).State.Name);
        Advance(10);
        var d = await Describe(inst.InstanceId);
        Assert.Equal(Amazon.EC2.InstanceStateName.Terminated, d.State.Name);
        Assert.Equal("Server.InternalError", d.StateReason.Code);
        Assert.Null(await Console(inst.InstanceId));
    }

    [Fact]
    public async Task Per_instance_outcome_replans_a_running_instance()
    {
        var inst = await Launch(SeedImage(), Script);
        Advance(10);
        State.SetInstanceOutcome(inst.InstanceId, new ScriptOutcome { ConsoleText = "late {userdata:TOKEN=(cc-[0-9a-f]{6})}", ScriptDuration = TimeSpan.FromSeconds(20) });
        Advance(20);
        Assert.Equal("late cc-7f3a9b", await Console(inst.InstanceId));
        Assert.Equal(Amazon.EC2.InstanceStateName.Stopping, (await Describe(inst.InstanceId)).State.Name);
    }
}
