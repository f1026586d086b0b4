using CloudCompose.Image.Errors;
using CloudCompose.Image.Templates;
using Xunit;
using static CloudCompose.Image.Tests.Templates.Vars;

namespace CloudCompose.Image.Tests.Templates;

public sealed class TemplateErrorTests : IDisposable
{
    private readonly TemplateFolder folder = new();

    public void Dispose() => folder.Dispose();

    private CloudComposeException RenderFails(string template, Dictionary<string, object?>? variables = null)
    {
        folder.With("image.sh", template);
        return Assert.Throws<CloudComposeException>(() => folder.Render("image.sh", variables));
    }

    private void AssertAt(CloudComposeException error, string errorId, ErrorKind kind, int line, int column, string file = "image.sh")
    {
        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(folder.FullPath(file), error.Target);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains($"{folder.FullPath(file)}:{line}:{column}", error.Message);
    }

    [Fact]
    public void MissingMainTemplate_ListsEveryFolderSearchedInOrder()
    {
        using var second = new TemplateFolder();
        var renderer = new TemplateRenderer(new[] { folder.Path, second.Path });

        var error = Assert.Throws<CloudComposeException>(() => renderer.Render("image.sh", new Dictionary<string, object?>()));

        Assert.Equal("TemplateNotFound", error.ErrorId);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal("image.sh", error.Target);
        Assert.Contains($"Searched: {folder.Path}, {second.Path}.", error.Message);
    }

    [Fact]
    public void MissingInclude_SaysWhichFileAndLineIncludedIt()
    {
        var error = RenderFails("#!/bin/bash\n  {% include 'nope.sh' %}");

        Assert.Equal("TemplateNotFound", error.ErrorId);
        Assert.Equal("nope.sh", error.Target);
        Assert.Contains($"included from {folder.FullPath("image.sh")}:2:3", error.Message);
        Assert.Contains(folder.Path, error.Message);
        Assert.Equal((2, 3), (error.Line, error.Column));
    }

    [Fact]
    public void IncludeInAFalseBranch_IsNotLoaded()
    {
        // Jinja2 resolves includes when they run, so a missing file in a branch not taken is fine.
        var result = folder.With("image.sh", "{% if false %}{% include 'nope.sh' %}{% endif %}ok").Render();

        Assert.Equal("ok", result.Text);
        Assert.Single(result.Files);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("sub/../../image.sh")]
    [InlineData("..\\image.sh")]
    public void IncludePath_CannotLeaveTheSearchPath(string name)
    {
        var error = RenderFails($"{{% include '{name}' %}}");

        Assert.Equal("TemplateNotFound", error.ErrorId);
        Assert.Contains("may not contain '..'", error.Message);
    }

    [Fact]
    public void IncludeCycle_IsNamed()
    {
        folder.With("a.sh", "a {% include 'b.sh' %}").With("b.sh", "b\n{% include 'a.sh' %}");

        var error = RenderFails("{% include 'a.sh' %}");

        AssertAt(error, "TemplateIncludeCycle", ErrorKind.InvalidData, 2, 1, "b.sh");
        Assert.Contains("a.sh -> b.sh -> a.sh", error.Message);
    }

    [Fact]
    public void SelfInclude_IsACycle()
    {
        var error = RenderFails("x{% include 'image.sh' %}");

        Assert.Equal("TemplateIncludeCycle", error.ErrorId);
        Assert.Contains("image.sh -> image.sh", error.Message);
    }

