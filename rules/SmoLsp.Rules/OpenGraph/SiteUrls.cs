namespace SmoLsp.Rules.OpenGraph;

/// <summary>Turns configured or written paths into the absolute http(s) URLs social tags need (ogp.me URL type).</summary>
internal static class SiteUrls
{
    /// <summary>True for an absolute <c>http:</c> or <c>https:</c> URL. (On Unix "/a" parses as a file URI, hence the scheme check.)</summary>
    public static bool IsAbsoluteHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>The configured site URL without a trailing slash, or null when none is configured (or it is not http(s)).</summary>
    public static string? SiteRoot(string? siteUrl)
    {
        if (string.IsNullOrWhiteSpace(siteUrl))
        {
            return null;
        }

        var trimmed = siteUrl.Trim().TrimEnd('/');
        return IsAbsoluteHttp(trimmed) ? trimmed : null;
    }

    /// <summary>
    /// <paramref name="url"/> as an absolute http(s) URL: kept when already absolute, <c>https:</c> added when
    /// protocol-relative, joined to the site root when site-relative (<c>/img/a.png</c>, <c>img/a.png</c>,
    /// Razor's <c>~/img/a.png</c>). Null when it cannot be made absolute.
    /// </summary>
    public static string? Absolute(string url, string? siteUrl)
    {
        url = url.Trim();
        if (url.Length == 0)
        {
            return null;
        }

        if (IsAbsoluteHttp(url))
        {
            return url;
        }

        if (url.StartsWith("//", StringComparison.Ordinal))
        {
            return IsAbsoluteHttp("https:" + url) ? "https:" + url : null;
        }

        if (url.Contains("://", StringComparison.Ordinal) || SiteRoot(siteUrl) is not { } root)
        {
            return null;
        }

        var path = url.StartsWith("~/", StringComparison.Ordinal) ? url[1..] : url;
        return root + (path.StartsWith('/') ? path : "/" + path);
    }
}
