using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Server.Site.Web;

/// <summary>What a fetch is for, which decides what is asked for and how much of the body is read.</summary>
public enum FetchKind
{
    /// <summary>A page to check: HTML only, up to <see cref="WebOptions.MaxPageBytes"/> after decompression.</summary>
    Page,

    /// <summary>A share image: a Range request for its first <see cref="WebOptions.MaxImageBytes"/>, no compression.</summary>
    Image,

    /// <summary>Does this URL answer (og:url, canonical)? Headers only; the body is never read.</summary>
    Probe,

    /// <summary>robots.txt or a sitemap, up to the cap the caller gives.</summary>
    Text,
}

/// <summary>Validators of a cached answer, for a conditional request (304 Not Modified means the cached facts hold).</summary>
public sealed record WebValidators(string? ETag, string? LastModified);

/// <summary>One fetch: the facts of the answer, and as much of the body as its kind reads.</summary>
public sealed record WebFetch(WebResponseFacts Facts)
{
    /// <summary>The body's first bytes (up to the kind's cap), or null when it was not read.</summary>
    public byte[]? Body { get; init; }

    /// <summary>The body went on past the cap.</summary>
    public bool Truncated { get; init; }

    /// <summary>The <c>charset</c> of the Content-Type header, or null.</summary>
    public string? Charset { get; init; }

    public WebValidators? Validators { get; init; }

    /// <summary>How long the answer may be reused without asking again (Cache-Control max-age, Expires); null: ask again.</summary>
    public TimeSpan? FreshFor { get; init; }

    /// <summary>Cache-Control: no-store: never written to the disk cache.</summary>
    public bool NoStore { get; init; }
}

/// <summary>
/// The session's HTTP client: HTTP/1.1 and HTTP/2 (negotiated over TLS), gzip/deflate/brotli for pages, redirects
/// followed by hand so each hop is reported (and loops found), a per-request timeout covering headers and body, a cap on
/// every body read (counted after decompression, so a compressed bomb stops at the cap), and a limit on requests in
/// flight. Never throws for the network: every failure is a <see cref="WebResponseFacts.Problem"/> that says what
/// happened in words.
/// </summary>
public sealed class WebClient(WebOptions options) : IDisposable
{
    private readonly HttpClient _decompressing = Create(options, DecompressionMethods.All);

