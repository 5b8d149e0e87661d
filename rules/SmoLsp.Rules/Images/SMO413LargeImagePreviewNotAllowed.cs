using System.Globalization;
using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Social;

namespace SmoLsp.Rules.Images;

/// <summary>
/// Google Discover: "Large images need to be at least 1200 px wide and enabled by the max-image-preview:large setting,
/// or by using AMP"; pages with large images are "more likely to generate visits from Discover". Without the robots
/// setting Google may show only a small thumbnail of an article's large share image. Information: the setting can also
/// come from an X-Robots-Tag HTTP header, which a template does not show, and it is the publisher's licensing choice.
/// </summary>
public sealed class SMO413LargeImagePreviewNotAllowed : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO413",
        "Article with a large share image does not allow large previews",
        "This article's share image is {0} px wide, but {1}: Google Discover shows large images only with max-image-preview:large",
        RuleCategory.Images,
        DiagnosticSeverity.Info,
        FixAvailability.Suggestion,
        Thresholds: [new RuleThreshold("minWidth", 1200, "Google Discover: large images need to be at least 1200 px wide")])
    {
        ReadsLocalFiles = true,
        // Articles are pages: on a composed page whose layout lets pages add head tags, the page is told.
        Responsibility = HeadResponsibility.Page,
    };

    private static readonly string[] s_articleTypes = ["Article", "NewsArticle", "BlogPosting"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        if (head.IsExtendedElsewhere || !IsArticle(context) || ImageWidth(context) is not { } width || width < context.GetThreshold("minWidth"))
        {
            return;
        }

        var robots = new List<MetaTag>();
        foreach (var meta in head.GetMetas("robots").Concat(head.GetMetas("googlebot")))
        {
            if (meta.KeyKind != MetaKeyKind.Name || meta.Content is null)
            {
                continue;
            }

            if (meta.Content is not { IsStatic: true } content)
            {
                return; // rendered at run time: unknown
            }

            var directives = content.NormalizedText.ToLowerInvariant().Split(',').Select(d => d.Trim()).Where(d => d.Length > 0);
            // Any max-image-preview value is a decision; a page kept out of the index is not in Discover at all.
            if (directives.Any(d => d.StartsWith("max-image-preview", StringComparison.Ordinal) || d is "noindex" or "none"))
            {
                return;
            }

            robots.Add(meta);
        }

        var size = width.ToString(CultureInfo.InvariantCulture);
        if (robots.FirstOrDefault(r => r.Key == "robots" && r.ContentAttribute?.ValueSpan is not null) is { } existing)
        {
            var span = Urls.WebUrl.TrimmedSpan(context.Source, existing.ContentAttribute!.ValueSpan!.Value);
            var fix = new CodeFix("Add max-image-preview:large to the robots meta tag", FixSafety.Suggestion, [TextEdit.Insert(span.End, span.IsEmpty ? "max-image-preview:large" : ", max-image-preview:large")]);
            context.Report(span, args: [size, "the robots meta tag does not say max-image-preview:large"], fixes: [fix]);
            return;
        }

        var insert = SocialTags.InsertMetaFix(head, "Add <meta name=\"robots\" content=\"max-image-preview:large\">", FixSafety.Suggestion, "name", "robots", "max-image-preview:large");
        context.Report(HeadInsertion.DocumentAnchor(head), args: [size, "the page has no robots meta tag with max-image-preview:large"], fixes: SocialTags.Fixes(insert));
    });

    /// <summary>og:type article, or JSON-LD Article, NewsArticle or BlogPosting (the types of Google's Article structured data).</summary>
    private static bool IsArticle(RuleContext context) =>
        context.Head.GetMetaContent("og:type") is { IsStatic: true } type && type.NormalizedText.Equals("article", StringComparison.OrdinalIgnoreCase)
        || JsonLdScript.Entities(context).Any(e => JsonLdScript.TypeNames(e).Any(s_articleTypes.Contains));

    /// <summary>The first og:image's width: the local file's, else the static og:image:width the page declares.</summary>
    private static int? ImageWidth(RuleContext context)
    {
        var groups = OgImageGroup.Of(context.Head);
        if (groups.Count == 0)
        {
            return null;
        }

        return LocalImage.SizedImageOf(context, groups[0])?.Facts?.Width ?? groups[0].Declared("og:image:width");
    }
}
