using CloudCompose.Image.Configuration;

namespace CloudCompose.Image.Tests.Configuration
{
    public class EnvironmentPlaceholdersTests
    {
        private static string? Lookup(string name) => name switch { "A" => "1", "EMPTY" => string.Empty, _ => null };

        [Theory]
        [InlineData("plain", "plain")]
        [InlineData("${A}", "1")]
        [InlineData("x${A}y${A}", "x1y1")]
        [InlineData("${B:-dflt}", "dflt")]
        [InlineData("${EMPTY:-dflt}", "dflt")]
        [InlineData("${A:-dflt}", "1")]
        [InlineData("$${A}", "${A}")]
        [InlineData("$A and $", "$A and $")]
        public void Expands(string input, string expected) => Assert.Equal(expected, EnvironmentPlaceholders.Expand(input, Lookup));

        [Theory]
        [InlineData("${B}", 0, "B")]
        [InlineData("ab${A}${NOPE}", 6, "NOPE")]
        public void MissingVariableReportsNameAndOffset(string input, int offset, string name)
        {
            var e = Assert.Throws<EnvironmentPlaceholders.PlaceholderException>(() => EnvironmentPlaceholders.Expand(input, Lookup));
            Assert.Equal(offset, e.Offset);
            Assert.Equal(name, e.Variable);
        }

        [Theory]
        [InlineData("${A")]
        [InlineData("${1A}")]
        [InlineData("${}")]
        public void MalformedPlaceholdersAreErrors(string input) =>
            Assert.Throws<EnvironmentPlaceholders.PlaceholderException>(() => EnvironmentPlaceholders.Expand(input, Lookup));
    }
}
