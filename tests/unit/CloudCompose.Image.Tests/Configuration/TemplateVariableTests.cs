using System.Numerics;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.Templates;

namespace CloudCompose.Image.Tests.Configuration;

/// <summary>
/// What the image: section gives templates: the values PyYAML's yaml.load gave the original tool (YAML 1.1
/// scalars, merge keys), with numbers keeping their text for printing.
/// </summary>
public sealed class TemplateVariableTests
{
    private const string Head = "image:\n  name: docker\n  version: '1'\n  aws:\n    ami: ami-6d1c2007\n    subnet: subnet-9f0074c6\n";

    private static ImageConfig Parse(string yaml) => ConfigReader.Parse(yaml, "/cfg/cloud-compose.yml", _ => null);

    private static object? Variable(string yamlValue) => Parse(Head + "  v: " + yamlValue + "\n").Variables["v"];

    [Theory]
    [InlineData("0644", 420L)]
    [InlineData("0x1F", 31L)]
    [InlineData("0b101", 5L)]
    [InlineData("1_000", 1000L)]
    [InlineData("1:30", 90L)]
    [InlineData("-7", -7L)]
    public void YamlIntegers_ComputeAsPyYamlReadThem_AndPrintAsWritten(string text, long value)
    {
        var number = Assert.IsType<TemplateNumber>(Variable(text));

        Assert.Equal(value, number.Value);
        Assert.Equal(text, number.Text);
    }

    [Theory]
    [InlineData("1.10", 1.1)]
    [InlineData("1.0e+3", 1000.0)]
    [InlineData(".5", 0.5)]
    [InlineData("-.inf", double.NegativeInfinity)]
    public void YamlFloats_ComputeAsPyYamlReadThem(string text, double value)
    {
        Assert.Equal(value, Assert.IsType<TemplateNumber>(Variable(text)).Value);
    }

    /// <summary>YAML 1.1 has no exponent without a point, no 0o prefix and no leading-zero decimal: PyYAML keeps these strings.</summary>
    [Theory]
    [InlineData("1e3")]
    [InlineData("0o17")]
    [InlineData("08")]
    [InlineData("1.2.3")]
    [InlineData("2024-01-15")]
    public void NumberLikeTextPyYamlDoesNotTakeAsANumber_StaysAString(string text)
    {
        Assert.Equal(text, Variable(text));
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Off", false)]
    [InlineData("TRUE", true)]
    public void Yaml11Booleans(string text, bool value)
    {
        Assert.Equal(value, Variable(text));
    }

    [Fact]
    public void HugeIntegers_StayExact()
    {
        Assert.Equal(BigInteger.Parse("123456789012345678901234567890"), Assert.IsType<TemplateNumber>(Variable("123456789012345678901234567890")).Value);
    }

    [Fact]
    public void MergeKeys_ApplyAsInPyYaml_MergedFirst_OwnKeysWin()
    {
        var config = Parse("defaults: &d\n  a: 1\n  b: 2\nimage:\n  name: docker\n  version: '1'\n  aws:\n    ami: ami-6d1c2007\n    subnet: subnet-9f0074c6\n" +
                           "  m:\n    x: 0\n    <<: *d\n    b: 3\n");

        var m = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(config.Variables["m"]);
        Assert.Equal(new[] { "a", "b", "x" }, m.Keys);
        Assert.Equal("3", m["b"]!.ToString());
    }

    [Fact]
    public void MergeKeys_InTheImageAndAwsSections_Apply()
    {
        var config = Parse("base: &base\n  name: docker\n  version: '2'\nawsbase: &aws\n  ami: ami-6d1c2007\n  subnet: subnet-9f0074c6\n" +
                           "image:\n  <<: *base\n  aws:\n    <<: *aws\n    instance_type: t3.small\n");

        Assert.Equal(("docker", "2"), (config.Name, config.Version));
        Assert.Equal(("subnet-9f0074c6", "t3.small"), (config.Aws.Subnet, config.Aws.InstanceType));
        Assert.False(config.Variables.ContainsKey("<<"));
    }

    [Fact]
    public void MergingAScalar_IsAConfigError_AtTheValue()
    {
        var error = Assert.ThrowsAny<CloudComposeException>(() => Parse(Head + "  m:\n    <<: nope\n"));

        Assert.Equal(ErrorIds.ConfigInvalid, error.ErrorId);
        Assert.Equal(8, error.Line);
        Assert.Contains("expected a mapping or list of mappings for merging", error.Message);
    }

    [Fact]
    public void MapKeysThatAreNotStrings_StayTyped()
    {
        var pairs = Assert.IsAssignableFrom<IEnumerable<KeyValuePair<object?, object?>>>(Variable("{80: http, true: on, ~: none}")).ToList();

        Assert.Equal(80L, Assert.IsType<TemplateNumber>(pairs[0].Key).Value);
        Assert.Equal(true, pairs[1].Key);
        Assert.Null(pairs[2].Key);
        Assert.Equal(new object?[] { "http", true, "none" }, pairs.Select(p => p.Value));
    }
}
