using System.Text;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Server.Site.Web;

/// <summary>
/// A page as a server sent it: the URL asked for, what answered (the final URL after redirects is the page's path in
/// the session and in reports), and the decoded HTML, or why there is none.
/// </summary>
public sealed record ServedPage(string RequestedUrl, WebResponseFacts Facts)
{
    /// <summary>The page's path in the session and its name in reports: the URL that answered.</summary>
    public string Url => Facts.FinalUrl;

    /// <summary>The HTML, decoded; null when the page was not read (see <see cref="Skip"/>).</summary>
    public string? Text { get; init; }

    /// <summary>Why the page was not checked ("answers 500 Internal Server Error"), or null.</summary>
    public string? Skip { get; init; }

    /// <summary>Named on the command line (an error to act on when it cannot be checked), not found by the crawl.</summary>
    public bool Named { get; init; }

    /// <summary>A page that linked to it (for a broken link's message).</summary>
    public string? LinkedFrom { get; init; }

    /// <summary>Notes for the report: redirects on the way, a robots.txt that would keep crawlers out.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Decodes a page body: the Content-Type charset when .NET knows it, else a byte-order mark, else UTF-8, else Latin-1 (as templates are read).</summary>
    public static (string? Text, string? Problem) Decode(byte[] body, string? charset)
    {
        if (charset is { Length: > 0 } && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var encoding = Encoding.GetEncoding(charset.Trim('"', '\''), EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
                return (encoding.GetString(body), null);
            }
            catch (ArgumentException)
            {
                // An encoding this build does not carry (windows-1252 without code pages): the bytes decide below.
            }
        }

        var read = TemplateFile.Decode(body);
        return read.Success ? (read.Text, null) : (null, read.Message?.Replace("skipped: ", string.Empty, StringComparison.Ordinal) ?? "not text");
    }
}

/// <summary>The links of a served page a crawl follows: <c>&lt;a href&gt;</c> and <c>&lt;area href&gt;</c>, resolved against <c>&lt;base href&gt;</c> or the page's URL.</summary>
public static class PageLinks
{
    public static List<Uri> Of(ParsedTemplate syntax, Uri page)
    {
        var links = new List<Uri>();
        var baseUri = page;
        var sawBase = false;
        foreach (var element in syntax.Elements)
        {
            if (element.Name == "base" && !sawBase)
            {
                sawBase = true;
                if (element.GetAttributeValue("href") is { IsStatic: true } b && WebAddresses.Parse(b.Text, page) is { } resolved)
                {
                    baseUri = resolved;
                }
            }
            else if (element.Name is "a" or "area" && element.GetAttributeValue("href") is { IsStatic: true } href
                && WebAddresses.Parse(href.Text, baseUri) is { } link)
            {
                links.Add(link);
            }
        }

        return links;
    }
}
