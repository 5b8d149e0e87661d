namespace SmoLsp.Rules.Urls;

/// <summary>
/// Absolute http(s) URLs as a crawler resolves them (<see cref="Uri"/>'s rules, which are the WHATWG URL rules for
/// http(s)): a served page's path is its URL, and what it links to resolves against it.
/// </summary>
internal static class WebAddress
{
    /// <summary>True for an absolute http:// or https:// URL.</summary>
    public static bool IsHttp(string? text) =>
        text is not null && (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// <paramref name="url"/> resolved against <paramref name="baseUrl"/>, when the result is an http(s) URL (fragment
    /// dropped: crawlers never send it); null for other schemes (<c>data:</c>, <c>mailto:</c>) and unparsable text.
    /// </summary>
    public static Uri? Resolve(string baseUrl, string url)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var b) || url.Length == 0 || url.Length > 8192
            || !Uri.TryCreate(b, url.Trim(), out var resolved) || resolved.Scheme is not ("http" or "https") || resolved.Host.Length == 0)
        {
            return null;
        }

        return resolved.Fragment.Length == 0 ? resolved : new UriBuilder(resolved) { Fragment = string.Empty }.Uri;
    }
}
