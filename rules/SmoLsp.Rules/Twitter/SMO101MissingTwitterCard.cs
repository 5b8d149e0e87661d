using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Twitter;

/// <summary>
/// X renders a plain summary card when twitter:card is missing, so a page's large og:image shows as a small
/// thumbnail (X Cards markup reference; users report large images ignored without the tag).
/// </summary>
public sealed class SMO101MissingTwitterCard : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO101",
        "Missing twitter:card",
        "The page has {0} but no twitter:card: X shows a small summary card. Add <meta name=\"twitter:card\" content=\"summary_large_image\"> to show the image large",
        RuleCategory.Twitter,
        DiagnosticSeverity.Info,
        FixAvailability.Safe)
    {
        // Differs per page: on a composed page whose layout lets pages add head tags, the page is told (docs/composition.md).
        Responsibility = HeadResponsibility.Page,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        // Judged wherever the image is: a layout with an og:image answers for it even when pages add to its head.
        if (head.HasMeta("twitter:card") || head.HasUnknownHeadContent)
        {
            return;
        }

        var image = HasImage("og:image") ? "an og:image" : HasImage("twitter:image") ? "a twitter:image" : null;
        if (image is null)
        {
            return;
        }

        if (SocialTags.Misspelling(context, "twitter:card") is { } typo)
        {
            context.Report(typo, args: [image]);
            return;
        }

        var fix = SocialTags.InsertMetaFix(head, "Add twitter:card summary_large_image", FixSafety.Safe, "name", "twitter:card", "summary_large_image");
        context.Report(HeadInsertion.DocumentAnchor(head), args: [image], fixes: SocialTags.Fixes(fix));

        bool HasImage(string key) => head.GetMetas(key).Any(m => m.Content is { IsEmpty: false });
    });
}
