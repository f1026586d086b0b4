using System.Collections.Concurrent;
using CloudCompose.Image.Jinja;
using CloudCompose.Image.Tests.Templates;

namespace CloudCompose.Image.Tests.Jinja;

/// <summary>Parsed templates are shared by every environment and thread; a changed file is read again.</summary>
public sealed class TemplateCacheTests : IDisposable
{
    private readonly TemplateFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ManyThreads_RenderTheSameTemplates_EachWithItsOwnValues()
    {
        folder.With("image.sh", "{% import 'lib.sh' as lib %}{% for i in range(n) %}{{ lib.line(i, who) }}{% endfor %}{% include 'tail.sh' %}")
            .With("lib.sh", "{% macro line(i, who) %}{{ who }}:{{ i }};{% endmacro %}")
            .With("tail.sh", "[{{ who|upper }}]");
        var failures = new ConcurrentBag<string>();

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var who = "w" + i;
            var n = i % 7;
            var expected = string.Concat(Enumerable.Range(0, n).Select(k => $"{who}:{k};")) + $"[{who.ToUpperInvariant()}]";
            var text = new JinjaEnvironment(new[] { folder.Path })
                .Render("image.sh", new Dictionary<string, object?> { ["who"] = who, ["n"] = (long)n }).Text;
            if (text != expected)
            {
                failures.Add($"{i}: {text} != {expected}");
            }
        });

        Assert.Empty(failures);
    }

    [Fact]
    public void AChangedFile_IsParsedAgain()
    {
        var engine = new JinjaEnvironment(new[] { folder.Path });
        folder.With("image.sh", "one {{ x }}");
        Assert.Equal("one 1", engine.Render("image.sh", new Dictionary<string, object?> { ["x"] = 1 }).Text);

        folder.With("image.sh", "two {{ x }} and more");
        File.SetLastWriteTimeUtc(folder.FullPath("image.sh"), DateTime.UtcNow.AddMinutes(1));

        Assert.Equal("two 1 and more", engine.Render("image.sh", new Dictionary<string, object?> { ["x"] = 1 }).Text);
    }

    [Fact]
    public void Files_ListsEveryTemplateRead_MainFirst()
    {
        folder.With("image.sh", "{% from 'lib.sh' import m %}{% include 'a.sh' %}{{ m() }}{% include 'a.sh' %}")
            .With("lib.sh", "{% macro m() %}m{% endmacro %}")
            .With("a.sh", "a");

        var output = new JinjaEnvironment(new[] { folder.Path }).Render("image.sh", new Dictionary<string, object?>());

        Assert.Equal("ama", output.Text);
        Assert.Equal(new[] { folder.FullPath("image.sh"), folder.FullPath("lib.sh"), folder.FullPath("a.sh") }, output.Files);
    }

    [Fact]
    public void InvalidUtf8_IsAnError_NamingTheFile()
    {
        File.WriteAllBytes(folder.FullPath("image.sh"), new byte[] { 0x61, 0xff, 0x62 });

        var error = Assert.Throws<JinjaException>(() => new JinjaEnvironment(new[] { folder.Path }).Render("image.sh", new Dictionary<string, object?>()));

        Assert.Equal("UnicodeDecodeError", error.PythonType);
        Assert.Contains(folder.FullPath("image.sh"), error.Message);
    }
}
