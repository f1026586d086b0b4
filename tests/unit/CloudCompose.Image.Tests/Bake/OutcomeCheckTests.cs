using CloudCompose.Image.Bake;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Tests.Bake
{
    public class OutcomeCheckTests
    {
        private static readonly ImageConfig Config = ConfigReader.Parse(
            "image:\n  name: web\n  version: '1'\n  aws:\n    ami: ami-6d1c2007\n    subnet: subnet-9f0074c6\n", "/c/cloud-compose.yml", _ => null);

        private static CloudComposeException? Check(string console, BakeOptions? options = null)
        {
            try
            {
                OutcomeCheck.EnsureSucceeded(Config, "i-1", console, ScriptOutcome.Parse(console, "tok"), options ?? new BakeOptions());
                return null;
            }
            catch (CloudComposeException e)
            {
                return e;
            }
        }

        [Fact]
        public void ExitZeroMakesTheImage() => Assert.Null(Check("CLOUDCOMPOSE-RESULT tok exit=0\n"));

        [Fact]
        public void ANonZeroExitNamesTheCodeAndShowsTheConsoleTail()
        {
            var e = Check("apt-get: unable to locate package nope\nCLOUDCOMPOSE-RESULT tok exit=100\n");
            Assert.Equal(ErrorIds.ImageScriptFailed, e?.ErrorId);
            Assert.Contains("exit code 100", e!.Message);
            Assert.Contains("unable to locate package nope", e.Message);
            Assert.Equal("/c/cloud-compose.yml", e.Target);
        }

        [Fact]
        public void NoMarkerIsAFailureThatSuggestsSkipScriptCheck()
        {
            var e = Check("the console of an AMI without a serial console\n");
            Assert.Equal(ErrorIds.ImageScriptFailed, e?.ErrorId);
            Assert.Contains("-SkipScriptCheck", e!.Hint);
        }

        [Fact]
        public void TheWatchdogMeansTheBuildTimedOut()
        {
            var e = Check("CLOUDCOMPOSE-RESULT tok watchdog\n");
            Assert.Equal(ErrorIds.BuildTimedOut, e?.ErrorId);
            Assert.Equal(ErrorKind.Timeout, e!.Kind);
        }

        [Theory]
        [InlineData(true, false)]
        [InlineData(false, true)]
        public void SkipScriptCheckAndNoTemplateTrustTheStop(bool skip, bool noTemplate) =>
            Assert.Null(Check("no marker\n", new BakeOptions { SkipScriptCheck = skip, NoTemplate = noTemplate }));
    }
}
