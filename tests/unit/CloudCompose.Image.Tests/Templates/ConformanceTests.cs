using System.Collections;
using System.Text;
using System.Text.Json;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.Tests.Templates;

/// <summary>
/// The Jinja2 conformance corpus (tests/jinja-conformance): every case folder is rendered the way a user's
/// cloud-compose.yml is, and compared byte for byte with the golden Jinja2 3.1 wrote (generate.py), or checked
/// against the error Jinja2 raised: same error id, same line, same template file.
/// </summary>
public sealed class ConformanceTests
{
    private const string TextGolden = "expected.txt";
    private const string ErrorGolden = "expected-error.json";
    private const int Context = 60;

    private static readonly Lazy<string> CorpusFolder = new(FindCorpus);

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (var group in Directory.GetDirectories(CorpusFolder.Value).OrderBy(d => d, StringComparer.Ordinal))
        {
            foreach (var folder in Directory.GetDirectories(group).OrderBy(d => d, StringComparer.Ordinal))
            {
                cases.Add(Path.GetFileName(group) + "/" + Path.GetFileName(folder));
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string path)
    {
        var folder = Path.Combine(CorpusFolder.Value, path.Replace('/', Path.DirectorySeparatorChar));
        var text = Path.Combine(folder, TextGolden);
        var error = Path.Combine(folder, ErrorGolden);
        if (File.Exists(text) == File.Exists(error))
        {
            Assert.Fail($"{path}: a case needs exactly one of {TextGolden} and {ErrorGolden}; run tests/jinja-conformance/generate.py '{path}'.");
        }

        var config = ConfigReader.Read(Path.Combine(folder, "cloud-compose.yml"), _ => null);
        if (File.Exists(text))
        {
            RendersAsJinja2(path, config, File.ReadAllBytes(text));
        }
        else
        {
            FailsAsJinja2(path, config, ExpectedError.Read(error));
        }
    }

    private static string Render(ImageConfig config) => ScriptRenderer.Render(config, new Hashtable()).Script;

    private static void RendersAsJinja2(string path, ImageConfig config, byte[] expected)
    {
        string script;
        try
        {
            script = Render(config);
        }
        catch (CloudComposeException e)
        {
            Assert.Fail($"{path}: Jinja2 renders this case, the module failed with {e.ErrorId} (line {e.Line}, {e.Target}): {e.Message}");
            return;
        }

        var actual = new UTF8Encoding(false).GetBytes(script);
        var offset = FirstDifference(expected, actual);
        if (offset >= 0)
        {
            Assert.Fail(
                $"{path}: output differs from Jinja2's at byte {offset} (expected {expected.Length} bytes, got {actual.Length}).\n" +
                $"Jinja2: {Around(expected, offset)}\n" +
                $"module: {Around(actual, offset)}");
        }
    }

    private static void FailsAsJinja2(string path, ImageConfig config, ExpectedError expected)
    {
        CloudComposeException error;
        try
        {
            var script = Render(config);
            Assert.Fail($"{path}: Jinja2 raises {expected.Jinja2} ({expected.Message}); the module rendered:\n{Escape(script)}");
            return;
        }
        catch (CloudComposeException e)
        {
            error = e;
        }

        var problems = new List<string>();
        if (error.ErrorId != expected.Id)
        {
            problems.Add($"error id {error.ErrorId}, expected {expected.Id}");
        }

        if (expected.Line is int line && error.Line != line)
        {
            problems.Add($"line {error.Line}, expected {line}");
        }

        if (expected.Template is string template && error.Target != TemplateFile(config, template))
        {
            problems.Add($"target {error.Target ?? "(none)"}, expected {TemplateFile(config, template)}");
        }

        if (problems.Count > 0)
        {
            Assert.Fail(
                $"{path}: {string.Join("; ", problems)}.\n" +
                $"Jinja2: {expected.Jinja2}: {expected.Message} (template {expected.Template ?? "-"}, line {expected.Line?.ToString() ?? "-"})\n" +
                $"module: {error.ErrorId}: {error.Message}");
        }
    }

    /// <summary>The file a template name resolves to: the first search-path folder holding it, as the loader finds it.</summary>
    private static string TemplateFile(ImageConfig config, string template)
    {
        var relative = template.Replace('/', Path.DirectorySeparatorChar);
        return config.SearchPath.Select(folder => Path.Combine(folder, relative)).FirstOrDefault(File.Exists)
            ?? Path.Combine(config.SearchPath[0], relative);
    }

    private static int FirstDifference(byte[] expected, byte[] actual)
    {
        var common = Math.Min(expected.Length, actual.Length);
        for (var i = 0; i < common; i++)
        {
            if (expected[i] != actual[i])
            {
                return i;
            }
        }

        return expected.Length == actual.Length ? -1 : common;
    }

    private static string Around(byte[] bytes, int offset)
    {
        var start = Math.Max(0, offset - Context);
        var end = Math.Min(bytes.Length, offset + Context);
        var before = Encoding.UTF8.GetString(bytes, start, offset - start);
        var after = offset < end ? Encoding.UTF8.GetString(bytes, offset, end - offset) : string.Empty;
        return (start > 0 ? "…" : string.Empty) + Escape(before) + "⟨here⟩" + Escape(after) + (end < bytes.Length ? "…" : string.Empty);
    }

    /// <summary>Shows control characters, so a difference in whitespace or an escape sequence is visible.</summary>
    private static string Escape(string text)
    {
        var shown = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            shown.Append(c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return shown.ToString();
    }

    private static string FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudCompose.Image.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "jinja-conformance", "cases");
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds CloudCompose.Image.slnx, so the conformance corpus cannot be found.");
    }

    /// <summary>expected-error.json as generate.py writes it.</summary>
    private sealed record ExpectedError(string Jinja2, string Id, string Message, string? Template, int? Line)
    {
        public static ExpectedError Read(string file)
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = json.RootElement;
            string? Text(string key) => root.GetProperty(key).ValueKind == JsonValueKind.Null ? null : root.GetProperty(key).GetString();
            int? Number(string key) => root.GetProperty(key).ValueKind == JsonValueKind.Null ? null : root.GetProperty(key).GetInt32();
            return new ExpectedError(Text("jinja2")!, Text("id")!, Text("message")!, Text("template"), Number("line"));
        }
    }
}
