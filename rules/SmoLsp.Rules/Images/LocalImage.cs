using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;
using SmoLsp.Analysis.Workspace;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Images;

/// <summary>
/// A share-image tag whose URL points into the site, with the file it names under the web root and what the
/// workspace knows of that file (<see cref="Facts"/> is null when there is no such file).
/// </summary>
/// <remarks>
/// For an image on the web (a served page's images, or another host's with <c>--online</c>), <see cref="FilePath"/> is
/// its absolute URL, <see cref="IsWeb"/> is true and <see cref="DisplayPath"/> is the URL the host fetched.
/// </remarks>
internal sealed record LocalImageReference(MetaTag Meta, TextSpan ValueSpan, string Url, string SitePath, string FilePath, ImageFacts? Facts)
{
    /// <summary>The file as a reader knows it: the web root's folder name and the site path (<c>wwwroot/img/card.png</c>).</summary>
    public string DisplayPath { get; init; } = SitePath;

    /// <summary>The image is fetched from the web (<see cref="FilePath"/> is a URL), not read from a file.</summary>
    public bool IsWeb { get; init; }

    public bool HasSize => Facts is { Width: not null, Height: not null };
}

/// <summary>
/// Finds the files behind <c>og:image</c>, <c>og:image:url</c>, <c>og:image:secure_url</c> and <c>twitter:image</c>.
/// Only static values are resolved (a Razor expression's URL is unknown). The core never fetches: a URL on another host
/// is judged only when the host fetches it (<see cref="IWebWorkspace"/>), and a served page's images are
/// URLs the host fetches.
/// </summary>
/// <summary>Where a share-image URL leads: a file under the web root (<see cref="Path"/> a full path) or a URL on the web.</summary>
internal readonly record struct ImageTarget(string SitePath, string Path, bool IsWeb);

internal static class LocalImage
{
    public static readonly IReadOnlyList<string> Keys = ["og:image", "og:image:url", "og:image:secure_url", "twitter:image"];

