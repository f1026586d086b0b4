using CloudCompose.Image.Errors;
using Xunit;
using static CloudCompose.Image.Tests.Templates.Vars;

namespace CloudCompose.Image.Tests.Templates;

/// <summary>
/// Jinja2 StrictUndefined: using an undefined value fails (checked against Jinja2 3.1.6), while
/// default() and 'is defined' treat it as missing. Errors point at the variable in the user's file.
/// </summary>
public sealed class StrictUndefinedTests : IDisposable
{
    private readonly TemplateFolder folder = new();

    public void Dispose() => folder.Dispose();

    private CloudComposeException RenderFails(string template, Dictionary<string, object?>? variables = null)
    {
        folder.With("image.sh", template);
        return Assert.Throws<CloudComposeException>(() => folder.Render("image.sh", variables));
    }

    private void AssertUndefined(CloudComposeException error, string name, int line, int column)
    {
        Assert.Equal("TemplateVariableUndefined", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, error.Kind);
        Assert.Equal(folder.FullPath("image.sh"), error.Target);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains($"'{name}' is undefined", error.Message);
        Assert.Contains($"{folder.FullPath("image.sh")}:{line}:{column}", error.Message);
    }

    [Fact]
    public void Print_Fails()
    {
        AssertUndefined(RenderFails("#!/bin/bash\necho {{ PACKAGES }}\n"), "PACKAGES", 2, 9);
    }

    [Fact]
    public void IfTest_Fails()
    {
        AssertUndefined(RenderFails("a\n{% if flag %}x{% endif %}"), "flag", 2, 7);
    }

    [Fact]
    public void ElifTest_Fails_AtTheElifCondition()
    {
        AssertUndefined(RenderFails("{% if a %}x\n{% elif later %}y{% endif %}", Of(("a", false))), "later", 2, 9);
    }

    [Fact]
    public void ForIterable_Fails()
    {
        AssertUndefined(RenderFails("{% for p in pkgs %}{{ p }}{% endfor %}"), "pkgs", 1, 13);
    }

    [Fact]
    public void Comparison_Fails()
    {
        AssertUndefined(RenderFails("x\n\n   {% if count == 3 %}y{% endif %}"), "count", 3, 10);
    }

    [Fact]
    public void Filter_Fails()
    {
        AssertUndefined(RenderFails("{{ name | upper }}"), "name", 1, 4);
    }

    [Fact]
    public void LengthFilter_Fails()
    {
        AssertUndefined(RenderFails("{{ pkgs | length }}"), "pkgs", 1, 4);
    }

    [Fact]
    public void Not_Fails()
    {
        AssertUndefined(RenderFails("{% if not flag %}{% endif %}"), "flag", 1, 11);
    }

    [Fact]
    public void Or_FailsOnAnUndefinedLeftOperand()
    {
        AssertUndefined(RenderFails("{{ x or 'y' }}"), "x", 1, 4);
    }

    [Fact]
    public void UndefinedAttributeOfADefinedDict_Fails()
    {
        var error = RenderFails("{{ aws.instance_type }}\n{{ aws.nope }}", Of(("aws", Dict(("instance_type", "t3")))));

        // Jinja2's message for a missing attribute names the object's type and the attribute.
        Assert.Equal("TemplateVariableUndefined", error.ErrorId);
        Assert.Equal((2, 4), (error.Line, error.Column));
        Assert.Contains("'dict object' has no attribute 'nope'", error.Message);
    }

    [Fact]
    public void AttributeOfAnUndefinedVariable_FailsEvenUnderDefault()
    {
        AssertUndefined(RenderFails("{{ x.y | default('d') }}"), "x", 1, 4);
    }

    [Fact]
    public void UndefinedInAnIncludedTemplate_PointsIntoThatFile()
    {
        folder.With("part.sh", "ok\n  {{ missing }}");

        var error = RenderFails("{% include 'part.sh' %}");

        Assert.Equal("TemplateVariableUndefined", error.ErrorId);
        Assert.Equal(folder.FullPath("part.sh"), error.Target);
        Assert.Equal((2, 6), (error.Line, error.Column));
    }

    [Fact]
    public void Default_ReplacesUndefinedOnly()
    {
        var text = folder.RenderText(
            "{{ a | default('A') }}|{{ aws.nope | default('B') }}|{{ empty | default('C') }}|{{ none | default('D') }}|{% set y = nope %}{{ y | default('E') }}",
            Of(("aws", Dict()), ("empty", ""), ("none", null)));

        Assert.Equal("A|B||None|E", text);
    }

    [Fact]
    public void IsDefined_AndIsNotDefined_DoNotFail()
    {
        var text = folder.RenderText(
            "{% if x is defined %}X{% endif %}{% if y is not defined %}noY{% endif %}{% if aws.nope is defined %}bad{% else %}noattr{% endif %}"
            + "{% if y is defined and y == 1 %}bad{% endif %}{% if not y is defined %}!{% endif %}{{ y is undefined }}{{ y is none }}",
            Of(("x", Num("1")), ("aws", Dict())));

        Assert.Equal("XnoYnoattr!TrueFalse", text);
    }

    [Fact]
    public void AndOr_ShortCircuit_SoGuardedUseIsFine()
    {
        Assert.Equal("ok", folder.RenderText("{% if y is defined and y.z == 1 %}bad{% elif true or y %}ok{% endif %}"));
    }

    [Fact]
    public void Loop_IsUndefinedOutsideAFor()
    {
        AssertUndefined(RenderFails("{{ loop.index }}"), "loop", 1, 4);
    }
}
