using CloudCompose.Image.Bake;
using CloudCompose.Image.Configuration;

namespace CloudCompose.Image.Tests.Bake
{
    public class BuildTagsTests
    {
        private static ImageConfig Config(string extra = "") => ConfigReader.Parse(
            "image:\n  name: docker\n  version: '1.10'\n  aws:\n    ami: ami-6d1c2007\n    subnet: subnet-9f0074c6\n" + extra,
            "/c/cloud-compose.yml", _ => null);

        [Fact]
        public void CarriesTheOriginalTagsPlusBuildIdAndDeadline()
        {
            var tags = BuildTags.For(Config("    tags:\n      Team: platform\n"), "b1", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
            Assert.Equal(
                new[] { "ImageName=docker", "ImageVersion=1.10", "Name=docker:1.10", "Team=platform", "CloudComposeBuildId=b1", "CloudComposeDeadline=2026-01-02T03:04:05Z" },
                tags.Select(t => $"{t.Key}={t.Value}"));
        }

        [Fact]
        public void ExtraTagsMayRenameButNeverOverrideTheKeysCleanupNeeds()
        {
            var tags = BuildTags.For(Config("    tags:\n      Name: custom\n      ImageName: hijack\n"), "b1", DateTime.UtcNow);
            Assert.Equal("custom", BuildTags.Value(tags, "Name"));
            Assert.Equal("docker", BuildTags.Value(tags, "ImageName"));
            Assert.Single(tags, t => t.Key == "Name");
        }

        [Fact]
        public void SpecificationsCoverEachResourceType()
        {
            var specs = BuildTags.Specifications(BuildTags.For(Config(), "b", DateTime.UtcNow), "image", "snapshot");
            Assert.Equal(new[] { "image", "snapshot" }, specs.Select(s => s.ResourceType.Value));
            Assert.All(specs, s => Assert.Contains(s.Tags, t => t.Key == "ImageName" && t.Value == "docker"));
        }

        [Fact]
        public void ABuilderPastItsDeadlineIsAbandoned()
        {
            var instance = new Amazon.EC2.Model.Instance { Tags = new List<Amazon.EC2.Model.Tag> { new("CloudComposeDeadline", "2026-01-01T00:00:00Z") } };
            Assert.True(Builders.IsAbandoned(instance, new DateTime(2026, 1, 1, 0, 0, 1, DateTimeKind.Utc)));
            Assert.False(Builders.IsAbandoned(instance, new DateTime(2025, 12, 31, 23, 0, 0, DateTimeKind.Utc)));
            Assert.True(Builders.IsAbandoned(new Amazon.EC2.Model.Instance(), DateTime.UtcNow));
        }
    }
}
