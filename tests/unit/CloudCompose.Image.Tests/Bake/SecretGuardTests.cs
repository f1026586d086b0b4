using System.Collections;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.Tests.Bake;

/// <summary>The secret guard on real rendered templates: it names the variable and the template line, never the value.</summary>
public sealed class SecretGuardTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private (ImageConfig Config, UserDataScript Script) Render(string imageSh, Hashtable environment, string extra = "")
    {
        folder.Write("image.sh", imageSh);
        folder.Write("lib/auth.sh", "echo configuring access\nexport TOKEN_VALUE='{{ GITHUB_TOKEN }}'\n");
        var file = folder.Write("cloud-compose.yml", "image:\n  name: web\n  version: '1.0'\n  search_path: [lib]\n  aws:\n    ami: ami-6d1c2007\n    subnet: subnet-9f0074c6\n" + extra);
        var config = ConfigReader.Read(file, name => environment[name] as string);
        return (config, ScriptRenderer.Render(config, environment));
    }

    private CloudComposeException Fails(string imageSh, Hashtable environment, string extra = "")
    {
        var (config, script) = Render(imageSh, environment, extra);
        return Assert.Throws<CloudComposeException>(() => SecretGuard.Ensure(config, [script], environment, allow: false, _ => { }));
    }

    [Theory]
    [InlineData("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEXAMPLE-session-token")]
    [InlineData("NPM_TOKEN", "npm_abcdefghijklmnop0123")]
    [InlineData("Vault_Secret", "s.0123456789abcdefXYZ")]
    [InlineData("DB_PASSWORD", "correct-horse-battery")]
    [InlineData("STRIPE_API_KEY", "sk_live_0123456789abcdef")]
    public void Every_secret_name_pattern_fires_naming_the_variable_and_template_line_but_never_the_value(string variable, string value)
    {
        var e = Fails($"#!/bin/bash\necho start\ncurl -H 'x: {{{{ {variable} }}}}' https://example.com\n", new Hashtable { [variable] = value });

        Assert.Equal(ErrorIds.UserDataContainsSecret, e.ErrorId);
        Assert.Contains($"the value of environment variable {variable} is on line 3 of image.sh as rendered", e.Message);
        Assert.Contains($"(put there by {Path.Combine(folder.Path, "image.sh")}:3)", e.Message);
        Assert.DoesNotContain(value, e.Message);
        Assert.DoesNotContain(value, e.Hint);
        Assert.Contains("-AllowSecretInUserData", e.Hint);
    }

    [Fact]
    public void A_secret_from_an_include_names_the_included_file()
    {
        var e = Fails("#!/bin/bash\n{% include 'auth.sh' %}\n", new Hashtable { ["GITHUB_TOKEN"] = "ghp_0123456789abcdefghij" });
        Assert.Contains("environment variable GITHUB_TOKEN is on line 3 of image.sh", e.Message);
        Assert.Contains($"{Path.Combine(folder.Path, "lib", "auth.sh")}:2", e.Message);
        Assert.DoesNotContain("ghp_0123456789abcdefghij", e.Message);
    }

    [Fact]
    public void Access_key_ids_are_found_in_the_rendered_script_wherever_they_come_from()
    {
        var e = Fails("#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport OTHER={{ AWS_ACCESS_KEY_ID }}\n",
            new Hashtable { ["AWS_ACCESS_KEY_ID"] = "ASIAY34FZKBOKMUTVV7A" });
        Assert.Contains("an AWS access key id (AKIA…) is on line 2 of image.sh as rendered", e.Message);
        Assert.Contains("an AWS access key id (ASIA…) is on line 3 of image.sh as rendered", e.Message);
        Assert.DoesNotContain("IOSFODNN7EXAMPLE", e.Message);
        Assert.DoesNotContain("Y34FZKBOKMUTVV7A", e.Message);
    }

    [Fact]
    public void A_config_key_with_a_secret_name_counts_and_points_at_its_line()
    {
        var e = Fails("#!/bin/bash\nmysql -p'{{ db_password }}'\n", new Hashtable { ["DB_PW"] = "hunter2-but-longer" }, "  db_password: ${DB_PW}\n");
        Assert.Contains("the value of image.db_password is on line 2 of image.sh as rendered", e.Message);
        Assert.DoesNotContain("hunter2-but-longer", e.Message);
    }

    [Fact]
    public void Short_values_other_names_and_absent_values_pass()
    {
        var environment = new Hashtable { ["API_TOKEN"] = "on", ["GITHUB_TOKEN"] = "ghp_unused_in_the_script_000", ["BUILD_COLOR"] = "blue-green-release" };
        var (config, script) = Render("#!/bin/bash\necho {{ API_TOKEN }} {{ BUILD_COLOR }}\n", environment);
        Assert.Empty(SecretGuard.Find(config, script, environment));
    }

    [Fact]
    public void AllowSecretInUserData_warns_without_the_value_instead()
    {
        var environment = new Hashtable { ["NPM_TOKEN"] = "npm_abcdefghijklmnop0123" };
        var (config, script) = Render("#!/bin/bash\necho {{ NPM_TOKEN }}\n", environment);
        var warnings = new List<string>();
        SecretGuard.Ensure(config, [script, null], environment, allow: true, warnings.Add);
        var warning = Assert.Single(warnings);
        Assert.Contains("environment variable NPM_TOKEN", warning);
        Assert.Contains("-AllowSecretInUserData", warning);
        Assert.DoesNotContain("npm_abcdefghijklmnop0123", warning);
    }
}
