using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Tests.Configuration
{
    public class ConfigReaderTests
    {
        private const string File = "/cfg/cloud-compose.yml";

        private static readonly Dictionary<string, string> Env = new()
        {
            ["AMI_ID"] = "ami-6d1c2007",
            ["SUBNET_ID"] = "subnet-9f0074c6",
            ["EMPTY"] = string.Empty,
        };

        private static ImageConfig Parse(string yaml) => ConfigReader.Parse(yaml, File, name => Env.TryGetValue(name, out var v) ? v : null);

        private static CloudComposeException Fails(string yaml) => Assert.ThrowsAny<CloudComposeException>(() => Parse(yaml));

        private const string Minimal = "image:\n  name: docker\n  version: '1.10'\n  aws:\n    ami: ami-6d1c2007\n    subnet: subnet-9f0074c6\n";

        [Fact]
        public void ReadsTheSeedReadmeExample()
        {
            var config = Parse(
                "image:\n  name: docker\n  version: '1.10'\n  search_path:\n    - ../templates\n  aws:\n    ami: ami-6d1c2007\n" +
                "    subnet: subnet-9f0074c6\n    keypair: drydock\n    instance_type: t2.micro\n    security_groups: sg-35c74951\n");

            Assert.Equal("docker", config.Name);
            Assert.Equal("1.10", config.Version);
            Assert.Equal(new[] { "/cfg", "/templates" }, config.SearchPath);
            Assert.Equal("ami-6d1c2007", config.Aws.Ami.ImageId);
            Assert.Equal("subnet-9f0074c6", config.Aws.Subnet);
            Assert.Equal("drydock", config.Aws.KeyPair);
            Assert.Equal(new[] { "sg-35c74951" }, config.Aws.SecurityGroups);
        }

        [Fact]
        public void AppliesOriginalDefaults()
        {
            var config = Parse(Minimal);
            Assert.Equal("t2.micro", config.Aws.InstanceType);
            Assert.False(config.Aws.DetailedMonitoring);
            Assert.False(config.Aws.EbsOptimized);
            Assert.Null(config.Aws.KeyPair);
            Assert.Empty(config.Aws.SecurityGroups);
            Assert.Empty(config.Aws.Tags);
            Assert.Equal(new[] { "/cfg" }, config.SearchPath);
        }

        [Theory]
        [InlineData("1.10", "1.10")]
        [InlineData("'1.10'", "1.10")]
        [InlineData("2", "2")]
        [InlineData("1.0.0", "1.0.0")]
        [InlineData("\"007\"", "007")]
        public void VersionKeepsItsText(string yaml, string expected)
        {
            var config = Parse(Minimal.Replace("'1.10'", yaml));
            Assert.Equal(expected, config.Version);
            Assert.Equal(expected, config.Variables["version"]?.ToString());
        }

        [Fact]
        public void OtherTopLevelKeysAreIgnored()
        {
            var config = Parse("cluster:\n  name: other\n  weird: [1, 2]\n" + Minimal);
            Assert.Equal("docker", config.Name);
        }

        [Fact]
        public void SecurityGroupsAcceptCommaStringOrList()
        {
            var comma = Parse(Minimal + "    security_groups: sg-11111111, sg-22222222\n");
            var list = Parse(Minimal + "    security_groups:\n      - sg-11111111\n      - sg-22222222\n");
            Assert.Equal(new[] { "sg-11111111", "sg-22222222" }, comma.Aws.SecurityGroups);
            Assert.Equal(comma.Aws.SecurityGroups, list.Aws.SecurityGroups);
        }

        [Fact]
        public void InstanceTypeIsOneTypeOrAnOrderedListTriedOnCapacityErrors()
        {
            Assert.Equal(new[] { "t2.micro" }, Parse(Minimal).Aws.InstanceTypes);
            var list = Parse(Minimal + "    instance_type: [t3.small, t3a.small, t3.small, m5.large]\n");
            Assert.Equal(new[] { "t3.small", "t3a.small", "m5.large" }, list.Aws.InstanceTypes);
            Assert.Equal("t3.small", list.Aws.InstanceType);
            Assert.Equal(new[] { "c6i.large", "c5.large" }, Parse(Minimal + "    instance_type: c6i.large, c5.large\n").Aws.InstanceTypes);

            var e = Fails(Minimal + "    instance_type: []\n");
            Assert.Equal(ErrorIds.ConfigInvalid, e.ErrorId);
            Assert.Contains($"{File}:7:", e.Message);
            Assert.Contains("image.aws.instance_type: expected an instance type", e.Message);
        }

        [Fact]
        public void PlaceholdersAreFilledFromTheEnvironment()
        {
            var config = Parse(Minimal.Replace("ami-6d1c2007", "${AMI_ID}").Replace("subnet-9f0074c6", "${SUBNET_ID}"));
            Assert.Equal("ami-6d1c2007", config.Aws.Ami.ImageId);
            Assert.Equal("subnet-9f0074c6", config.Aws.Subnet);
        }

        [Fact]
        public void PlaceholderDefaultsAndLiteralDollar()
        {
            var config = Parse(Minimal + "  motd: ${NOPE:-hello} ${EMPTY:-was-empty} $${HOME}\n  # ${NOT_SET_IN_A_COMMENT}\n");
            Assert.Equal("hello was-empty ${HOME}", config.Variables["motd"]);
        }

        [Fact]
        public void MissingPlaceholderNamesVariableFileAndLine()
        {
            var e = Fails(Minimal.Replace("subnet-9f0074c6", "${SUBNET_NOPE}"));
            Assert.Equal(ErrorIds.ConfigVariableUndefined, e.ErrorId);
            Assert.Equal(6, e.Line);
            Assert.Equal(13, e.Column);
            Assert.Contains("SUBNET_NOPE", e.Message);
            Assert.Contains(File, e.Message);
            Assert.Contains("image.aws.subnet", e.Message);
        }

        [Fact]
        public void UnknownImageKeysBecomeTemplateVariables()
        {
            var config = Parse(Minimal + "  packages:\n    - git\n    - curl\n  debug: true\n  retries: 3\n  extra:\n    deep: x\n");
            Assert.Equal(new object?[] { "git", "curl" }, (IEnumerable<object?>)config.Variables["packages"]!);
            Assert.Equal(true, config.Variables["debug"]);
            Assert.Equal("3", config.Variables["retries"]?.ToString());
            Assert.Equal("x", ((IReadOnlyDictionary<string, object?>)config.Variables["extra"]!)["deep"]);
            var aws = (IReadOnlyDictionary<string, object?>)config.Variables["aws"]!;
            Assert.Equal("ami-6d1c2007", aws["ami"]);
        }

        [Fact]
        public void UnknownAwsKeySuggestsTheClosest()
        {
            var e = Fails(Minimal + "    instnce_type: t3.small\n");
            Assert.Equal(ErrorIds.ConfigKeyUnknown, e.ErrorId);
            Assert.Equal(7, e.Line);
            Assert.Equal(5, e.Column);
            Assert.Contains("did you mean 'instance_type'?", e.Message);
            Assert.Contains("image.aws.instnce_type", e.Message);
        }

        [Theory]
        [InlineData("name", "image:\n  version: '1'\n  aws:\n    ami: ami-6d1c2007\n    subnet: subnet-9f0074c6\n")]
        [InlineData("version", "image:\n  name: x1\n  aws:\n    ami: ami-6d1c2007\n    subnet: subnet-9f0074c6\n")]
        [InlineData("aws.ami", "image:\n  name: x1\n  version: '1'\n  aws:\n    subnet: subnet-9f0074c6\n")]
        [InlineData("aws.subnet", "image:\n  name: x1\n  version: '1'\n  aws:\n    ami: ami-6d1c2007\n")]
        public void MissingRequiredKeysAreNamed(string key, string yaml)
        {
            var e = Fails(yaml);
            Assert.Equal(ErrorIds.ConfigInvalid, e.ErrorId);
            Assert.Contains($"image.{key}: this key is required", e.Message);
        }

        [Fact]
        public void MissingImageSectionIsItsOwnError()
        {
            Assert.Equal(ErrorIds.ConfigSectionMissing, Fails("cluster:\n  name: x\n").ErrorId);
            Assert.Equal(ErrorIds.ConfigSectionMissing, Fails("").ErrorId);
        }

        [Theory]
        [InlineData("name: do:cker", "image.name")]
        [InlineData("name: 'a*b'", "image.name")]
        [InlineData("version: '1:2'", "image.version")]
        public void NamesMustMakeAValidAmiName(string replacement, string key)
        {
            var yaml = Minimal.Replace(replacement.StartsWith("name") ? "name: docker" : "version: '1.10'", replacement);
            var e = Fails(yaml);
            Assert.Equal(ErrorIds.ConfigInvalid, e.ErrorId);
            Assert.Contains(key, e.Message);
        }

        [Fact]
        public void OverlongAmiNameIsRejected()
        {
            var e = Fails(Minimal.Replace("name: docker", "name: " + new string('n', 110)));
            Assert.Contains("at most 128", e.Message);
        }

        [Theory]
        [InlineData("ami: ami-XYZ", "image.aws.ami")]
        [InlineData("subnet: sub-123", "image.aws.subnet")]
        public void BadIdsAreRejected(string bad, string key)
        {
            var yaml = Minimal.Replace(bad.StartsWith("ami") ? "ami: ami-6d1c2007" : "subnet: subnet-9f0074c6", bad);
            var e = Fails(yaml);
            Assert.Equal(ErrorIds.ConfigInvalid, e.ErrorId);
            Assert.Contains(key, e.Message);
        }

        [Fact]
        public void BadSecurityGroupIsRejected()
        {
            var e = Fails(Minimal + "    security_groups: sg-11111111,default\n");
            Assert.Contains("'default' is not a security group id", e.Message);
        }

        [Fact]
        public void TabIndentationIsExplained()
        {
            var e = Fails("image:\n\tname: x\n");
            Assert.Equal(ErrorIds.ConfigSyntaxError, e.ErrorId);
            Assert.Equal(2, e.Line);
            Assert.Contains("tab", e.Message);
        }

        [Fact]
        public void DuplicateKeysAreSyntaxErrors()
        {
            var e = Fails(Minimal + "  name: again\n");
            Assert.Equal(ErrorIds.ConfigSyntaxError, e.ErrorId);
            Assert.Equal(7, e.Line);
        }

        [Fact]
        public void UnclosedQuoteIsASyntaxError()
        {
            var e = Fails("image:\n  name: 'docker\n  version: x\n");
            Assert.Equal(ErrorIds.ConfigSyntaxError, e.ErrorId);
            Assert.True(e.Line >= 2, $"line {e.Line}");
            Assert.StartsWith(File + ":", e.Message);
        }

        [Fact]
        public void AmiFilterIsRead()
        {
            var config = Parse(Minimal.Replace("ami: ami-6d1c2007", "ami: {name: \"ubuntu/images/*-22.04-amd64-*\", owners: [\"099720109477\"]}"));
            Assert.True(config.Aws.Ami.IsFilter);
            Assert.Equal("ubuntu/images/*-22.04-amd64-*", config.Aws.Ami.NamePattern);
            Assert.Equal(new[] { "099720109477" }, config.Aws.Ami.Owners);
        }

        [Fact]
        public void ExtendedAwsKeysAreTyped()
        {
            var config = Parse(Minimal +
                "    detailed_monitoring: yes\n    ebs_optimized: true\n    volume_size: 30\n    volume_type: gp3\n    encrypted: true\n" +
                "    associate_public_ip: false\n    copy_to_regions: [us-west-2, eu-west-1]\n    share_with_accounts: '111122223333'\n" +
                "    tags:\n      Team: platform\n      Cost: '42'\n");
            Assert.True(config.Aws.DetailedMonitoring);
            Assert.True(config.Aws.EbsOptimized);
            Assert.Equal(30, config.Aws.VolumeSize);
            Assert.Equal("gp3", config.Aws.VolumeType);
            Assert.True(config.Aws.Encrypted);
            Assert.False(config.Aws.AssociatePublicIp);
            Assert.Equal(new[] { "us-west-2", "eu-west-1" }, config.Aws.CopyToRegions);
            Assert.Equal(new[] { "111122223333" }, config.Aws.ShareWithAccounts);
            Assert.Equal(new[] { "Team", "Cost" }, config.Aws.Tags.Select(t => t.Key));
            Assert.Equal("42", config.Aws.Tags[1].Value);
        }

        [Fact]
        public void NonBooleanFlagIsRejected()
        {
            var e = Fails(Minimal + "    ebs_optimized: maybe\n");
            Assert.Contains("image.aws.ebs_optimized: expected true or false", e.Message);
            Assert.Equal(7, e.Line);
        }

        [Fact]
        public void LocationsPointAtKeys()
        {
            var config = Parse(Minimal);
            Assert.Equal(5, config.LocationOf("image.aws.ami").Line);
            Assert.Equal(2, config.LocationOf("image.name").Line);
        }
    }
}
