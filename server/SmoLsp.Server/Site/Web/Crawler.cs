using System.Collections.Concurrent;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Server.Site.Web;

/// <summary>
/// Fetches the URLs named and, with <see cref="WebOptions.Crawl"/>, the same-origin pages they link to and the site's
/// sitemaps, breadth-first, honouring robots.txt (RFC 9309) for every page it finds (a URL you name is fetched whatever
/// robots.txt says, as a file you name is checked whatever .smolspignore says, with a note). Levels are fetched
/// concurrently (<see cref="WebOptions.Concurrency"/> requests at once) and followed in document order, so which pages
/// a bounded crawl reaches does not depend on timing. <see cref="WebOptions.MaxPages"/> and the time budget bound it.
/// </summary>
public sealed class Crawler(WebResources web)
{
    // What a link to one of these is: a file, not a page (a request saved, whatever the server says).
    private static readonly HashSet<string> s_notPages = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".avif", ".bmp", ".tif", ".tiff", ".css", ".js", ".mjs", ".map",
        ".json", ".xml", ".rss", ".atom", ".txt", ".csv", ".pdf", ".zip", ".gz", ".tgz", ".7z", ".rar", ".dmg", ".exe", ".msi",
        ".mp3", ".mp4", ".m4a", ".webm", ".ogg", ".wav", ".mov", ".avi", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".doc", ".docx",
        ".xls", ".xlsx", ".ppt", ".pptx", ".apk", ".wasm",
    };

    private readonly WebOptions _options = web.Options;
    private readonly Dictionary<string, RobotsTxt> _robots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _scope = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Notes for the whole crawl (robots.txt unreachable, pages left out by the caps), in order.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>
    /// Crawls from <paramref name="seeds"/>; <paramref name="visit"/> gets every page (checked or skipped, in breadth-first
    /// order per level) and returns the links of a page it read, which the crawl follows.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<Uri> seeds, Func<ServedPage, Task<IReadOnlyList<Uri>>> visit)
    {
        var budget = web.Budget;
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pagesSeen = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var level = new List<(Uri Url, bool Named, string? From)>();
        foreach (var seed in seeds)
        {
            if (visited.Add(seed.AbsoluteUri))
            {
                level.Add((seed, true, null));
                _scope.TryAdd(WebAddresses.Origin(seed), true);
            }
        }

        foreach (var origin in _scope.Keys.Order(StringComparer.Ordinal).ToList())
        {
            _robots[origin] = await LoadRobotsAsync(new Uri(origin), budget).ConfigureAwait(false);
        }

        var fromSitemaps = _options.Crawl ? await SitemapUrlsAsync(budget).ConfigureAwait(false) : [];
        var fetched = 0;
        var disallowed = 0;
        var leftOut = 0;
        while (level.Count > 0)
        {
            if (budget.IsCancellationRequested)
            {
                // A URL you named gets its own line; pages the crawl found are counted.
                foreach (var (url, _, _) in level.Where(l => l.Named))
                {
                    await visit(new ServedPage(url.AbsoluteUri, new WebResponseFacts(url.AbsoluteUri, 0, WebClient.BudgetSpent)) { Named = true, Skip = WebClient.BudgetSpent }).ConfigureAwait(false);
                }

                leftOut += level.Count(l => !l.Named);
                break;
            }

            var take = level.Take(Math.Max(0, _options.MaxPages - fetched)).ToList();
            leftOut += level.Count - take.Count;
            fetched += take.Count;
            var results = await Task.WhenAll(take.Select(t => FetchAndVisitAsync(t.Url, t.Named, t.From, pagesSeen, visit))).ConfigureAwait(false);
            var next = new List<(Uri, bool, string?)>();
            void Offer(Uri link, string? from)
            {
                if (!InScope(link) || IsFile(link) || !visited.Add(link.AbsoluteUri))
                {
                    return;
                }

                if (Disallowed(link))
                {
                    disallowed++;
                    return;
                }

                next.Add((link, false, from));
            }

            if (_options.Crawl)
            {
                foreach (var (from, links) in results)
                {
                    foreach (var link in links)
                    {
                        Offer(link, from);
                    }
                }

                // The sitemap's pages come after the named pages' own links (once): they are one level down from the site's root.
                foreach (var url in fromSitemaps)
                {
                    Offer(url, "sitemap.xml");
                }

                fromSitemaps = [];
            }

            level = next;
        }

        if (disallowed > 0)
        {
            Notes.Add($"note: {disallowed} link(s) not crawled: robots.txt disallows them for {_options.RobotsAgent}");
        }

        if (leftOut > 0)
        {
            Notes.Add(budget.IsCancellationRequested
                ? $"warning: {leftOut} page(s) not checked: the time budget of {WebClient.Seconds(_options.TimeBudget)} ran out (--time-budget)"
                : $"warning: {leftOut} page(s) not checked: the crawl stops at {_options.MaxPages} pages (--max-pages)");
        }
    }

    private async Task<(string Url, IReadOnlyList<Uri> Links)> FetchAndVisitAsync(Uri url, bool named, string? from, ConcurrentDictionary<string, bool> pagesSeen,
        Func<ServedPage, Task<IReadOnlyList<Uri>>> visit)
    {
        var fetch = await web.Client.FetchAsync(url, FetchKind.Page, web.Budget, wantBody: IsHtml).ConfigureAwait(false);
        var facts = fetch.Facts;
        web.RecordPage(facts);
        var notes = new List<string>();
        if (facts.Redirects.Count > 0 && facts.IsSuccess)
        {
            notes.Add("note: requested as " + facts.Url + ", redirected: " + string.Join(", ", facts.Redirects.Select(r => $"{r.Status} to {r.Location}")));
        }

        if (named && Disallowed(url))
        {
            notes.Add($"note: robots.txt disallows this URL for {_options.RobotsAgent}: crawlers that honour it never see this page");
        }

        var page = new ServedPage(url.AbsoluteUri, facts) { Named = named, LinkedFrom = from, Notes = notes };
        string? skip = null;
        if (facts.Problem is { } problem)
        {
            skip = problem;
        }
        else if (!facts.IsSuccess)
        {
            skip = "answers " + facts.Describe();
        }
        else if (!IsHtml(facts))
        {
            // A link to a download or a feed is not a page; a URL you named that is not HTML is worth a word.
            skip = named ? $"not an HTML page ({facts.ContentType})" : null;
            if (skip is null)
            {
                return (facts.FinalUrl, []);
            }
        }
        else if (fetch.Truncated)
        {
            skip = $"the page is larger than {FileAccessPolicy.FormatSize(_options.MaxPageBytes)} (after decompression): not checked";
        }
        else if (!_scope.ContainsKey(WebAddresses.Origin(facts.FinalUrl)) && !named)
        {
            skip = "redirects off the site, to " + facts.FinalUrl;
        }
        else if (!pagesSeen.TryAdd(facts.FinalUrl, true))
        {
            // Two links that redirect to one page: it is checked once.
            return (facts.FinalUrl, []);
        }

        if (skip is null)
        {
            (var text, skip) = ServedPage.Decode(fetch.Body ?? [], fetch.Charset);
            if (text is not null)
            {
                if (named)
                {
                    // A named URL that redirects to another origin (http to https): that origin is the site from here on.
                    _scope.TryAdd(WebAddresses.Origin(facts.FinalUrl), true);
                }

                return (facts.FinalUrl, await visit(page with { Text = text }).ConfigureAwait(false));
            }
        }

        if (from is not null && !named)
        {
            skip += $" (linked from {from})";
        }

        await visit(page with { Skip = skip }).ConfigureAwait(false);
        return (facts.FinalUrl, []);
    }

    /// <summary>On an origin of the checked site (those named, and where a named URL redirected).</summary>
    private bool InScope(Uri url) => _scope.ContainsKey(WebAddresses.Origin(url));

    private bool Disallowed(Uri url) => _robots.TryGetValue(WebAddresses.Origin(url), out var robots) && !robots.IsAllowed(url);

    private static bool IsHtml(WebResponseFacts facts) =>
        facts.ContentType is null or "text/html" or "application/xhtml+xml";

    private static bool IsFile(Uri url)
    {
        var path = url.AbsolutePath;
        var dot = path.LastIndexOf('.');
        return dot > path.LastIndexOf('/') && s_notPages.Contains(path[dot..]);
    }

    private async Task<RobotsTxt> LoadRobotsAsync(Uri origin, CancellationToken budget)
    {
        var fetch = await web.Client.FetchAsync(new Uri(origin, "/robots.txt"), FetchKind.Text, budget, _options.MaxRobotsBytes).ConfigureAwait(false);
        var facts = fetch.Facts;
        if (facts.IsSuccess)
        {
            return RobotsTxt.Parse(ServedPage.Decode(fetch.Body ?? [], fetch.Charset).Text ?? string.Empty, _options.RobotsAgent);
        }

        if (facts.Problem is null && facts.Status is >= 400 and < 500)
        {
            return RobotsTxt.AllowAll;
        }

        // RFC 9309 2.3.1.4: an unreachable robots.txt (5xx, no answer) means complete disallow.
        var why = $"{origin.GetLeftPart(UriPartial.Authority)}/robots.txt {(facts.Problem is null ? "answers " + facts.Describe() : "could not be fetched: " + facts.Problem)}";
        if (_options.Crawl)
        {
            Notes.Add($"warning: {why}: RFC 9309 says crawlers must then assume every page is disallowed, so only the URLs named are checked");
        }

        return RobotsTxt.Unreachable(why);
    }

    /// <summary>The pages the sitemaps list: those robots.txt names, else /sitemap.xml; an index's sitemaps followed one level down.</summary>
    private async Task<List<Uri>> SitemapUrlsAsync(CancellationToken budget)
    {
        var pages = new List<Uri>();
        foreach (var origin in _scope.Keys.Order(StringComparer.Ordinal).ToList())
        {
            var robots = _robots[origin];
            if (robots.DisallowsAll)
            {
                continue;
            }

            var listed = robots.Sitemaps.Count > 0 ? robots.Sitemaps : [origin + "/sitemap.xml"];
            var queue = new Queue<(Uri Url, int Depth)>(listed.Select(l => WebAddresses.Parse(l)).OfType<Uri>().Where(InScope).Select(url => (url, 0)));

            var files = 0;
            while (queue.Count > 0 && files++ < 50 && pages.Count < _options.MaxPages)
            {
                var (url, depth) = queue.Dequeue();
                var fetch = await web.Client.FetchAsync(url, FetchKind.Text, budget, _options.MaxSitemapBytes).ConfigureAwait(false);
                if (!fetch.Facts.IsSuccess || fetch.Body is null)
                {
                    if (robots.Sitemaps.Count > 0)
                    {
                        Notes.Add($"note: sitemap {url} {(fetch.Facts.Problem ?? "answers " + fetch.Facts.Describe())}");
                    }

                    continue;
                }

                var sitemap = Sitemap.Parse(fetch.Body, _options.MaxSitemapBytes, _options.MaxPages);
                if (sitemap.Problem is { } problem)
                {
                    Notes.Add($"note: sitemap {url} is not valid XML after {sitemap.Locations.Count} location(s): {problem}");
                }

                foreach (var location in sitemap.Locations.Select(l => WebAddresses.Parse(l)).OfType<Uri>())
                {
                    if (!sitemap.IsIndex)
                    {
                        pages.Add(location);
                    }
                    else if (depth < 1 && InScope(location))
                    {
                        queue.Enqueue((location, depth + 1));
                    }
                }
            }
        }

        return pages;
    }
}
