using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.OpenGraph;

/// <summary>
/// ogp.me lists og:description as optional, but without it Facebook and LinkedIn fill the card with whatever
/// text they find on the page (often navigation or a cookie banner).
/// </summary>
public sealed class SMO002MissingOgDescription : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO002",
        "Missing og:description",
        "The page has no og:description: Facebook and LinkedIn will fill the share card with text scraped from the page; add a one- or two-sentence summary",
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
        if (head.IsExtendedElsewhere || head.HasMeta("og:description"))
        {
            return;
        }

        if (SocialTags.Misspelling(context, "og:description") is { } typo)
        {
            context.Report(typo);
            return;
        }

        // The meta description already is the page's own summary (static text or the same Razor expression).
        var description = head.GetMetaContent("description");
        var fix = description is { IsEmpty: false }
            ? SocialTags.InsertMetaFix(head, "Add og:description from the meta description", FixSafety.Safe, "property", "og:description", description.ToAttributeText())
            : SocialTags.InsertMetaFix(head, "Add og:description (placeholder)", FixSafety.Suggestion, "property", "og:description", "TODO: one- or two-sentence summary of the page");
        context.Report(HeadInsertion.DocumentAnchor(head), fixes: SocialTags.Fixes(fix));
    });
}
