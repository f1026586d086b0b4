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

        // Jinja2 reports a missing include in the template that includes it.
        Assert.Equal("TemplateNotFound", error.ErrorId);
        Assert.Equal(folder.FullPath("image.sh"), error.Target);
        Assert.Contains("Template 'nope.sh' was not found", error.Message);
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
    public void IncludeCycle_EndsAtTheRecursionLimit_NamingTheChain()
    {
        // Jinja2 allows a template to include itself (a condition may end it); one that never ends is a RecursionError.
        folder.With("a.sh", "a {% include 'b.sh' %}").With("b.sh", "b\n{% include 'a.sh' %}");

        var error = RenderFails("{% include 'a.sh' %}");

        Assert.Equal("TemplateRecursionLimit", error.ErrorId);
        Assert.Contains("image.sh -> a.sh -> b.sh", error.Message);
        Assert.Contains("a.sh -> b.sh", error.Message);
        Assert.True(error.Target == folder.FullPath("a.sh") || error.Target == folder.FullPath("b.sh"), error.Target);
    }

    [Fact]
    public void SelfIncludeWithACondition_IsAllowed()
    {
        var text = folder.RenderText("{% set n = n + 1 %}{{ n }}{% if n < 40 %},{% include 'image.sh' %}{% endif %}", Of(("n", 0L)));

        Assert.Equal(string.Join(",", Enumerable.Range(1, 40)), text);
    }

    [Fact]
    public void SelfIncludeWithoutEnd_IsARecursionLimit()
    {
        var error = RenderFails("x{% include 'image.sh' %}");

        Assert.Equal("TemplateRecursionLimit", error.ErrorId);
        Assert.Contains("image.sh -> image.sh", error.Message);
        Assert.Equal((1, 2), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("a\n{% if x %}\nb", "Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if' (opened on line 2).", 2)]
    [InlineData("{% for x in y %}", "The innermost block that needs to be closed is 'for' (opened on line 1).", 1)]
    [InlineData("x{% endif %}", "Encountered unknown tag 'endif'.", 1, 2)]
    [InlineData("{% if a %}{% endfor %}", "Encountered unknown tag 'endfor'. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'.", 1, 11)]
    [InlineData("{% if a %}{% else %}{% elif b %}{% endif %}", "Encountered unknown tag 'elif'. Jinja was looking for the following tags: 'endif'.", 1, 21)]
    [InlineData("{% frobnicate %}", "Encountered unknown tag 'frobnicate'.", 1, 1)]
    [InlineData("{% do x %}", "Encountered unknown tag 'do'.", 1, 1)]
    [InlineData("ab {{ x ", "unexpected end of template, expected 'end of print statement'.", 1)]
    [InlineData("{# never closed", "Missing end of comment tag", 1, 1)]
    [InlineData("{{ }}", "Expected an expression, got 'end of print statement'", 1, 4)]
    [InlineData("{{ x y }}", "expected token 'end of print statement', got 'y'", 1, 6)]
    [InlineData("{{ 'abc }}", "unexpected char \"'\" at 3", 1, 4)]
    [InlineData("{% raw %}x", "Missing end of raw directive", 1, 1)]
    [InlineData("{% for true in l %}{% endfor %}", "can't assign to 'const'", 1, 8)]
    [InlineData("{{ x | b64encode }}", "No filter named 'b64encode'.", 1, 8)]
    [InlineData("{{ x | uper }}", "No filter named 'uper'. Did you mean 'upper'?", 1, 8)]
    [InlineData("{{ x is strin }}", "No test named 'strin'. Did you mean 'string'?", 1, 9)]
    public void SyntaxErrors_PointIntoTheTemplate(string template, string message, int line, int column = 0)
    {
        var error = RenderFails(template);

        Assert.Equal("TemplateSyntaxError", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, error.Kind);
        Assert.Equal(folder.FullPath("image.sh"), error.Target);
        Assert.Equal(line, error.Line);
        if (column > 0)
        {
            Assert.Equal(column, error.Column);
        }

        Assert.Contains(message, error.Message);
        Assert.Contains($"{folder.FullPath("image.sh")}:{line}:{error.Column}", error.Message);
    }

    [Fact]
    public void UnknownFilterInABranchNotTaken_IsNoError()
    {
        // Jinja2 3.x compiles an unknown filter inside {% if %} to a check that fails only when it runs.
        Assert.Equal("ok", folder.RenderText("{% if false %}{{ x | b64encode }}{% endif %}ok"));

        var error = RenderFails("{% if true %}{{ x | b64encode }}{% endif %}");
        Assert.Equal("TemplateRuntimeError", error.ErrorId);
        Assert.Contains("No filter named 'b64encode' found.", error.Message);

        var misspelt = RenderFails("{% if true %}{{ 'x' | uper }}{% endif %}");
        Assert.Contains("No filter named 'uper' found. Did you mean 'upper'?", misspelt.Message);
    }

    [Fact]
    public void WrongFilterArguments_AreATypeError()
    {
        var error = RenderFails("{{ x | replace('a') }}", Of(("x", "abc")));

        AssertAt(error, "TemplateTypeError", ErrorKind.InvalidData, 1, 8);
        Assert.Contains("do_replace() missing 1 required positional argument: 'new'", error.Message);
    }

    [Fact]
    public void SyntaxErrorInAnInclude_PointsIntoTheInclude()
    {
        folder.With("part.sh", "line1\nline2 {% if x %}\n{{ ) }}");

        var error = RenderFails("{% include 'part.sh' %}");

        AssertAt(error, "TemplateSyntaxError", ErrorKind.InvalidData, 3, 4, "part.sh");
        Assert.Contains("unexpected ')'", error.Message);
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
