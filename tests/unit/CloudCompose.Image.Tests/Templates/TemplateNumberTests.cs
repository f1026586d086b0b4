using CloudCompose.Image.Templates;
using Xunit;

namespace CloudCompose.Image.Tests.Templates;

public sealed class TemplateNumberTests
{
    [Theory]
    [InlineData("1.10", 1.1)]
    [InlineData("-3", -3)]
    [InlineData("1_000", 1000)]
    [InlineData("0x1F", 31)]
    [InlineData("0o17", 15)]
    [InlineData("1e3", 1000)]
    public void KeepsTextAndParsesValue(string text, double value)
    {
        var number = new TemplateNumber(text);

        Assert.Equal(text, number.Text);
        Assert.Equal(text, number.ToString());
        Assert.Equal(value, number.Value);
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
