using System.Collections;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.Tests.Configuration
{
    /// <summary>image.test and image.publish: what they accept, and one error naming file, line and key for what they do not.</summary>
    public class ReleaseSettingsTests
    {
        private const string File = "/cfg/cloud-compose.yml";
        private const string Head = "image:\n  name: docker\n  version: '1.10'\n  aws:\n    ami: ami-6d1c2007\n    subnet: subnet-9f0074c6\n";

        private static ImageConfig Parse(string yaml) => ConfigReader.Parse(yaml, File, _ => null);

        private static CloudComposeException Fails(string yaml) => Assert.ThrowsAny<CloudComposeException>(() => Parse(yaml));

        [Fact]
        public void WithoutTheKeysThereIsNoTestAndNothingToPublish()
        {
            var config = Parse(Head);
            Assert.Null(config.Test);
            Assert.True(config.Publish.IsEmpty);
        }

        [Fact]
        public void ReadsTheShortAndTheLongForms()
        {
            var config = Parse(Head + "  test: test.sh\n  publish:\n    ssm_parameter: /images/docker/latest\n    launch_templates: [web, worker]\n");
            Assert.Equal("test.sh", config.Test!.Script);
            Assert.Null(config.Test.InstanceType);
            Assert.Equal(new[] { "/images/docker/latest" }, config.Publish.SsmParameters);
            Assert.Equal(new[] { "web", "worker" }, config.Publish.LaunchTemplates);

            config = Parse(Head + "  test:\n    script: checks/smoke.sh\n    instance_type: t3.small\n  publish:\n    ssm_parameter: [/a/latest, /b/latest, /a/latest]\n    launch_templates: web,worker\n");
            Assert.Equal(("checks/smoke.sh", "t3.small"), (config.Test!.Script, config.Test.InstanceType));
            Assert.Equal(new[] { "/a/latest", "/b/latest" }, config.Publish.SsmParameters);
            Assert.Equal(new[] { "web", "worker" }, config.Publish.LaunchTemplates);
        }

        [Theory]
        [InlineData("  publish:\n    ssm_paramter: /x\n", ErrorIds.ConfigKeyUnknown, 8, "image.publish.ssm_paramter: unknown key; did you mean 'ssm_parameter'?")]
        [InlineData("  publish:\n    ssm_parameter: /aws/mine\n", ErrorIds.ConfigInvalid, 8, "image.publish.ssm_parameter: '/aws/mine' may not begin with 'aws'")]
        [InlineData("  publish:\n    ssm_parameter: images/latest\n", ErrorIds.ConfigInvalid, 8, "must begin with /")]
        [InlineData("  publish:\n    ssm_parameter: /images/lat est\n", ErrorIds.ConfigInvalid, 8, "may contain only letters")]
        [InlineData("  publish:\n    launch_templates: [web, 'a b']\n", ErrorIds.ConfigInvalid, 8, "image.publish.launch_templates: 'a b' is not a launch template name")]
        [InlineData("  publish: /images/latest\n", ErrorIds.ConfigInvalid, 7, "image.publish: expected a map")]
        [InlineData("  test:\n    scrpt: test.sh\n", ErrorIds.ConfigKeyUnknown, 8, "image.test.scrpt: unknown key; did you mean 'script'?")]
        [InlineData("  test:\n    instance_type: t3.small\n", ErrorIds.ConfigInvalid, 8, "image.test.script: this key is required")]
        [InlineData("  test: [a, b]\n", ErrorIds.ConfigInvalid, 7, "image.test: expected the test script's name")]
        [InlineData("  test: ''\n", ErrorIds.ConfigInvalid, 7, "image.test: expected the test script's name")]
        public void BadValuesNameFileLineAndKey(string tail, string errorId, int line, string expected)
        {
            var e = Fails(Head + tail);
            Assert.Equal(errorId, e.ErrorId);
            Assert.Equal(File, e.Target);
            Assert.Equal(line, e.Line);
            Assert.Contains($"{File}:{line}:", e.Message);
            Assert.Contains(expected, e.Message);
        }

        [Fact]
        public void ParameterTagsMustBeValuesParameterStoreAccepts()
        {
            var e = Fails(Head.Replace("name: docker", "name: docker(x)") + "  publish:\n    ssm_parameter: /images/latest\n");
            Assert.Equal(ErrorIds.ConfigInvalid, e.ErrorId);
            Assert.Contains("image.publish.ssm_parameter: the parameter is tagged with image.name 'docker(x)'", e.Message);
            Assert.NotNull(Parse(Head.Replace("name: docker", "name: docker(x)") + "  publish:\n    launch_templates: [web]\n"));
        }

        [Fact]
        public void TheTestScriptRendersThroughTheSearchPathWithTheSameVariables()
        {
            using var folder = new TempFolder();
            folder.Write("templates/test.sh", "#!/bin/bash\n{% include 'check.sh' %}\necho {{ name }} {{ greeting }} {{ HOME_DIR }}\n");
            folder.Write("templates/check.sh", "test -x /usr/bin/docker");
            var file = folder.Write("cfg/cloud-compose.yml", Head + "  greeting: hello\n  search_path: [../templates]\n  test: test.sh\n");
            var config = ConfigReader.Read(file, _ => null);
            var script = ScriptRenderer.RenderTest(config, new Hashtable { ["HOME_DIR"] = "/home/x" })!;
            Assert.Equal("#!/bin/bash\ntest -x /usr/bin/docker\necho docker hello /home/x", script.Script);
            Assert.Equal(2, script.Files.Count);
            Assert.Null(ScriptRenderer.RenderTest(ConfigReader.Read(folder.Write("other/cloud-compose.yml", Head), _ => null), new Hashtable()));
        }

        [Fact]
        public void AMissingTestScriptIsTheConfigLinesFault()
        {
            using var folder = new TempFolder();
            var file = folder.Write("cloud-compose.yml", Head + "  test: missing.sh\n");
            var e = Assert.ThrowsAny<CloudComposeException>(() => ScriptRenderer.RenderTest(ConfigReader.Read(file, _ => null), new Hashtable()));
            Assert.Equal("TemplateNotFound", e.ErrorId);
            Assert.Equal(7, e.Line);
            Assert.Contains($"{file}:7:3: image.test: Template 'missing.sh' was not found", e.Message);
        }
    }
}
