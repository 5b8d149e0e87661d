using System.Globalization;
using SmoLsp.Analysis.Cards;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;
using SmoLsp.Analysis.Workspace;
using SmoLsp.Rules.Images;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Cards;

/// <summary>
/// Builds the <see cref="ShareCard"/> of an analyzed page: what each platform reads from the head the rules judged (the
/// composed one when the page was composed with its layout), in the order it reads it. The fallback chains and limits,
/// with their sources, are in docs/share-cards.md. Pure: the local image comes through
/// <see cref="ITemplateWorkspace.GetImage"/>, resolved the way the image rules resolve it (<see cref="LocalImage"/>).
/// </summary>
public static class ShareCards
{
    // Chains: the keys each platform reads, first found wins. "<title>" is the HTML title (or Blazor <PageTitle>),
    // "description" the <meta name="description">, "canonical" the <link rel="canonical">.
    private static readonly string[] s_xTitle = ["twitter:title", "og:title", "<title>"];
    private static readonly string[] s_xDescription = ["twitter:description", "og:description"];
    private static readonly string[] s_xImage = ["twitter:image", "og:image"];
    private static readonly string[] s_ogTitle = ["og:title", "<title>"];
    private static readonly string[] s_ogDescription = ["og:description", "description"];
    private static readonly string[] s_ogImage = ["og:image", "twitter:image"];
    private static readonly string[] s_unfurlTitle = ["og:title", "twitter:title", "<title>"];
    private static readonly string[] s_unfurlDescription = ["og:description", "twitter:description", "description"];
    private static readonly string[] s_siteName = ["og:site_name", "smolsp.json siteName"];
    private static readonly string[] s_host = ["og:url", "canonical", "smolsp.json siteUrl"];
    private static readonly string[] s_googleTitle = ["<title>", "og:title"];
    private static readonly string[] s_googleDescription = ["description"];

    /// <summary>The cards of <paramref name="result"/>'s page, or null for a fragment (a partial has no card of its own).</summary>
    public static ShareCard? Build(AnalysisResult result, SmoLspConfiguration configuration, ITemplateWorkspace workspace)
    {
        var view = result.Composition;
        var head = view?.Head ?? result.Head;
        if (head.IsFragment)
        {
            return null;
        }

        var reader = new HeadReader(result, head, configuration);
        var url = reader.Find(["og:url", "canonical"]);
        var host = reader.HostField(s_host);
        var cardType = head.GetMetaContent("twitter:card") is { IsStatic: true } c ? c.NormalizedText.ToLowerInvariant() : null;
        var themeColor = head.GetMetaContent("theme-color") is { IsStatic: true } t ? t.NormalizedText : null;
        var isLarge = cardType == "summary_large_image";

        CardImage? Image(string[] chain) => reader.Image(chain, workspace);

        var platforms = new List<PlatformCard>
        {
            // X: cards markup reference (title 70, description 200 characters; summary 1:1, summary_large_image 2:1).
            new("x-large", "X · summary_large_image", CardLayout.LargeImage,
                reader.Field(s_xTitle, 70, documented: true), reader.Field(s_xDescription, 200, documented: true), host,
                Image(s_xImage), 2.0, s_xImage,
                cardType == "summary_large_image" ? "twitter:card is summary_large_image: X shows this card" : "shown when twitter:card is summary_large_image"),
            new("x-summary", "X · summary", CardLayout.SmallImage,
                reader.Field(s_xTitle, 70, documented: true), reader.Field(s_xDescription, 200, documented: true), host,
                Image(s_xImage), 1.0, s_xImage,
                cardType is null or "summary" ? "X shows this card (twitter:card is summary, or absent)" : "shown when twitter:card is summary"),
            // Facebook and LinkedIn cut by pixel width; the character budgets are approximations.
            new("facebook", "Facebook", CardLayout.LargeImage,
                reader.Field(s_ogTitle, 88, documented: false), reader.Field(s_ogDescription, 200, documented: false), host,
                Image(s_ogImage), 1.91, s_ogImage, null),
            new("linkedin", "LinkedIn", CardLayout.LargeImage,
                reader.Field(s_ogTitle, 70, documented: false), reader.Field(s_ogDescription, 150, documented: false), host,
                Image(s_ogImage), 1.91, s_ogImage, null),
            // Slack and WhatsApp/iMessage cut by lines, not characters: no limit here, the views clamp lines.
            new("slack", "Slack", CardLayout.Unfurl,
                reader.Field(s_unfurlTitle, null, documented: false), reader.Field(s_unfurlDescription, null, documented: false), reader.SiteField(host),
                Image(s_ogImage), isLarge ? 1.91 : null, s_ogImage, null),
            // Discord: an embed title is at most 256 characters (documented); unfurled descriptions are cut near 350.
            new("discord", "Discord", CardLayout.Unfurl,
                reader.Field(s_unfurlTitle, 256, documented: true), reader.Field(s_unfurlDescription, 350, documented: false), reader.SiteField(null),
                Image(s_ogImage), isLarge ? 1.91 : null, s_ogImage,
                isLarge ? "twitter:card is summary_large_image: Discord shows the large image" : "a small thumbnail (summary_large_image shows it large)"),
            new("whatsapp", "WhatsApp · iMessage", CardLayout.LargeImage,
                reader.Field(s_ogTitle, null, documented: false), reader.Field(s_ogDescription, null, documented: false), host,
                Image(s_ogImage), 1.91, s_ogImage, "iMessage shows the title and host only"),
            // Google: title links come from <title> first (and og:title among other sources); ~60 / ~160 are pixel-width approximations.
            new("google", "Google", CardLayout.SearchResult,
                reader.Field(s_googleTitle, 60, documented: false), reader.Field(s_googleDescription, 160, documented: false), reader.SiteField(host),
                null, null, [], "Google may rewrite the title and snippet"),
        };

        var composedFrom = view is null ? [] : view.Composed.Files.Select(f => f.Path).Where(p => p != result.Document.Path).ToList();
        return new ShareCard(result.Document.Path, view is not null, composedFrom, url, host.Value?.Text, cardType, themeColor, platforms);
    }

