using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Tests.Configuration
{
    public class ConfigLocatorTests
    {
        [Fact]
        public void PrefersTheCloudComposeSubfolderAndYmlOverYaml()
        {
            using var temp = new TempFolder();
            temp.Write("cloud-compose.yml", "x");
            temp.Write("cloud-compose/cloud-compose.yaml", "x");
            var sub = temp.Write("cloud-compose/cloud-compose.yml", "x");
            Assert.Equal(sub, ConfigLocator.Locate(temp.Path));
        }

        [Fact]
        public void FallsBackToTheFolderItself()
        {
            using var temp = new TempFolder();
            var yaml = temp.Write("cloud-compose.yaml", "x");
            Assert.Equal(yaml, ConfigLocator.Locate(temp.Path));
            var yml = temp.Write("cloud-compose.yml", "x");
            Assert.Equal(yml, ConfigLocator.Locate(temp.Path));
        }

        [Fact]
        public void AFileIsTakenAsIs()
        {
            using var temp = new TempFolder();
            var file = temp.Write("custom.yml", "x");
            Assert.Equal(file, ConfigLocator.Locate(file));
        }

        [Fact]
        public void NothingFoundListsEveryCandidate()
        {
            using var temp = new TempFolder();
            var e = Assert.Throws<CloudComposeException>(() => ConfigLocator.Locate(temp.Path));
            Assert.Equal(ErrorIds.ConfigNotFound, e.ErrorId);
            foreach (var candidate in ConfigLocator.Candidates(temp.Path))
            {
                Assert.Contains(candidate, e.Message);
            }
        }
    }
}
