using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Rules.Urls;

/// <summary>
/// A URL a share crawler reads from the page: what it is (<see cref="Label"/>: <c>og:url</c>, <c>&lt;link rel="canonical"&gt;</c>),
/// the value as written (<see cref="Span"/> without surrounding whitespace), and the text known for certain
/// (<see cref="Known"/>: all of a static value, the part before the first template code of a dynamic one).
/// </summary>
internal sealed record ShareUrl(string Label, HtmlElement Element, TemplateValue Value, TextSpan Span, string Known, bool IsComplete);

internal static class ShareUrls
{
    /// <summary>Tags whose content is a URL a share card is built from (ogp.me URL-typed properties, X's twitter:image).</summary>
    private static readonly string[] s_mediaKeys =
    [
        "og:image", "og:image:url", "og:image:secure_url", "og:video", "og:video:url", "og:video:secure_url",
        "og:audio", "og:audio:url", "og:audio:secure_url", "twitter:image", "twitter:player",
    ];

    /// <summary>The URLs that name the page itself: og:url and the canonical link, in document order.</summary>
    public static IEnumerable<ShareUrl> PageUrls(RuleContext context) =>
        Collect(context, ["og:url"], canonical: true);

    /// <summary>Every share URL of the page: its own URL and its media.</summary>
    public static IEnumerable<ShareUrl> All(RuleContext context) =>
        Collect(context, ["og:url", .. s_mediaKeys], canonical: true);

    private static IEnumerable<ShareUrl> Collect(RuleContext context, string[] keys, bool canonical)
    {
        var list = new List<ShareUrl>();
        foreach (var meta in context.Head.Metas)
        {
            if (keys.Contains(meta.Key) && meta.Content is { } value && Make(context, meta.Key, meta.Element, value) is { } url)
            {
                list.Add(url);
            }
        }

        if (canonical)
        {
            foreach (var link in context.Head.Canonicals)
            {
                if (link.Href is { } href && Make(context, "<link rel=\"canonical\">", link.Element, href) is { } url)
                {
                    list.Add(url);
                }
            }
        }

        list.Sort(static (a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return list;
    }

    private static ShareUrl? Make(RuleContext context, string label, HtmlElement element, TemplateValue value)
    {
        var known = WebUrl.KnownText(context.Syntax, value, out var complete);
        return string.IsNullOrEmpty(known) ? null : new ShareUrl(label, element, value, WebUrl.TrimmedSpan(context.Source, value.Span), known, complete);
    }

    /// <summary>
    /// Hosts the site is known to serve over https: the configured <c>siteUrl</c>'s and the page's own (og:url or
    /// canonical) when they are https. Changing http: to https: on them is safe; elsewhere the host may not serve https.
    /// </summary>
    public static HashSet<string> HttpsHosts(RuleContext context)
    {
        var hosts = new HashSet<string>(StringComparer.Ordinal);
        if (WebUrl.Parse(context.Configuration.SiteUrl) is { Scheme: "https" } site)
        {
            hosts.Add(site.Host);
        }

        if (WebUrl.PageUrl(context.Head, out _) is { Scheme: "https" } page)
        {
            hosts.Add(page.Host);
        }

        return hosts;
    }

    /// <summary>
    /// The fix that turns the <c>http:</c> written at <paramref name="span"/> into <c>https:</c>: safe on a host the site is
    /// known to serve over https (<see cref="HttpsHosts"/>), a suggestion elsewhere. Null when the source does not start
    /// with <c>http:</c> there (an entity, template code).
    /// </summary>
    public static CodeFix? HttpsFix(RuleContext context, TextSpan span, string known, bool complete)
    {
        if (!context.Source.Slice(span).StartsWith("http:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var host = WebUrl.Parse(known, complete)?.Host;
        var safe = host is not null && HttpsHosts(context).Contains(host);
        return new CodeFix(safe ? "Use https:" : "Use https: (check the host serves https)", safe ? FixSafety.Safe : FixSafety.Suggestion, [new TextEdit(new TextSpan(span.Start, 4), "https")]);
    }
}
