using System.Net;

namespace SmoLsp.Server.Site.Web;

/// <summary>
/// How the session may use the network: only when the user asked (a URL to check, <c>check --online</c>, the editor's
/// <c>smolsp.online</c> setting). Every bound here is in docs/limits.md with its reason.
/// </summary>
public sealed record WebOptions
{
    /// <summary>Sent with every request; its product token (the first <c>Name/version</c> that is not Mozilla) is the robots.txt user agent.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    public const string DefaultUserAgent = "Mozilla/5.0 (compatible; SmoLsp/0.1; +https://github.com/smolsp/smolsp)";

    /// <summary>One request, redirects and body included. Share crawlers give up after a few seconds (Facebook's about 10).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The whole run's network time; URLs not fetched by then are reported as not checked.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Requests in flight at once (pages, images and URL checks together).</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Pages a crawl fetches at most (the URLs named count too).</summary>
    public int MaxPages { get; init; } = 1000;

    /// <summary>Follow same-origin links and sitemaps from the URLs named (<c>--crawl</c>).</summary>
    public bool Crawl { get; init; }

    /// <summary>Fetch only from the checked sites' origins (and <c>siteUrl</c>, mapped onto them): images and page URLs on other hosts are not judged.</summary>
    public bool SameOriginOnly { get; init; }

    /// <summary>Where fetched image headers and URL answers are kept between runs (<c>--cache-dir</c>); null: this run only.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>
    /// A served page's body after decompression: the template cap (16 MB), so a served page is read like a template
    /// and analyzed within the same time budget; a compressed bomb stops there.
    /// </summary>
    public long MaxPageBytes { get; init; } = TemplateFile.DefaultMaxBytes;

    /// <summary>An image's first bytes: what the header reader needs (<see cref="Analysis.Workspace.ImageHeaderReader.HeadBytes"/>), asked for with a Range request.</summary>
    public int MaxImageBytes { get; init; } = Analysis.Workspace.ImageHeaderReader.HeadBytes;

    /// <summary>robots.txt: RFC 9309 lets crawlers stop at 500 KiB (Google does); what follows is ignored.</summary>
    public int MaxRobotsBytes { get; init; } = 500 * 1024;

    /// <summary>One sitemap file (sitemaps.org allows 50 MB; 10 MB holds far more URLs than a crawl fetches).</summary>
    public int MaxSitemapBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Redirects followed for one URL: Googlebot follows up to 10 hops.</summary>
    public int MaxRedirects { get; init; } = 10;

    /// <summary>Which addresses may be connected to (tests: loopback only); null: any.</summary>
    internal Func<IPAddress, bool>? AllowAddress { get; init; }

    /// <summary>Tests trust their self-signed certificate; null: the system's validation.</summary>
    internal System.Net.Security.RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>The robots.txt product token of <see cref="UserAgent"/>: the first <c>Name/version</c> token that is not "Mozilla".</summary>
    public string RobotsAgent => UserAgent.Split([' ', ';', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
        .Where(token => token.IndexOf('/', StringComparison.Ordinal) > 0)
        .Select(token => token[..token.IndexOf('/', StringComparison.Ordinal)])
        .FirstOrDefault(name => !name.Equals("Mozilla", StringComparison.OrdinalIgnoreCase) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        ?? UserAgent.Split(' ', '/')[0];
}