    // A URL without one of these extensions may be an endpoint that renders images (/og?title=...): a missing file
    // proves nothing there, so only these are reported as missing.
    private static readonly HashSet<string> s_imageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".gif", ".webp", ".svg", ".svgz", ".avif", ".heic", ".heif", ".jxl", ".bmp", ".tif", ".tiff", ".ico",
    };

    /// <summary>Every share-image tag of the document that resolves into the web root, in document order (computed once per document).</summary>
    public static IReadOnlyList<LocalImageReference> Of(RuleContext context) => context.Get(s_references);

    private static readonly DocumentFact<LocalImageReference[]> s_references = new(Find);

    private static LocalImageReference[] Find(RuleContext context)
    {
        var workspace = context.Workspace;
        var webRoot = workspace.GetWebRoot(context.Document.Path);
        var served = WebAddress.IsHttp(context.Document.Path);
        if (string.IsNullOrEmpty(webRoot) && !served && !workspace.FetchesWeb())
        {
            return [];
        }

        var isRazor = context.Syntax.Language.IsRazor();
        var list = new List<LocalImageReference>();
        foreach (var meta in context.Head.Metas)
        {
            if (!Keys.Contains(meta.Key) || meta.Content is not { IsStatic: true } value)
            {
                continue;
            }

            var url = value.Text.Trim();
            if (Locate(url, context.Document.Path, isRazor, webRoot, context.Configuration.SiteUrl, workspace.FetchesWeb()) is not { } target)
            {
                continue;
            }

            var facts = workspace.GetImage(target.Path);
            if (facts is { Width: <= 0 } or { Height: <= 0 })
            {
                // Hosts are trusted for facts, not for arithmetic: a zero side would divide by zero in the ratio rule.
                facts = facts with { Width = null, Height = null };
            }

            list.Add(new LocalImageReference(meta, WebUrl.TrimmedSpan(context.Source, value.Span), url, target.SitePath, target.Path, facts)
            {
                DisplayPath = target.IsWeb ? facts?.Web?.Url ?? target.Path : FolderName(webRoot!) + target.SitePath,
                IsWeb = target.IsWeb,
            });
        }

        return [.. list];
    }

    /// <summary>
    /// Where a share-image URL leads, the one answer the image rules and the share cards share:
    /// <list type="bullet">
    /// <item>on a served page (the document's path is its URL), the URL resolved against the page, as a crawler does;</item>
    /// <item>in a template, the file under the web root it names (<see cref="ToSitePath"/>);</item>
    /// <item>else, when the host fetches (<paramref name="fetchesWeb"/>), an absolute http(s) URL on another host.</item>
    /// </list>
    /// Null when the URL names nothing the rules can judge.
    /// </summary>
    public static ImageTarget? Locate(string url, string documentPath, bool isRazor, string? webRoot, string? siteUrl, bool fetchesWeb)
    {
        if (WebAddress.IsHttp(documentPath))
        {
            return WebAddress.Resolve(documentPath, url) is { } served ? new ImageTarget(served.AbsolutePath, served.AbsoluteUri, IsWeb: true) : null;
        }

        if (!string.IsNullOrEmpty(webRoot) && ToSitePath(url, documentPath, isRazor, webRoot, siteUrl) is { } sitePath)
        {
            // ASP.NET serves these from elsewhere (Razor class libraries' wwwroot, the Blazor runtime): not files of this web root.
            return sitePath.StartsWith("/_content/", StringComparison.OrdinalIgnoreCase) || sitePath.StartsWith("/_framework/", StringComparison.OrdinalIgnoreCase)
                ? null
                : new ImageTarget(sitePath, ToFilePath(webRoot, sitePath), IsWeb: false);
        }

        // Another host's image: judged only when the user asked for the network (a URL to check, or --online).
        return fetchesWeb && WebUrl.Classify(url) is UrlForm.Absolute or UrlForm.ProtocolRelative && WebAddress.Resolve("https://localhost/", url) is { } remote
            ? new ImageTarget(remote.AbsolutePath, remote.AbsoluteUri, IsWeb: true)
            : null;
    }

    /// <summary>The references grouped by file, each group in document order: file facts are reported once, on the first tag.</summary>
    public static IEnumerable<IReadOnlyList<LocalImageReference>> ByFile(RuleContext context) =>
        Of(context).GroupBy(r => r.FilePath, StringComparer.Ordinal).Select(g => (IReadOnlyList<LocalImageReference>)[.. g]);

    /// <summary>The static <c>twitter:card</c> type in lower case, or null.</summary>
    public static string? CardType(HeadModel head) =>
        head.GetMetaContent("twitter:card") is { IsStatic: true } card ? card.Text.Trim().ToLowerInvariant() : null;

    /// <summary>The tag X takes its card image from: the first <c>twitter:image</c>, else the first <c>og:image</c> (X falls back to Open Graph).</summary>
    public static MetaTag? XImageTag(HeadModel head) =>
        head.GetMetas("twitter:image").FirstOrDefault(m => m.Content is { IsEmpty: false })
        ?? head.GetMetas("og:image").FirstOrDefault(m => m.Content is { IsEmpty: false });

    /// <summary>True when an Open Graph tag (read by Facebook, LinkedIn and most other crawlers) refers to the file.</summary>
    public static bool IsOpenGraph(IReadOnlyList<LocalImageReference> file) => file.Any(r => r.Meta.Key.StartsWith("og:", StringComparison.Ordinal));

    /// <summary>True when X reads the file as its card image.</summary>
    public static bool IsXImage(IReadOnlyList<LocalImageReference> file, MetaTag? xImage) => xImage is not null && file.Any(r => ReferenceEquals(r.Meta, xImage));

    public static string Size(ImageFacts facts) => $"{facts.Width}x{facts.Height}";

    /// <summary>
    /// The local file of known size behind an og:image group: the og:image itself, else its og:image:url or
    /// og:image:secure_url. What SMO402 (declare the size) and SMO403 (the declared size is wrong) both judge against.
    /// </summary>
    public static LocalImageReference? SizedImageOf(RuleContext context, OgImageGroup group) => ImageOf(context, group, static r => r.HasSize);

    /// <summary>
    /// The first tag of <paramref name="group"/>, in document order, whose local file <paramref name="has"/> accepts. Looked
    /// up by tag, not by scanning the page's references: a page of 200,000 og:image tags made that scan quadratic (minutes).
    /// </summary>
    private static LocalImageReference? ImageOf(RuleContext context, OgImageGroup group, Func<LocalImageReference, bool> has)
    {
        var byTag = context.Get(s_byTag);
        LocalImageReference? first = null;
        Consider(group.Root);
        foreach (var property in group.Properties)
        {
            Consider(property);
        }

        return first;

        void Consider(MetaTag tag)
        {
            if (byTag.TryGetValue(tag.Element, out var image) && has(image) && (first is null || tag.Element.Index < first.Meta.Element.Index))
            {
                first = image;
            }
        }
    }

    // Keyed by element (one tag per element, compared by reference): a record's value equality would hash every field.
    private static readonly DocumentFact<Dictionary<HtmlElement, LocalImageReference>> s_byTag = new(context => Of(context).ToDictionary(r => r.Meta.Element));

    /// <summary>
    /// Each og:image group whose image is a local file that <paramref name="has"/> accepts (the og:image itself, else its
    /// og:image:url or og:image:secure_url), with that file: what the rules that compare a group's tags with its file walk.
    /// </summary>
    public static IReadOnlyList<(OgImageGroup Group, LocalImageReference Image)> Groups(RuleContext context, Func<LocalImageReference, bool> has)
    {
        var found = new List<(OgImageGroup, LocalImageReference)>();
        if (Of(context).Count == 0)
        {
            return found;
        }

        foreach (var group in OgImageGroup.Of(context.Head))
        {
            if (ImageOf(context, group, has) is { } image)
            {
                found.Add((group, image));
            }
        }

        return found;
    }

    /// <summary>True when the path's last segment ends like an image file, so a missing file is a broken link rather than an endpoint.</summary>
    public static bool LooksLikeImageFile(string sitePath)
    {
        var name = sitePath[(sitePath.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        return dot > 0 && s_imageExtensions.Contains(name[dot..]);
    }

    /// <summary>
    /// The site path (<c>/img/card.png</c>, decoded, normalised) a URL names, or null when it is not a file of this
    /// site: another host, a scheme other than http(s), a Razor-only form in HTML, or <c>..</c> climbing out of the web root.
    /// <list type="bullet">
    /// <item><c>/img/x.png</c>: the web root (minus the site URL's path base when the URL repeats it).</item>
    /// <item><c>~/img/x.png</c>: Razor's application root, which is the web root.</item>
    /// <item><c>img/x.png</c>: in Razor the web root (views do not live where they are served); in HTML the page's own
    /// folder when the page is inside the web root, else the web root.</item>
    /// <item><c>https://site/img/x.png</c>: when the host is the configured <c>siteUrl</c>'s (ignoring <c>www.</c>, scheme
    /// and default port) and the path is under its path base.</item>
    /// </list>
    /// </summary>
    public static string? ToSitePath(string url, string documentPath, bool isRazor, string webRoot, string? siteUrl)
    {
        var site = SiteBase(siteUrl);
        string path;
        switch (WebUrl.Classify(url))
        {
            case UrlForm.Absolute:
            case UrlForm.ProtocolRelative:
                if (WebUrl.Parse(url) is not { } target || (target.Scheme.Length > 0 && !target.IsHttp) || site is null
                    || !string.Equals(target.SiteHost, site.Value.Host, StringComparison.OrdinalIgnoreCase)
                    || StripBase(target.Path.Replace('\\', '/'), site.Value.PathBase) is not { } underBase)
                {
                    return null;
                }

                return Normalize(underBase);

            case UrlForm.RootRelative:
                path = StripQuery(url).Replace('\\', '/');
                return Normalize(site is { PathBase.Length: > 0 } s ? StripBase(path, s.PathBase) ?? path : path);

            case UrlForm.AppRelative:
                return isRazor ? Normalize(StripQuery(url)[1..]) : null;

            case UrlForm.PathRelative:
                path = StripQuery(url);
                var folder = isRazor ? string.Empty : DocumentFolder(documentPath, webRoot);
                return Normalize(folder + "/" + path);

            default:
                return null;
        }
    }

    /// <summary>The full path of a site path under the web root, with the web root's own separators.</summary>
    public static string ToFilePath(string webRoot, string sitePath)
    {
        var separator = Separator(webRoot);
        var root = webRoot.TrimEnd('/', '\\');
        return root + (separator == '/' ? sitePath : sitePath.Replace('/', separator));
    }

    // Hosts hand over full paths with their own separators (ITemplateWorkspace); a Windows path has '\' and no '/'.
    private static char Separator(string path) => path.Contains('\\', StringComparison.Ordinal) && !path.Contains('/', StringComparison.Ordinal) ? '\\' : '/';

    private static string FolderName(string webRoot)
    {
        var trimmed = webRoot.TrimEnd('/', '\\');
        return trimmed[(trimmed.LastIndexOfAny(['/', '\\']) + 1)..];
    }

    /// <summary>The URL path of the folder holding an HTML page inside the web root (<c>/blog</c>), or "" (the root).</summary>
    private static string DocumentFolder(string documentPath, string webRoot)
    {
        var root = webRoot.TrimEnd('/', '\\').Replace('\\', '/');
        var document = documentPath.Replace('\\', '/');
        if (root.Length == 0 || !document.StartsWith(root + "/", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var relative = document[root.Length..];
        return relative[..relative.LastIndexOf('/')];
    }

    private static (string Host, string PathBase)? SiteBase(string? siteUrl) =>
        WebUrl.Parse(siteUrl) is { IsHttp: true } site ? (site.SiteHost, site.Path.TrimEnd('/')) : null;

    /// <summary>The path below <paramref name="pathBase"/> (<c>/blog/img/a.png</c> under <c>/blog</c> is <c>/img/a.png</c>), or null when it is not below it.</summary>
    private static string? StripBase(string path, string pathBase)
    {
        if (pathBase.Length == 0)
        {
            return path.Length == 0 ? "/" : path;
        }

        if (path.Equals(pathBase, StringComparison.Ordinal))
        {
            return "/";
        }

        return path.StartsWith(pathBase + "/", StringComparison.Ordinal) ? path[pathBase.Length..] : null;
    }

    private static string StripQuery(string url)
    {
        var end = url.AsSpan().IndexOfAny('?', '#');
        return end < 0 ? url : url[..end];
    }

    /// <summary>
    /// Splits on '/' (and '\', which browsers read as '/'), percent-decodes each segment and applies <c>.</c> and
    /// <c>..</c>. Null when <c>..</c> climbs above the root (a static file server refuses it) or a segment decodes to
    /// a separator or NUL (an encoded path trick, not a file name).
    /// </summary>
    private static string? Normalize(string path)
    {
        var segments = new List<string>();
        foreach (var raw in path.Split('/', '\\'))
        {
            string segment;
            try
            {
                segment = Uri.UnescapeDataString(raw);
            }
            catch (UriFormatException)
            {
                return null;
            }

            if (segment.AsSpan().IndexOfAny('/', '\\', '\0') >= 0)
            {
                return null;
            }

            switch (segment)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (segments.Count == 0)
                    {
                        return null;
                    }

                    segments.RemoveAt(segments.Count - 1);
                    continue;
                default:
                    segments.Add(segment);
                    continue;
            }
        }

        return "/" + string.Join('/', segments);
    }
}
