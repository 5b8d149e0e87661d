using SmoLsp.Analysis.Text;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Analysis.Cards;

/// <summary>
/// Where a value of a card was written: a file (null: the analyzed document itself; else a layout, a <c>_ViewStart</c>,
/// a host) and the span of the tag in that file, with its UTF-16 line positions (the LSP default) so a client can jump
/// there. <see cref="Tag"/> names it for people: <c>og:title</c>, <c>&lt;title&gt;</c>, <c>smolsp.json siteName</c>.
/// A value that comes from configuration has no file and an empty span.
/// </summary>
public sealed record CardSource(string Tag, string? Path, TextSpan Span, LinePositionSpan Range)
{
    public bool IsConfiguration => Span.IsEmpty && Range == default && Tag.StartsWith("smolsp.json", StringComparison.Ordinal);
}

/// <summary>
/// One value a platform reads, found by walking its fallback chain (<see cref="CardField.Chain"/>): the text (for a
/// Razor expression, the code as written: its length is unknown until the page runs), and where it came from.
/// </summary>
public sealed record CardValue(string Text, bool IsDynamic, CardSource Source);

/// <summary>
/// A field of one platform's card: the keys it reads in order (<see cref="Chain"/>), the value found (null: every key
/// was missing or empty), which key supplied it, the platform's limit, and the text as shown (cut with an ellipsis
/// when it is longer than the limit; a dynamic value is shown as written, never cut).
/// </summary>
public sealed record CardField(IReadOnlyList<string> Chain, CardValue? Value, int? Limit, bool LimitDocumented)
{
    /// <summary>The key of <see cref="Chain"/> the value came from, or null when missing.</summary>
    public string? From => Value?.Source.Tag;

    /// <summary>True when the value came from a later key of the chain than the first (a fallback).</summary>
    public bool IsFallback => Value is not null && Chain.Count > 0 && Value.Source.Tag != Chain[0];

    public string? Shown => Value is null ? null : Value.IsDynamic || Limit is null ? Value.Text : CardText.Truncate(Value.Text, Limit.Value);

    public bool IsTruncated => Value is { IsDynamic: false } v && Limit is { } limit && v.Text.Length > limit;
}

/// <summary>
/// The picture a card shows: the URL as written, the local file it names when it is a file of this site (resolved
/// under the web root), what that file's header says, and the size the page declares.
/// </summary>
public sealed record CardImage(string Url, bool IsDynamic, CardSource Source, string? FilePath, ImageFacts? Facts, int? DeclaredWidth, int? DeclaredHeight, string? Alt)
{
    public bool IsLocal => FilePath is not null;

    public bool FileExists => Facts is not null;
}

/// <summary>How a platform lays the card out (a client draws each one differently).</summary>
public enum CardLayout
{
    /// <summary>A wide picture above the text (X summary_large_image, Facebook, LinkedIn, WhatsApp/iMessage).</summary>
    LargeImage,

    /// <summary>A small square picture beside the text (X summary).</summary>
    SmallImage,

    /// <summary>Text with a thumbnail on the right, site name on top (Slack and Discord unfurls).</summary>
    Unfurl,

    /// <summary>A search result: site, URL, title link, snippet (Google).</summary>
    SearchResult,
}

/// <summary>
/// One platform's card for the page: the fields it reads, the picture and how it is cropped (<see cref="ImageAspect"/>
/// is width / height of the frame; null when the platform shows the picture uncropped or not at all).
/// </summary>
public sealed record PlatformCard(
    string Id,
    string Name,
    CardLayout Layout,
    CardField Title,
    CardField Description,
    CardField Site,
    CardImage? Image,
    double? ImageAspect,
    IReadOnlyList<string> ImageChain,
    string? Note);

/// <summary>
/// The share cards of one page: what X, Facebook, LinkedIn, Slack, Discord, WhatsApp/iMessage and Google read from its
/// (composed) head, with fallbacks, sources, the local image, and each platform's truncation. One model for the hover,
/// the editor's preview and the HTML report. Built by <c>SmoLsp.Rules.Cards.ShareCards</c>; no IO.
/// </summary>
public sealed record ShareCard(
    string DocumentPath,
    bool IsComposed,
    IReadOnlyList<string> ComposedFrom,
    CardValue? Url,
    string? DisplayHost,
    string? XCardType,
    string? ThemeColor,
    IReadOnlyList<PlatformCard> Platforms)
{
    /// <summary>Title and description of the first platform that has them: what a one-line summary shows.</summary>
    public PlatformCard? Platform(string id) => Platforms.FirstOrDefault(p => p.Id == id);
}

/// <summary>Text helpers shared by every view of a card.</summary>
public static class CardText
{
    /// <summary>Cuts at the limit the way cards do: on a word when one is near, then an ellipsis (the result is at most <paramref name="limit"/> characters).</summary>
    public static string Truncate(string text, int limit)
    {
        if (text.Length <= limit || limit < 2)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', limit - 1, Math.Min(limit, 15));
        return text[..(cut > 0 ? cut : limit - 1)].TrimEnd() + "…";
    }
}
