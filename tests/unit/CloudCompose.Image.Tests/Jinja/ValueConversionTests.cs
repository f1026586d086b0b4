using System.Numerics;
using CloudCompose.Image.Jinja;
using CloudCompose.Image.Tests.Templates;

namespace CloudCompose.Image.Tests.Jinja;

/// <summary>
/// How the engine takes a caller's .NET values. Expected texts are what Jinja2 prints for the equivalent Python
/// values (str() of an int, a list, a dict; True/None).
/// </summary>
public sealed class ValueConversionTests : IDisposable
{
    private readonly TemplateFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Render(string template, params (string Name, object? Value)[] variables)
    {
        folder.With("t.sh", template);
        return new JinjaEnvironment(new[] { folder.Path }).Render("t.sh", variables.ToDictionary(v => v.Name, v => v.Value)).Text;
    }

    [Fact]
    public void Scalars_BecomePythonValues()
    {
        var text = Render(
            "{{ s }} {{ b }} {{ n }} {{ i + 1 }} {{ l * 2 }} {{ d / 2 }} {{ f }} {{ big }} {{ u }} {{ m }}",
            ("s", "x"), ("b", true), ("n", null), ("i", 41), ("l", 21L), ("d", 5.0), ("f", 0.5f), ("big", BigInteger.Pow(2, 70)), ("u", ulong.MaxValue), ("m", 2.5m));

        Assert.Equal("x True None 42 42 2.5 0.5 1180591620717411303424 18446744073709551615 2.5", text);
    }

    [Fact]
    public void NumbersWithText_PrintTheirText_AndComputeWithTheirValue()
    {
        var text = Render("{{ v }} {{ v + 1 }} {{ v * 2 }} {{ [v] }} {{ v is float }} {{ o is integer }} {{ o == 420 }} {{ {o: 'x'}[420] }} {{ v|tojson }}",
            ("v", new Number(1.1, "1.10")), ("o", new Number(420L, "0644")));

        // Deliberately unlike PyYAML (which gave Jinja2 the float 1.1 and the int 420): the text as written prints.
        Assert.Equal("1.10 2.1 2.2 [1.10] True True True x 1.1", text);
    }

    [Fact]
    public void Collections_KeepTheirOrder_AndBecomeLists_AndDicts()
    {
        var map = new Dictionary<string, object?> { ["z"] = 1, ["a"] = new List<object?> { "x", null }, ["m"] = new Dictionary<string, object?>() };

        Assert.Equal("{'z': 1, 'a': ['x', None], 'm': {}} z,a,m", Render("{{ m }} {{ m|join(',') }}", ("m", map)));
    }

    [Fact]
    public void MapsWithOtherKeys_ComeAsKeyValuePairs()
    {
        var pairs = new List<KeyValuePair<object?, object?>> { new(80L, "http"), new(true, "yes"), new(null, "none") };

        Assert.Equal("{80: 'http', True: 'yes', None: 'none'} http yes", Render("{{ p }} {{ p[80] }} {{ p[1] }}", ("p", pairs)));
    }

    [Fact]
    public void TemplatesGetCopies_SoAppendingChangesNothingTheCallerHolds()
    {
        var list = new List<object?> { "a" };

        Assert.Equal("['a', 'b']", Render("{% set _ = l.append('b') %}{{ l }}", ("l", list)));
        Assert.Equal(new object?[] { "a" }, list);
    }

    [Fact]
    public void OneObjectTwice_IsOneValue_AsAYamlAliasIsInPython()
    {
        var shared = new List<object?> { "x" };

        Assert.Equal("['x', 'y'] ['x', 'y']", Render("{% set _ = a.append('y') %}{{ a }} {{ b }}", ("a", shared), ("b", shared)));
    }

    [Fact]
    public void UnsupportedTypes_AreAnArgumentError_NamingTheVariable()
    {
        folder.With("t.sh", "x");
        var engine = new JinjaEnvironment(new[] { folder.Path });

        var error = Assert.Throws<ArgumentException>(() => engine.Render("t.sh", new Dictionary<string, object?> { ["outer"] = new List<object?> { DateTime.UtcNow } }));
        Assert.Contains("'outer[0]'", error.Message);
        Assert.Contains("System.DateTime", error.Message);
    }

    private sealed class Number : IJinjaNumber
    {
        public Number(object value, string text)
        {
            Value = value;
            Text = text;
        }

        public object Value { get; }

        public string Text { get; }
    }
}
