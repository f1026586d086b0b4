using System.Text;
using CloudCompose.Image.Templates;

namespace CloudCompose.Image.Tests.Templates;

/// <summary>A temporary folder of template files, deleted after the test.</summary>
internal sealed class TemplateFolder : IDisposable
{
    public TemplateFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cc-templates-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes a file byte for byte (no newline translation, no BOM unless given).</summary>
    public TemplateFolder With(string name, string content)
    {
        var full = FullPath(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content, new UTF8Encoding(false));
        return this;
    }

    public string FullPath(string name) => System.IO.Path.Combine(Path, name.Replace('/', System.IO.Path.DirectorySeparatorChar));

    public RenderedTemplate Render(string name = "image.sh", IReadOnlyDictionary<string, object?>? variables = null) =>
        new TemplateRenderer(new[] { Path }).Render(name, variables ?? new Dictionary<string, object?>());

    public string RenderText(string content, IReadOnlyDictionary<string, object?>? variables = null)
    {
        With("image.sh", content);
        return Render("image.sh", variables).Text;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Shorthands for building template variables.</summary>
internal static class Vars
{
    public static Dictionary<string, object?> Of(params (string Name, object? Value)[] items) =>
        items.ToDictionary(i => i.Name, i => i.Value);

    public static IReadOnlyList<object?> List(params object?[] items) => items;

    public static IReadOnlyDictionary<string, object?> Dict(params (string Key, object? Value)[] items) =>
        items.ToDictionary(i => i.Key, i => i.Value);

    public static TemplateNumber Num(string text) => new(text);
}
