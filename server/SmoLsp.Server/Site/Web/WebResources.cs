using System.Collections.Concurrent;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Server.Site.Web;

/// <summary>
/// What the web answers for the URLs the core asks about through <see cref="SiteWorkspace"/>: share images (by a Range
/// request for their head) and page URLs (og:url, canonical). Each URL is fetched once per run, however many pages name
/// it (a site-wide og:image is one request), and kept on disk with <see cref="WebOptions.CacheDirectory"/>.
/// <para>
/// The core asks synchronously and never waits for the network: a URL not answered yet starts its fetch, is added to
/// the caller's <c>pending</c> list and reads as unknown; the session waits for the pending fetches and analyzes the
/// page again (<see cref="SiteSession.Analyze(string, string?)"/>), so a slow image never counts against a page's
/// analysis time budget.
/// </para>
/// <para>
/// URLs under the configuration's <c>siteUrl</c> are fetched from the checked server instead (<see cref="MapSite"/>): a
/// staging server stands in for the public site, as the files stand in for it in a check of templates.
/// </para>
/// </summary>
public sealed class WebResources : IDisposable
{
    private readonly WebDiskCache? _disk;
    private readonly ConcurrentDictionary<string, Lazy<Task<ImageFacts>>> _images = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<WebResponseFacts>>> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _origins = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _budget;
    private (string Prefix, string Origin)? _siteMap;

    public WebResources(WebOptions options, CancellationToken cancellationToken = default)
    {
        Options = options;
        Client = new WebClient(options);
        _disk = options.CacheDirectory is { } directory ? new WebDiskCache(directory) : null;
        _budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _budget.CancelAfter(options.TimeBudget);
    }

    public WebClient Client { get; }

    public WebOptions Options { get; }

    /// <summary>Cancelled when the run's time budget is spent (or the run is cancelled): nothing new is fetched after it.</summary>
    public CancellationToken Budget => _budget.Token;

    /// <summary>An origin the run checks (a URL named on the command line): with <see cref="WebOptions.SameOriginOnly"/>, the only ones fetched from.</summary>
    public void AddOrigin(Uri url) => _origins.TryAdd(WebAddresses.Origin(url), true);

    /// <summary>
    /// URLs under <paramref name="siteUrl"/> (the configuration's public address) are fetched from <paramref name="origin"/>,
    /// the server being checked. The first mapping wins; a site URL with a path keeps its path on the server.
    /// </summary>
    public void MapSite(string? siteUrl, Uri origin)
    {
        if (_siteMap is null && WebAddresses.Parse(siteUrl ?? string.Empty) is { } site)
        {
            _siteMap = (WebAddresses.Origin(site), WebAddresses.Origin(origin));
        }
    }

    /// <summary>The URL actually fetched for <paramref name="url"/>: the checked server for the site URL's, else itself (normalised); null when not a web URL.</summary>
    public Uri? Map(string url) =>
        WebAddresses.Parse(url) is not { } uri ? null
        : _siteMap is { } map && string.Equals(WebAddresses.Origin(uri), map.Prefix, StringComparison.OrdinalIgnoreCase) ? WebAddresses.Parse(map.Origin + uri.PathAndQuery)
        : uri;

    private bool Allowed(Uri mapped) => !Options.SameOriginOnly || _origins.ContainsKey(WebAddresses.Origin(mapped));

    // ---- images ----

    /// <summary>The image's facts, or null: not a URL the run fetches, or not answered yet (then its fetch is in <paramref name="pending"/>).</summary>
    public ImageFacts? GetImage(string url, ICollection<Task>? pending) =>
        Answer(_images, url, pending, async u => ToImage(u, await FetchCachedAsync(u, FetchKind.Image).ConfigureAwait(false)));

