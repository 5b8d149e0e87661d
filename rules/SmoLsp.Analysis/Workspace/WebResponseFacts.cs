namespace SmoLsp.Analysis.Workspace;

/// <summary>One redirect a URL answered with: <see cref="Url"/> answered <see cref="Status"/> (3xx) and pointed at <see cref="Location"/>.</summary>
public sealed record WebRedirect(string Url, int Status, string Location);

/// <summary>
/// What the web answered for a URL, as a host fetched it (a live check, or <c>check --online</c>): the status of the last
/// answer after following redirects, each redirect on the way, and the headers the rules judge. The core never fetches;
/// it reads these facts through <see cref="IWebWorkspace"/>.
/// </summary>
/// <param name="Url">The URL fetched (the host may have fetched another address for it, e.g. a staging server standing in for the site URL).</param>
/// <param name="Status">The HTTP status of the last answer; 0 when there was none (see <see cref="Problem"/>).</param>
/// <param name="Problem">Why there is no usable answer ("timed out after 10 s", "a redirect loop"), or null.</param>
public sealed record WebResponseFacts(string Url, int Status, string? Problem = null)
{
    /// <summary>The reason phrase of <see cref="Status"/> ("Not Found"), or empty.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>The URL that gave the last answer: <see cref="Url"/> when nothing redirected.</summary>
    public string FinalUrl { get; init; } = Url;

    public IReadOnlyList<WebRedirect> Redirects { get; init; } = [];

    /// <summary>The <c>Content-Type</c> header of the last answer (media type only, lower case), or null when it had none.</summary>
    public string? ContentType { get; init; }

    /// <summary>The size of the whole resource by its headers (<c>Content-Range</c> total, else <c>Content-Length</c>), or null when unknown.</summary>
    public long? Length { get; init; }

    /// <summary>A 2xx answer.</summary>
    public bool IsSuccess => Problem is null && Status is >= 200 and < 300;

    /// <summary>The answer says the resource does not exist (404 Not Found, 410 Gone).</summary>
    public bool IsNotFound => Problem is null && Status is 404 or 410;

    /// <summary>"404 Not Found", or the problem.</summary>
    public string Describe() => Problem ?? (Reason.Length > 0 ? $"{Status} {Reason}" : Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>
/// A workspace whose host fetches absolute http(s) URLs (a live check of a served site, or <c>check --online</c>): only
/// then do rules ask <see cref="ITemplateWorkspace.GetImage"/> about images on other hosts and
/// <see cref="GetPageResponse"/> about page URLs. Nothing is fetched unless the user asked for it. A separate interface,
/// not new members of <see cref="ITemplateWorkspace"/>, so workspaces written before it keep compiling.
/// </summary>
public interface IWebWorkspace : ITemplateWorkspace
{
    /// <summary>True when this run fetches URLs.</summary>
    bool FetchesWeb { get; }

    /// <summary>What the web answers for a page URL (og:url, the canonical link): status and redirects; null when not fetched.</summary>
    WebResponseFacts? GetPageResponse(string url);
}

/// <summary>The web questions asked of any workspace: a workspace that is no <see cref="IWebWorkspace"/> fetches nothing.</summary>
public static class WebWorkspaces
{
    public static bool FetchesWeb(this ITemplateWorkspace workspace) => workspace is IWebWorkspace { FetchesWeb: true };

    public static WebResponseFacts? GetPageResponse(this ITemplateWorkspace workspace, string url) =>
        workspace is IWebWorkspace { FetchesWeb: true } web ? web.GetPageResponse(url) : null;
}
