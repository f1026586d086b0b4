using CloudCompose.Image.Templates;
using Xunit;

namespace CloudCompose.Image.Tests.Templates;

/// <summary>Fluid reports parse errors in the Liquid text; the map must lead back to the Jinja source.</summary>
public sealed class TranslatedTemplateTests
{
    [Fact]
    public void LiquidPositions_MapBackToTheJinjaSource()
    {
        var source = new TemplateSource("/t/image.sh", "image.sh", "ab\ncd {{ x }} ef\ngh");
        var translated = TemplateTranslator.Translate(source, new TemplateRefs());
        var liquid = translated.Liquid;
        var liquidLines = liquid.Split('\n');

        // Text maps character for character; a translated tag maps to its '{{'.
        Assert.Equal((2, 4), At(translated, 2, liquidLines[1].IndexOf("__var", StringComparison.Ordinal) + 1));
        Assert.Equal((2, 12), At(translated, 2, liquidLines[1].IndexOf("ef", StringComparison.Ordinal) + 1));
        Assert.Equal((3, 2), At(translated, 3, 2));
        Assert.Equal((1, 1), At(translated, 1, 1));
    }

    private static (int, int) At(TranslatedTemplate translated, int line, int column)
    {
        var at = translated.LocationOfLiquid(line, column);
        Assert.Equal("/t/image.sh", at.File);
        return (at.Line, at.Column);
    }
}