    /// <summary>Image facts from an answer: the header reader on the bytes fetched, the size from the headers.</summary>
    public static ImageFacts ToImage(Uri url, WebFetch fetch)
    {
        var web = fetch.Facts;
        if (!web.IsSuccess)
        {
            return new ImageFacts(web.Url, 0, ImageFormat.Unknown, null, null, false, web.Describe()) { Web = web };
        }

        var body = fetch.Body ?? [];
        var complete = !fetch.Truncated;
        var total = web.Length ?? (complete ? body.Length : 0);

        // The reader words a header that stops early by whether it saw the whole file.
        var readerLength = complete ? body.Length : Math.Max(total, body.Length + 1L);
        return ImageHeaderReader.Read(url.AbsolutePath, readerLength, body) with { Path = web.Url, Bytes = total, Web = web };
    }

    // ---- page URLs ----

    /// <summary>What a page URL answers (status and redirects), or null: not fetched by this run, or not answered yet (see <paramref name="pending"/>).</summary>
    public WebResponseFacts? GetPageResponse(string url, ICollection<Task>? pending) =>
        Answer(_pages, url, pending, async u => (await FetchCachedAsync(u, FetchKind.Probe).ConfigureAwait(false)).Facts);

    /// <summary>A page the crawl fetched answers for its URL (and its final URL answers 200 directly): og:url naming the page itself costs nothing.</summary>
    public void RecordPage(WebResponseFacts facts)
    {
        if (facts.Problem is not null)
        {
            return;
        }

        _pages.TryAdd(facts.Url, new Lazy<Task<WebResponseFacts>>(Task.FromResult(facts)));
        if (facts.Redirects.Count > 0)
        {
            _pages.TryAdd(facts.FinalUrl, new Lazy<Task<WebResponseFacts>>(Task.FromResult(facts with { Url = facts.FinalUrl, Redirects = [] })));
        }
    }

    /// <summary>The answer for <paramref name="url"/> as mapped: fetched once by whoever asks first, null until it is in.</summary>
    private T? Answer<T>(ConcurrentDictionary<string, Lazy<Task<T>>> answers, string url, ICollection<Task>? pending, Func<Uri, Task<T>> fetch)
        where T : class
    {
        if (Map(url) is not { } mapped || !Allowed(mapped))
        {
            return null;
        }

        var task = answers.GetOrAdd(mapped.AbsoluteUri, u => new Lazy<Task<T>>(() => Task.Run(() => fetch(new Uri(u))))).Value;
        if (task.IsCompletedSuccessfully)
        {
            return task.Result;
        }

        if (pending is not null && !task.IsCompleted)
        {
            lock (pending)
            {
                pending.Add(task);
            }
        }

        return null;
    }

    // ---- the disk cache ----

    private async Task<WebFetch> FetchCachedAsync(Uri url, FetchKind kind)
    {
        try
        {
            return await FetchCachedCoreAsync(url, kind).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The session waits for these tasks: they answer with a problem, never a fault.
            return new WebFetch(new WebResponseFacts(url.AbsoluteUri, 0, $"could not be fetched ({ex.GetType().Name}: {ex.Message})"));
        }
    }

    private async Task<WebFetch> FetchCachedCoreAsync(Uri url, FetchKind kind)
    {
        var key = url.AbsoluteUri;
        WebCacheEntry? entry = null;
        if (_disk is not null && (entry = _disk.Load(kind, key)) is not null)
        {
            try
            {
                if (entry.IsFresh(DateTimeOffset.UtcNow))
                {
                    return entry.ToFetch();
                }
            }
            catch (FormatException)
            {
                entry = null;
            }
        }

        var fetch = await Client.FetchAsync(url, kind, Budget, validators: entry?.Validators).ConfigureAwait(false);
        if (_disk is null)
        {
            return fetch;
        }

        if (fetch.Facts.Status == 304 && entry is not null)
        {
            try
            {
                var cached = entry.ToFetch();
                _disk.Touch(kind, entry, fetch, DateTimeOffset.UtcNow);
                return cached;
            }
            catch (FormatException)
            {
                return await Client.FetchAsync(url, kind, Budget).ConfigureAwait(false);
            }
        }

        _disk.Save(kind, fetch, DateTimeOffset.UtcNow);
        return fetch;
    }

    public void Dispose()
    {
        Client.Dispose();
        _budget.Dispose();
    }
}
