using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Titles;

namespace SmoLsp.Rules.OpenGraph;

/// <summary>ogp.me lists og:title among the four required properties; without it platforms guess from the page.</summary>
public sealed class SMO001MissingOgTitle : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO001",
        "Missing og:title",
        "The page has no og:title: share cards on Facebook, LinkedIn and X will guess a title",
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
        if (head.IsExtendedElsewhere || head.HasMeta("og:title"))
        {
            return;
        }

        if (SocialTags.Misspelling(context, "og:title") is { } typo)
        {
            context.Report(typo);
            return;
        }

        // Copy the <title> (static text, or the same Razor expression) — safe, it says what the page already says. Not a
        // placeholder title ("Home", SMO205's list): copied, it would be the very text SMO205 reports, now on every card.
        var title = SocialTags.UsableTitle(head);
        var fix = title is { IsStatic: true } && TitleText.IsPlaceholder(title.NormalizedText)
            ? SocialTags.InsertMetaFix(head, "Add og:title (write one: the <title> is a placeholder)", FixSafety.Suggestion, "property", "og:title", "TODO: what this page is about")
            : title is not null
                ? SocialTags.InsertMetaFix(head, "Add og:title from <title>", FixSafety.Safe, "property", "og:title", title.ToAttributeText())
                : SocialTags.InsertMetaFix(head, "Add og:title (placeholder)", FixSafety.Suggestion, "property", "og:title", "TODO: page title");
        context.Report(HeadInsertion.DocumentAnchor(head), fixes: SocialTags.Fixes(fix));
    });
}
