using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Titles;

/// <summary>Lighthouse meta-description audit: without one, search engines write a snippet from page text.</summary>
public sealed class SMO207MissingMetaDescription : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO207",
        "Missing meta description",
        "The page has no <meta name=\"description\">: search engines write their own snippet from page text. Add one or two sentences that summarise the page{0}",
        RuleCategory.Titles,
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
        if (head.HasMeta("description") || head.IsExtendedElsewhere)
        {
            return;
        }

        // og:description says what the page is already (static text, or the same Razor expression): safe to copy.
        var og = head.GetMetas("og:description").FirstOrDefault(m => m.Content is { IsEmpty: false })?.Content;
        var fix = og is not null
            ? SocialTags.InsertMetaFix(head, "Add meta description from og:description", FixSafety.Safe, "name", "description", og.ToAttributeText())
            : SocialTags.InsertMetaFix(head, "Add meta description (placeholder)", FixSafety.Suggestion, "name", "description", "TODO: page description");
        context.Report(HeadInsertion.DocumentAnchor(head), args: [og is null ? string.Empty : " (the fix copies og:description)"], fixes: SocialTags.Fixes(fix));
    });
}
