using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Tests.Configuration
{
    public class ConfigIdentityTests
    {
        [Fact]
        public void NeedsOnlyNameVersionAndRegionToBeResolvable()
        {
            using var temp = new TempFolder();
            var file = temp.Write("cloud-compose.yml",
                "image:\n  name: ${APP:-web}\n  version: 1.10\n  aws:\n    ami: ${AMI_NOT_SET}\n    subnet: ${SUBNET_NOT_SET}\n    region: eu-west-1\n");

            var identity = ConfigReader.ReadIdentity(file, _ => null);

            Assert.Equal("web", identity.Name);
            Assert.Equal("1.10", identity.Version);
            Assert.Equal("eu-west-1", identity.Region);
            Assert.Throws<CloudComposeException>(() => ConfigReader.Read(file, _ => null));
        }

        [Fact]
        public void AMissingNameIsStillAnError()
        {
            using var temp = new TempFolder();
            var file = temp.Write("cloud-compose.yml", "image:\n  version: '1'\n");
            var e = Assert.Throws<CloudComposeException>(() => ConfigReader.ReadIdentity(file, _ => null));
            Assert.Equal(ErrorIds.ConfigInvalid, e.ErrorId);
            Assert.Contains("image.name", e.Message);
        }
    }
}
