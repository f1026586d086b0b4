using System.IO.Compression;
using System.Text;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Tests.Bake
{
    public class UserDataWrapperTests
    {
        [Fact]
        public void WrapperRunsTheScriptReportsTheExitCodeAndShutsDown()
        {
            var wrapped = UserDataWrapper.Wrap("#!/bin/bash\necho hi", "tok123", new DateTime(2026, 11, 26, 10, 30, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(30));

            Assert.StartsWith("#!/bin/bash\n", wrapped);
            Assert.Contains("# cloud-compose-token: tok123\n", wrapped);
            Assert.Contains("#!/bin/bash\necho hi\nCLOUDCOMPOSE_IMAGE_SH_tok123\n", wrapped);
            // The watchdog sleeps until the deadline (2026-11-26T10:30:00Z), at most the timeout, then reports and shuts down.
            Assert.Contains("( cc_left=$(( 1795689000 - $(date +%s) )); [ \"$cc_left\" -gt 1800 ] && cc_left=1800; sleep \"$cc_left\"; cc_report watchdog; shutdown -h now ) >/dev/null 2>&1 &\n", wrapped);
            Assert.Contains("CLOUDCOMPOSE-RESULT tok123 $1", wrapped);
            Assert.EndsWith("cc_report \"exit=$cc_exit\"\nsync\nshutdown -h now\n", wrapped);
            Assert.Contains("\n/var/tmp/cloud-compose-image.sh > >(tee", wrapped);
        }

        [Fact]
        public void AScriptWithoutShebangRunsUnderBash()
        {
            var wrapped = UserDataWrapper.Wrap("echo hi\n", "t", DateTime.UtcNow, TimeSpan.FromMinutes(1));
            Assert.Contains("\n/bin/bash /var/tmp/cloud-compose-image.sh > >(tee", wrapped);
        }

        [Fact]
        public void SmallUserDataIsPlainBase64()
        {
            var encoded = UserDataWrapper.Encode("#!/bin/bash\necho é\n", "cfg", out var compressed);
            Assert.False(compressed);
            Assert.Equal("#!/bin/bash\necho é\n", Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
        }

        [Fact]
        public void LargeUserDataIsGzippedUnderTheLimit()
        {
            var big = "#!/bin/bash\n" + string.Concat(Enumerable.Repeat("echo 'the same line again and again'\n", 1000));
            Assert.True(Encoding.UTF8.GetByteCount(big) > UserDataWrapper.MaxUserDataBytes);

            var encoded = UserDataWrapper.Encode(big, "cfg", out var compressed);
            var bytes = Convert.FromBase64String(encoded);

            Assert.True(compressed);
            Assert.True(bytes.Length <= UserDataWrapper.MaxUserDataBytes);
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            Assert.Equal(big, reader.ReadToEnd());
        }

        [Fact]
        public void UserDataTooLargeEvenGzippedIsAnError()
        {
            var random = new Random(7);
            var noise = new string(Enumerable.Range(0, 40000).Select(_ => (char)random.Next(33, 126)).ToArray());
            var e = Assert.Throws<CloudComposeException>(() => UserDataWrapper.Encode(noise, "/x/cloud-compose.yml", out _));
            Assert.Equal(ErrorIds.UserDataTooLarge, e.ErrorId);
            Assert.Equal("/x/cloud-compose.yml", e.Target);
        }
    }
}
