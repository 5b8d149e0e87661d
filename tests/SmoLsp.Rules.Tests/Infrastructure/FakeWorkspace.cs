using System.Text.Json;
using SmoLsp.Analysis;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Rules.Tests.Infrastructure;

/// <summary>
/// A workspace for rule tests: image facts by site path under one web root, and templates by path. Nothing is
/// read from disk; what a test does not add does not exist.
/// </summary>
public sealed class FakeWorkspace : ITemplateWorkspace
{
    /// <summary>Where "/" of the site is; test documents ("index.html") are outside it unless a test puts them under it.</summary>
    public const string DefaultWebRoot = "/site/wwwroot";

    private readonly Dictionary<string, ImageFacts> _images = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TemplateDocument> _templates = new(StringComparer.Ordinal);

    public FakeWorkspace(string? webRoot = DefaultWebRoot)
    {
        WebRoot = webRoot;
    }

    public string? WebRoot { get; }

    /// <summary>The full path of a site path (<c>/img/card.png</c>) under the web root.</summary>
    public string PathOf(string sitePath) => (WebRoot ?? string.Empty).TrimEnd('/') + "/" + sitePath.TrimStart('/');

    /// <summary>Adds an image at <paramref name="sitePath"/>.</summary>
    public FakeWorkspace Image(string sitePath, int? width, int? height, long bytes = 80_000, ImageFormat format = ImageFormat.Png, bool animated = false, string? problem = null)
    {
        var path = PathOf(sitePath);
        _images[path] = new ImageFacts(path, bytes, format, width, height, animated, problem);
        return this;
    }

    public FakeWorkspace Template(string path, string text)
    {
        _templates[path] = TemplateDocument.FromPath(path, text);
        return this;
    }

    /// <summary>
    /// The <c>json images</c> block of a rule's doc page: <c>{"/img/card.png": {"width": 1200, "height": 630, "bytes": 84000,
    /// "format": "png", "animated": false}}</c>; every field but the key is optional.
    /// </summary>
    public static FakeWorkspace FromJson(string json)
    {
        var workspace = new FakeWorkspace();
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        foreach (var image in document.RootElement.EnumerateObject())
        {
            var facts = image.Value;
            workspace.Image(
                image.Name,
                Int(facts, "width"),
                Int(facts, "height"),
                facts.TryGetProperty("bytes", out var bytes) ? bytes.GetInt64() : 80_000,
                facts.TryGetProperty("format", out var format) ? Enum.Parse<ImageFormat>(format.GetString()!, ignoreCase: true) : ImageFormat.Png,
                facts.TryGetProperty("animated", out var animated) && animated.GetBoolean(),
                facts.TryGetProperty("problem", out var problem) ? problem.GetString() : null);
        }

        return workspace;

        static int? Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetInt32() : null;
    }

    public TemplateDocument? GetTemplate(string path) => _templates.GetValueOrDefault(path);

    public bool Exists(string path) => _images.ContainsKey(path) || _templates.ContainsKey(path)
        || _images.Keys.Concat(_templates.Keys).Any(p => p.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal));

    public ImageFacts? GetImage(string path) => _images.GetValueOrDefault(path);

    public string? GetWebRoot(string documentPath) => WebRoot;
}