    [Theory]
    [InlineData("{% macro m() %}x{% endmacro %}", "'{% macro %}'", 1, 1)]
    [InlineData("ok\n  {% extends 'base.sh' %}", "'{% extends %}'", 2, 3)]
    [InlineData("{% block b %}{% endblock %}", "'{% block %}'", 1, 1)]
    [InlineData("{% set x %}v{% endset %}", "block assignment", 1, 1)]
    [InlineData("{{ x | tojson }}", "the filter 'tojson'", 1, 8)]
    [InlineData("{{ 1 + 2 }}", "the operator '+'", 1, 6)]
    [InlineData("{{ a * b }}", "the operator '*'", 1, 6)]
    [InlineData("{{ a // b }}", "the operator '//'", 1, 6)]
    [InlineData("{{ x is string }}", "the test 'is string'", 1, 9)]
    [InlineData("{{ 'a' if b else 'c' }}", "conditional expression", 1, 8)]
    [InlineData("{{ x.upper() }}", "calling 'x.upper(...)'", 1, 11)]
    [InlineData("{% for k, v in d %}{% endfor %}", "Unpacking", 1, 9)]
    [InlineData("{% for x in l if x %}{% endfor %}", "Filtering a loop", 1, 15)]
    [InlineData("{% for x in l recursive %}{% endfor %}", "recursive loop", 1, 15)]
    [InlineData("{% include name %}", "computed template name", 1, 1)]
    [InlineData("{% include 'a.sh' ignore missing %}", "'include ... ignore'", 1, 1)]
    [InlineData("{{ d | default(boolean=true) }}", "keyword argument", 1, 16)]
    [InlineData("x\n{% set é = 1 %}", "non-ASCII name 'é'", 2, 1)]
    public void UnsupportedForms_AreNamedWithTheirPosition(string template, string named, int line, int column)
    {
        var error = RenderFails(template);

        AssertAt(error, "TemplateUnsupported", ErrorKind.NotImplemented, line, column);
        Assert.Contains(named, error.Message);
        Assert.Contains("is not supported", error.Message);
    }

    [Theory]
    [InlineData("a\n{% if x %}\nb", "'{% if %}' is never closed", 2, 1)]
    [InlineData("{% for x in y %}", "'{% for %}' is never closed", 1, 1)]
    [InlineData("x{% endif %}", "Unexpected '{% endif %}'", 1, 2)]
    [InlineData("{% if a %}{% endfor %}", "the open block is '{% if %}'", 1, 11)]
    [InlineData("{% if a %}{% else %}{% elif b %}{% endif %}", "after '{% else %}'", 1, 21)]
    [InlineData("{% frobnicate %}", "unknown tag 'frobnicate'", 1, 1)]
    [InlineData("ab {{ x ", "'{{' has no matching '}}'", 1, 4)]
    [InlineData("{# never closed", "comment", 1, 1)]
    [InlineData("{{ }}", "Expected an expression", 1, 4)]
    [InlineData("{{ x y }}", "Unexpected 'y'", 1, 6)]
    [InlineData("{{ 'abc }}", "Unterminated string", 1, 4)]
    [InlineData("{% raw %}x", "endraw", 1, 1)]
    [InlineData("{{ x | replace('a') }}", "takes 2 to 3 argument(s)", 1, 8)]
    [InlineData("{% for true in l %}{% endfor %}", "constant 'true'", 1, 8)]
    public void SyntaxErrors_PointIntoTheTemplate(string template, string message, int line, int column)
    {
        var error = RenderFails(template);

        AssertAt(error, "TemplateSyntaxError", ErrorKind.InvalidData, line, column);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void SyntaxErrorInAnInclude_PointsIntoTheInclude()
    {
        folder.With("part.sh", "line1\nline2 {% if x %}");

        var error = RenderFails("{% include 'part.sh' %}");

        AssertAt(error, "TemplateSyntaxError", ErrorKind.InvalidData, 2, 7, "part.sh");
    }

    [Fact]
    public void TypeErrors_ArePositioned()
    {
        var error = RenderFails("{% if 'a' < n %}{% endif %}", Of(("n", Num("1"))));

        AssertAt(error, "TemplateTypeError", ErrorKind.InvalidData, 1, 11);
        Assert.Contains("'<' not supported between instances of 'str' and 'int'", error.Message);
    }

    [Fact]
    public void ForOverANumber_IsATypeError()
    {
        var error = RenderFails("{% for x in n %}{% endfor %}", Of(("n", Num("3"))));

        AssertAt(error, "TemplateTypeError", ErrorKind.InvalidData, 1, 1);
        Assert.Contains("'int' object is not iterable", error.Message);
    }

    [Fact]
    public void UnsupportedVariableType_IsRejected()
    {
        folder.With("image.sh", "x");

        Assert.Throws<ArgumentException>(() => folder.Render("image.sh", Of(("when", DateTime.Now))));
    }
}
