using System.Text.Json;
using SmoLsp.Analysis;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Rules.Tests.Infrastructure;

/// <summary>
/// A workspace for rule tests: image facts by site path under one web root, templates by path, and what URLs answer
/// (<see cref="Web"/>: then it fetches, as a live check or <c>--online</c> does). Nothing is read from disk or the
/// network; what a test does not add does not exist.
/// </summary>
public sealed class FakeWorkspace : IWebWorkspace
{
    /// <summary>Where "/" of the site is; test documents ("index.html") are outside it unless a test puts them under it.</summary>
    public const string DefaultWebRoot = "/site/wwwroot";

    private readonly Dictionary<string, ImageFacts> _images = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TemplateDocument> _templates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (WebResponseFacts Response, ImageFacts? Image)> _web = new(StringComparer.Ordinal);

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

    /// <summary>
    /// What <paramref name="url"/> answers: <paramref name="status"/> after <paramref name="redirects"/> (status and
    /// target of each hop), or <paramref name="problem"/>; an image when <paramref name="format"/> is given.
    /// </summary>
    public FakeWorkspace Web(string url, int status = 200, string? contentType = null, (int Status, string To)[]? redirects = null, string? problem = null,
        ImageFormat? format = null, int? width = null, int? height = null, long bytes = 80_000, string reason = "")
    {
        var hops = new List<WebRedirect>();
        var at = url;
        foreach (var (hop, to) in redirects ?? [])
        {
            hops.Add(new WebRedirect(at, hop, to));
            at = to;
        }

        var response = new WebResponseFacts(url, problem is null ? status : 0, problem) { Reason = reason, FinalUrl = at, Redirects = hops, ContentType = contentType };
        ImageFacts? image = null;
        if (format is { } f)
        {
            image = response.IsSuccess
                ? new ImageFacts(url, bytes, f, width, height, false, null) { Web = response with { Length = bytes } }
                : new ImageFacts(url, 0, ImageFormat.Unknown, null, null, false, response.Describe()) { Web = response };
        }

        _web[url] = (response, image);
        return this;
    }

    public bool FetchesWeb => _web.Count > 0;

    public WebResponseFacts? GetPageResponse(string url) => _web.TryGetValue(url, out var entry) ? entry.Response : null;

    public FakeWorkspace Template(string path, string text)
    {
        _templates[path] = TemplateDocument.FromPath(path, text);
        return this;
    }

    /// <summary>
    /// The <c>json images</c> block of a rule's doc page: <c>{"/img/card.png": {"width": 1200, "height": 630, "bytes": 84000,
    /// "format": "png", "animated": false}}</c>; every field but the key is optional. A key that is an absolute URL says
    /// what the web answers for it (the page is then checked live or with <c>--online</c>): <c>{"https://cdn.test/c.png":
    /// {"status": 200, "contentType": "image/png", "redirects": [[301, "https://cdn.test/d.png"]], "format": "png",
    /// "width": 1200, "height": 630}, "https://acme.test/about": {"status": 404, "reason": "Not Found"}}</c>; "problem"
    /// is a failure without an answer ("timed out after 10 s"). Without "format" it is a page, not an image.
    /// </summary>
    public static FakeWorkspace FromJson(string json)
    {
        var workspace = new FakeWorkspace();
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        foreach (var image in document.RootElement.EnumerateObject())
        {
            var facts = image.Value;
            if (image.Name.StartsWith("http", StringComparison.Ordinal))
            {
                ImageFormat? webImage = facts.TryGetProperty("format", out var webFormat) ? Enum.Parse<ImageFormat>(webFormat.GetString()!, ignoreCase: true) : null;
                workspace.Web(
                    image.Name,
                    facts.TryGetProperty("status", out var status) ? status.GetInt32() : 200,
                    facts.TryGetProperty("contentType", out var type) ? type.GetString() : null,
                    facts.TryGetProperty("redirects", out var hops) ? [.. hops.EnumerateArray().Select(h => (h[0].GetInt32(), h[1].GetString()!))] : null,
                    facts.TryGetProperty("problem", out var webProblem) ? webProblem.GetString() : null,
                    webImage,
                    Int(facts, "width"),
                    Int(facts, "height"),
                    facts.TryGetProperty("bytes", out var webBytes) ? webBytes.GetInt64() : 80_000,
                    facts.TryGetProperty("reason", out var reason) ? reason.GetString()! : string.Empty);
                continue;
            }

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

    public ImageFacts? GetImage(string path) => _web.TryGetValue(path, out var web) ? web.Image : _images.GetValueOrDefault(path);

    public string? GetWebRoot(string documentPath) => WebRoot;
}
