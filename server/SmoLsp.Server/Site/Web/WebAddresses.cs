namespace SmoLsp.Server.Site.Web;

/// <summary>URL arithmetic of the web source: what is a URL, its origin, how a crawl spells it.</summary>
public static class WebAddresses
{
    /// <summary>True for an absolute http:// or https:// URL (a served page's path, an image the web answers for).</summary>
    public static bool IsUrl(string? text) =>
        text is not null && (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>A URL typed on the command line or found in a page, as the crawl keys it: absolute http(s), no fragment; null otherwise.</summary>
    public static Uri? Parse(string text, Uri? baseUri = null)
    {
        text = text.Trim();
        if (text.Length == 0 || text.Length > 8192)
        {
            return null;
        }

        Uri? uri;
        if (baseUri is null ? !Uri.TryCreate(text, UriKind.Absolute, out uri) : !Uri.TryCreate(baseUri, text, out uri))
        {
            return null;
        }

        if (uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            return null;
        }

        return WithoutFragment(uri);
    }

    public static Uri WithoutFragment(Uri uri) => uri.Fragment.Length == 0 ? uri : new UriBuilder(uri) { Fragment = string.Empty }.Uri;

    /// <summary>scheme://host[:port] — what "same origin" compares.</summary>
    public static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    public static string Origin(string url) => Parse(url) is { } uri ? Origin(uri) : url;

    /// <summary>The part of a URL a shard hashes: path and query, so every job of a CI matrix splits alike whatever port its server got.</summary>
    public static string ShardKey(string url) => Parse(url) is { } uri ? uri.PathAndQuery : url;
}