    /// <summary>Reads values from one head, locating each in the file it was written in.</summary>
    private sealed class HeadReader(AnalysisResult result, HeadModel head, SmoLspConfiguration configuration)
    {
        private readonly bool _isRazor = result.Syntax.Language.IsRazor();

        public CardField Field(string[] chain, int? limit, bool documented) => new(chain, Find(chain), limit, documented);

        /// <summary>The site name a platform shows above the card: og:site_name, the configured name, else (when given) the host.</summary>
        public CardField SiteField(CardField? host)
        {
            var found = Find(s_siteName);
            if (found is null && host?.Value is { } h)
            {
                return new CardField([.. s_siteName, .. host.Chain], h, null, false);
            }

            return new CardField(host is null ? s_siteName : [.. s_siteName, .. host.Chain], found, null, false);
        }

        /// <summary>The host a card names ("example.com"), from the page URL or the configured site URL.</summary>
        public CardField HostField(string[] chain)
        {
            foreach (var key in chain)
            {
                if (Find([key]) is { IsDynamic: false } value && WebUrl.Parse(value.Text) is { IsHttp: true, Host.Length: > 0 } target)
                {
                    return new CardField(chain, value with { Text = target.SiteHost }, null, false);
                }
            }

            return new CardField(chain, null, null, false);
        }

        public CardValue? Find(string[] chain)
        {
            foreach (var key in chain)
            {
                if (Lookup(key) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        private CardValue? Lookup(string key)
        {
            switch (key)
            {
                case "<title>":
                    return head.Title is { } title && !title.Value.IsEmpty
                        ? Value(title.Value, title.IsPageTitleComponent ? "<PageTitle>" : "<title>", title.Element.Span)
                        : null;
                case "canonical":
                    return head.Canonicals.Count > 0 && head.Canonicals[0].Href is { IsEmpty: false } href
                        ? Value(href, "canonical", head.Canonicals[0].Element.Span)
                        : null;
                case "smolsp.json siteName":
                    return string.IsNullOrWhiteSpace(configuration.SiteName) ? null : Configured(key, configuration.SiteName!);
                case "smolsp.json siteUrl":
                    return string.IsNullOrWhiteSpace(configuration.SiteUrl) ? null : Configured(key, configuration.SiteUrl!);
                default:
                    var meta = head.GetMetas(key).FirstOrDefault(m => m.Content is { IsEmpty: false });
                    return meta is null ? null : Value(meta.Content!, key, meta.Element.Span);
            }
        }

        private CardValue Configured(string tag, string text) =>
            new(text.Trim(), false, new CardSource(tag, configuration.SourcePath, default, default));

        private CardValue Value(TemplateValue value, string tag, TextSpan element)
        {
            var text = value.IsDynamic ? TextNormalizer.CollapseWhitespace(value.RawText) : value.NormalizedText;
            return new CardValue(text, value.IsDynamic, Locate(tag, element));
        }

        public CardSource Locate(string tag, TextSpan span)
        {
            if (result.Composition is { } view && view.Composed.LocateSpan(span) is { } found)
            {
                return new CardSource(tag, found.Path, found.Span, found.Range);
            }

            return new CardSource(tag, result.Document.Path, span, result.Syntax.Source.GetPositionSpan(span));
        }

        public CardImage? Image(string[] chain, ITemplateWorkspace workspace)
        {
            MetaTag? meta = null;
            foreach (var key in chain)
            {
                meta = head.GetMetas(key).FirstOrDefault(m => m.Content is { IsEmpty: false });
                if (meta is not null)
                {
                    break;
                }
            }

            if (meta?.Content is not { } content)
            {
                return null;
            }

            var isOpenGraph = meta.Key == "og:image";
            var url = content.IsDynamic ? TextNormalizer.CollapseWhitespace(content.RawText) : content.Text.Trim();
            string? filePath = null;
            ImageFacts? facts = null;
            if (content.IsStatic
                && LocalImage.Locate(url, result.Document.Path, _isRazor, workspace.GetWebRoot(result.Document.Path), configuration.SiteUrl, workspace.FetchesWeb()) is { } target)
            {
                // A fetched image has facts but no file a report could embed.
                filePath = target.IsWeb ? null : target.Path;
                facts = workspace.GetImage(target.Path);
            }

            var prefix = isOpenGraph ? "og:image" : "twitter:image";
            return new CardImage(url, content.IsDynamic, Locate(meta.Key, meta.Element.Span), filePath, facts,
                isOpenGraph ? Number("og:image:width") : null, isOpenGraph ? Number("og:image:height") : null,
                head.GetMetaContent(prefix + ":alt") is { IsStatic: true } alt ? alt.NormalizedText : null);
        }

        private int? Number(string key) =>
            head.GetMetaContent(key) is { IsStatic: true } v && int.TryParse(v.NormalizedText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
    }
}
