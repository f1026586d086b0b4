using CloudCompose.Image.Jinja;
using CloudCompose.Image.Tests.Templates;

namespace CloudCompose.Image.Tests.Jinja;

/// <summary>
/// Templates nest as deep as Jinja2 3.1 gets under Python's default recursion limit and no deeper; past it the
/// render ends in RecursionError with a position, whatever thread (and stack size) the caller runs on.
/// The depths are Jinja2 3.1.6's, measured with Python 3.11's default recursion limit.
/// </summary>
public sealed class RecursionLimitTests : IDisposable
{
    private readonly TemplateFolder folder = new();

    public void Dispose() => folder.Dispose();

    private JinjaOutput Render(string template, params (string Name, object? Value)[] variables)
    {
        folder.With("image.sh", template);
        return new JinjaEnvironment(new[] { folder.Path }).Render("image.sh", variables.ToDictionary(v => v.Name, v => v.Value));
    }

    private JinjaException Fails(string template, params (string Name, object? Value)[] variables) =>
        Assert.Throws<JinjaException>(() => Render(template, variables));

    [Theory]
    [InlineData(988, true)]
    [InlineData(989, false)]
    public void NestedIncludes(long depth, bool renders)
    {
        folder.With("inc.sh", "{% set n = n + 1 %}{% if n < limit %}{% include 'inc.sh' %}{% endif %}");
        var template = "{% include 'inc.sh' %}done";

        if (renders)
        {
            Assert.Equal("done", Render(template, ("n", 0L), ("limit", depth)).Text);
        }
        else
        {
            var error = Fails(template, ("n", 0L), ("limit", depth));
            Assert.Equal(JinjaErrorKind.RecursionLimit, error.Kind);
            Assert.Equal("inc.sh", error.Location?.TemplateName);
            Assert.Equal(1, error.Location?.Line);
            Assert.Equal(38, error.Location?.Column);
            Assert.Equal(new[] { "image.sh", "inc.sh", "inc.sh" }, error.TemplateStack.Take(3));
        }
    }

    [Theory]
    [InlineData(247, true)]
    [InlineData(248, false)]
    public void RecursiveMacros(int depth, bool renders)
    {
        var template = "{% macro m(n) %}{% if n > 0 %}{{ m(n - 1) }}{% endif %}{% endmacro %}[{{ m(" + depth + ") }}]";

        if (renders)
        {
            Assert.Equal("[]", Render(template).Text);
        }
        else
        {
            Assert.Equal(JinjaErrorKind.RecursionLimit, Fails(template).Kind);
        }
    }

    [Theory]
    [InlineData(69, true)]
    [InlineData(70, false)]
    public void NestedParentheses(int depth, bool renders)
    {
        var template = "{{ " + new string('(', depth) + "1" + new string(')', depth) + " }}";

        if (renders)
        {
            Assert.Equal("1", Render(template).Text);
        }
        else
        {
            var error = Fails(template);
            Assert.Equal(JinjaErrorKind.RecursionLimit, error.Kind);
            Assert.Equal("RecursionError", error.PythonType);
        }
    }

    [Theory]
    [InlineData(490, true)]
    [InlineData(491, false)]
    public void LongOperatorChains(int terms, bool renders)
    {
        var template = "{{ 1" + string.Concat(Enumerable.Repeat(" + 1", terms)) + " }}";

        if (renders)
        {
            Assert.Equal((terms + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Render(template).Text);
        }
        else
        {
            Assert.Equal(JinjaErrorKind.RecursionLimit, Fails(template).Kind);
        }
    }

    [Fact]
    public void EndlessSelfInclude_OnAThreadPoolThread_IsARecursionError()
    {
        // PowerShell may call the engine on a thread-pool thread (1 MB of stack); the render has a stack of its own.
        folder.With("image.sh", "x{% include 'image.sh' %}");
        var engine = new JinjaEnvironment(new[] { folder.Path });

        var error = Task.Run(() => Assert.Throws<JinjaException>(() => engine.Render("image.sh", new Dictionary<string, object?>()))).GetAwaiter().GetResult();

        Assert.Equal(JinjaErrorKind.RecursionLimit, error.Kind);
        Assert.Equal((1, 2), (error.Location?.Line, error.Location?.Column));
    }

    [Fact]
    public void DeepLoopRecursion_OnASmallStack_StillRenders()
    {
        object? tree = new List<object?>();
        for (var i = 0; i < 240; i++)
        {
            tree = new List<object?> { tree };
        }

        folder.With("image.sh", "{% for x in items recursive %}<{{ loop(x) }}>{% endfor %}");
        var engine = new JinjaEnvironment(new[] { folder.Path });
        string? text = null;
        var thread = new Thread(() => text = engine.Render("image.sh", new Dictionary<string, object?> { ["items"] = tree }).Text, 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.Equal(new string('<', 240) + new string('>', 240), text);
    }
}
