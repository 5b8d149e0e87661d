using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Rules.OpenGraph;

/// <summary>ogp.me lists og:image among the four required properties; without it shares render as a bare link or a guessed image.</summary>
public sealed class SMO003MissingOgImage : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO003",
        "Missing og:image",
        "The page has no og:image: Facebook, LinkedIn and X will show a bare link or pick an arbitrary image from the page; add an absolute URL to a 1200x630 image",
        RuleCategory.OpenGraph,
        DiagnosticSeverity.Warning,
        FixAvailability.SafeOrSuggestion)
    {
        // Differs per page: on a composed page whose layout lets pages add head tags, the page is told (docs/composition.md).
        Responsibility = HeadResponsibility.Page,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        if (head.IsExtendedElsewhere || head.HasMeta("og:image") || head.HasMeta("og:image:url"))
        {
            return;
        }

        if (SocialTags.Misspelling(context, "og:image", "og:image:url") is { } typo)
        {
            context.Report(typo);
            return;
        }

        CodeFix? fix;
        var configured = context.Configuration.DefaultImage?.Trim();
        if (string.IsNullOrEmpty(configured))
        {
            fix = SocialTags.InsertMetaFix(head, "Add og:image (placeholder)", FixSafety.Suggestion, "property", "og:image", "TODO: absolute URL of a 1200x630 image");
        }
        else if (SiteUrls.Absolute(configured, context.Configuration.SiteUrl) is { } absolute)
        {
            // The user chose this image for pages without one: no further input is needed.
            fix = SocialTags.InsertMetaFix(head, "Add og:image from the configured defaultImage", FixSafety.Safe, "property", "og:image", TextNormalizer.EscapeAttribute(absolute));
        }
        else
        {
            // A relative default image with no siteUrl would give a relative og:image, which Facebook rejects (SMO301).
            fix = SocialTags.InsertMetaFix(head, "Add og:image from the configured defaultImage (make it absolute)", FixSafety.Suggestion, "property", "og:image", TextNormalizer.EscapeAttribute(configured));
        }

        context.Report(HeadInsertion.DocumentAnchor(head), fixes: SocialTags.Fixes(fix));
    });
}
