using CloudCompose.Image.Templates;
using Xunit;

namespace CloudCompose.Image.Tests.Templates;

public sealed class TemplateNumberTests
{
    [Theory]
    [InlineData("1.10", 1.1)]
    [InlineData("1.", 1.0)]
    [InlineData(".5", 0.5)]
    [InlineData("1e3", 1000.0)]
    [InlineData("1:30.5", 90.5)]
    [InlineData("-.inf", double.NegativeInfinity)]
    public void Floats_KeepTextAndParseValue(string text, double value)
    {
        var number = new TemplateNumber(text);

        Assert.Equal(text, number.Text);
        Assert.Equal(text, number.ToString());
        Assert.Equal(value, Assert.IsType<double>(number.Value));
    }

    /// <summary>PyYAML's YAML 1.1 integers: a leading 0 is octal, 1:30 is base 60.</summary>
    [Theory]
    [InlineData("-3", -3L)]
    [InlineData("1_000", 1000L)]
    [InlineData("0x1F", 31L)]
    [InlineData("0o17", 15L)]
    [InlineData("0644", 420L)]
    [InlineData("0b101", 5L)]
    [InlineData("1:30", 90L)]
    [InlineData("+0", 0L)]
    public void Integers_KeepTextAndParseValue(string text, long value)
    {
        var number = new TemplateNumber(text);

        Assert.Equal(text, number.Text);
        Assert.Equal(value, Assert.IsType<long>(number.Value));
    }

    [Fact]
    public void BigIntegers_StayExact()
    {
        Assert.Equal(System.Numerics.BigInteger.Pow(10, 30), new TemplateNumber("1" + new string('0', 30)).Value);
    }

    [Fact]
    public void EqualityIsNumeric()
    {
        Assert.Equal(new TemplateNumber("3"), new TemplateNumber("3.0"));
        Assert.NotEqual(new TemplateNumber("1.1"), new TemplateNumber("1.11"));
    }

    [Fact]
    public void RejectsNonNumbers()
    {
        Assert.Throws<ArgumentException>(() => new TemplateNumber("abc"));
    }
}
