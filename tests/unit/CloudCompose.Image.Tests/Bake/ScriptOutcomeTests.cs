using CloudCompose.Image.Bake;

namespace CloudCompose.Image.Tests.Bake
{
    public class ScriptOutcomeTests
    {
        [Theory]
        [InlineData("boot\nCLOUDCOMPOSE-RESULT abc exit=0\n", true, 0, false)]
        [InlineData("boot\nCLOUDCOMPOSE-RESULT abc exit=3\nreboot: Power down\n", true, 3, false)]
        [InlineData("CLOUDCOMPOSE-RESULT abc watchdog\n", true, null, true)]
        [InlineData("CLOUDCOMPOSE-RESULT other exit=0\n", false, null, false)]
        [InlineData("no marker at all", false, null, false)]
        [InlineData("", false, null, false)]
        public void ReadsTheMarkerOfThisBuildOnly(string console, bool found, int? exitCode, bool watchdog)
        {
            var outcome = ScriptOutcome.Parse(console, "abc");
            Assert.Equal(found, outcome.Found);
            Assert.Equal(exitCode, outcome.ExitCode);
            Assert.Equal(watchdog, outcome.WatchdogFired);
        }

        [Fact]
        public void TheLastMarkerWins()
        {
            // The wrapper writes to two devices, and a reboot can replay an old line: the last word counts.
            var outcome = ScriptOutcome.Parse("CLOUDCOMPOSE-RESULT abc exit=1\nCLOUDCOMPOSE-RESULT abc exit=0\n", "abc");
            Assert.True(outcome.Succeeded);
        }

        [Fact]
        public void TailKeepsTheLastLines()
        {
            Assert.Equal("c" + Environment.NewLine + "d", ScriptOutcome.Tail("a\nb\nc\nd\n", 2));
            Assert.Equal("(the console output is empty)", ScriptOutcome.Tail(null, 5));
        }
    }
}