    // Images are asked for by byte range, which only means something on the bytes as stored.
    private readonly HttpClient _identity = Create(options, DecompressionMethods.None);
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Concurrency));

    private static HttpClient Create(WebOptions options, DecompressionMethods decompression)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = decompression,
            UseCookies = false,
            ConnectTimeout = options.Timeout,
            MaxConnectionsPerServer = Math.Max(1, options.Concurrency),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),

            // The default, stated: a server that sends more header bytes than this gets a clear failure, not our memory.
            MaxResponseHeadersLength = 64,
        };

        if (options.AllowAddress is { } allow)
        {
            handler.UseProxy = false;
            handler.ConnectCallback = (context, cancellationToken) => ConnectAsync(context, allow, cancellationToken);
        }

        if (options.ServerCertificateValidation is { } validation)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = validation;
        }

        return new HttpClient(handler, disposeHandler: true)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, Func<IPAddress, bool> allow, CancellationToken cancellationToken)
    {
        // Decided before any name is looked up: a test that may only reach loopback never sends a DNS query either.
        var host = context.DnsEndPoint.Host;
        IPAddress[] addresses = IPAddress.TryParse(host, out var literal) ? [literal]
            : host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? [IPAddress.Loopback]
            : throw new HttpRequestException(HttpRequestError.ConnectionError, $"connections to {host} are not allowed in this run");
        if (!addresses.All(allow))
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"connections to {host} are not allowed in this run");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses[0], context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Fetches <paramref name="url"/>, following redirects. <paramref name="maxBody"/> overrides the kind's body cap (for
    /// <see cref="FetchKind.Text"/>); <paramref name="validators"/> makes it conditional. <paramref name="wantBody"/> sees
    /// the final answer's facts and says whether to read the body at all (a crawl reads HTML only).
    /// </summary>
    public async Task<WebFetch> FetchAsync(Uri url, FetchKind kind, CancellationToken cancellationToken, long? maxBody = null, WebValidators? validators = null,
        Func<WebResponseFacts, bool>? wantBody = null)
    {
        var requested = url.AbsoluteUri;
        var redirects = new List<WebRedirect>();
        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return new WebFetch(new WebResponseFacts(requested, 0, BudgetSpent));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var current = url;
        try
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { requested };
            var retried = false;
            while (true)
            {
                // HTTP/2 where TLS negotiates it (ALPN), HTTP/1.1 otherwise: a message's own version is what counts, not the client's default.
                using var request = new HttpRequestMessage(HttpMethod.Get, current) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
                request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
                request.Headers.TryAddWithoutValidation("Accept", kind switch
                {
                    FetchKind.Image => "image/*,*/*;q=0.8",
                    FetchKind.Text => "text/plain,application/xml,text/xml,*/*;q=0.8",
                    _ => "text/html,application/xhtml+xml,*/*;q=0.8",
                });
                if (kind == FetchKind.Image)
                {
                    request.Headers.Range = new RangeHeaderValue(0, options.MaxImageBytes - 1);
                }

                if (validators is not null && redirects.Count == 0)
                {
                    if (validators.ETag is { } etag)
                    {
                        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                    }

                    if (validators.LastModified is { } modified)
                    {
                        request.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
                    }
                }

                var client = kind == FetchKind.Image ? _identity : _decompressing;
                HttpResponseMessage sent;
                try
                {
                    sent = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                }
                catch (HttpRequestException ex) when (!retried && ex.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.ConnectionError)
                {
                    // A GET that got no answer at all (a kept-alive connection the server had just closed, a full
                    // accept queue) is asked once more, as browsers and crawlers do; the timeout still covers both.
                    retried = true;
                    continue;
                }

                using var response = sent;
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
                {
                    if (!Uri.TryCreate(current, location, out var next) || next.Scheme is not ("http" or "https"))
                    {
                        return new WebFetch(Facts(requested, current, response, redirects, $"redirects ({status}) to '{location}', which is not an http(s) URL"));
                    }

                    next = WebAddresses.WithoutFragment(next);
                    redirects.Add(new WebRedirect(current.AbsoluteUri, status, next.AbsoluteUri));
                    if (!seen.Add(next.AbsoluteUri))
                    {
                        return new WebFetch(Facts(requested, current, response, redirects, "a redirect loop (" + string.Join(" -> ", redirects.Select(r => r.Url).Append(next.AbsoluteUri)) + ")"));
                    }

                    if (redirects.Count > options.MaxRedirects)
                    {
                        return new WebFetch(Facts(requested, current, response, redirects, $"more than {options.MaxRedirects} redirects"));
                    }

                    current = next;
                    continue;
                }

                var facts = Facts(requested, current, response, redirects, null);
                var fetch = new WebFetch(facts)
                {
                    Charset = response.Content.Headers.ContentType?.CharSet,
                    Validators = Validators(response),
                    FreshFor = FreshFor(response),
                    NoStore = response.Headers.CacheControl is { NoStore: true },
                };
                if (kind == FetchKind.Probe || !facts.IsSuccess || (wantBody is not null && !wantBody(facts)))
                {
                    return fetch;
                }

                var cap = maxBody ?? (kind == FetchKind.Image ? options.MaxImageBytes : options.MaxPageBytes);
                var (body, truncated) = await ReadCapped(response, cap, kind == FetchKind.Image, timeout.Token).ConfigureAwait(false);
                return fetch with { Body = body, Truncated = truncated };
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException or InvalidOperationException or NotSupportedException)
        {
            // Only the caller's token is the run's budget; our own timeout cancels too.
            var problem = ex is not OperationCanceledException ? Describe(ex, current)
                : cancellationToken.IsCancellationRequested ? BudgetSpent
                : $"timed out after {Seconds(options.Timeout)}";
            return new WebFetch(new WebResponseFacts(requested, 0, problem) { FinalUrl = current.AbsoluteUri, Redirects = redirects });
        }
        finally
        {
            _slots.Release();
        }
    }

    public const string BudgetSpent = "not fetched: the run's time budget ran out";

    private static WebResponseFacts Facts(string requested, Uri current, HttpResponseMessage response, List<WebRedirect> redirects, string? problem)
    {
        var headers = response.Content.Headers;
        long? length = response.StatusCode == HttpStatusCode.PartialContent ? headers.ContentRange?.Length : headers.ContentLength;

        // A compressed page's Content-Length counts compressed bytes: only an uncompressed length is the resource's size.
        if (headers.ContentEncoding.Count > 0 && response.StatusCode != HttpStatusCode.PartialContent)
        {
            length = null;
        }

        return new WebResponseFacts(requested, problem is null ? (int)response.StatusCode : 0, problem)
        {
            Reason = response.ReasonPhrase ?? string.Empty,
            FinalUrl = current.AbsoluteUri,
            Redirects = [.. redirects],
            ContentType = headers.ContentType?.MediaType?.ToLowerInvariant(),
            Length = length,
        };
    }

    private static async Task<(byte[] Body, bool Truncated)> ReadCapped(HttpResponseMessage response, long cap, bool stopAtCap, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var body = new MemoryStream();
        var chunk = new byte[Math.Clamp(cap, 1, 64 * 1024)];
        while (body.Length < cap)
        {
            var n = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, cap - body.Length)), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return (body.ToArray(), false);
            }

            body.Write(chunk, 0, n);
        }

        // One more byte says whether the body goes on; an image only ever needs its head.
        return (body.ToArray(), stopAtCap || await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) > 0);
    }

    private static WebValidators? Validators(HttpResponseMessage response)
    {
        var etag = response.Headers.ETag?.ToString();
        var modified = response.Content.Headers.LastModified?.ToString("r", CultureInfo.InvariantCulture);
        return etag is null && modified is null ? null : new WebValidators(etag, modified);
    }

    private static TimeSpan? FreshFor(HttpResponseMessage response) => response.Headers.CacheControl switch
    {
        { NoCache: true } or { NoStore: true } => null,
        { SharedMaxAge: { } shared } => shared,
        { MaxAge: { } maxAge } => maxAge,
        _ => response.Content.Headers.Expires is { } expires && response.Headers.Date is { } date && expires > date ? expires - date : null,
    };

    internal static string Seconds(TimeSpan time) => time.TotalSeconds >= 1 ? $"{time.TotalSeconds:0.#} s" : $"{time.TotalMilliseconds:0} ms";

    /// <summary>A network failure in words: what a reader can act on, without a stack trace.</summary>
    private static string Describe(Exception ex, Uri url)
    {
        var inner = ex.InnerException?.Message;
        if (ex is HttpRequestException http)
        {
            return http.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => $"the host name {url.Host} could not be resolved",
                HttpRequestError.ConnectionError => $"could not connect to {url.Authority}: {inner ?? http.Message}",
                HttpRequestError.SecureConnectionError => $"the TLS connection to {url.Authority} failed: {inner ?? http.Message}",
                HttpRequestError.ResponseEnded => "the server closed the connection before the answer was complete",
                HttpRequestError.InvalidResponse => "the server's answer is not valid HTTP",
                HttpRequestError.ConfigurationLimitExceeded => "the answer's headers are larger than 64 KB",
                HttpRequestError.HttpProtocolError => $"the server broke the HTTP protocol: {inner ?? http.Message}",
                _ => inner ?? http.Message,
            };
        }

        return ex is IOException ? "the connection failed while reading: " + ex.Message : ex.Message;
    }

    public void Dispose()
    {
        _decompressing.Dispose();
        _identity.Dispose();
        _slots.Dispose();
    }
}
