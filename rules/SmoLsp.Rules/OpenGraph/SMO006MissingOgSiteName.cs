using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Rules.OpenGraph;

/// <summary>ogp.me lists og:site_name as optional; Facebook and LinkedIn show it above the title, else the bare domain.</summary>
public sealed class SMO006MissingOgSiteName : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO006",
        "Missing og:site_name",
        "The page has no og:site_name: share cards show the bare domain instead of the site's name; add og:site_name",
        RuleCategory.OpenGraph,
        DiagnosticSeverity.Info,
        FixAvailability.Safe);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        // Site-wide: the layout answers for it even when pages add to its head; only a head partly unseen cannot be judged.
        if (head.HasUnknownHeadContent || head.HasMeta("og:site_name"))
        {
            return;
        }

        if (SocialTags.Misspelling(context, "og:site_name") is { } typo)
        {
            context.Report(typo);
            return;
        }

        // Only the configured name is known to be right; guessing from the <title> suffix would be a heuristic.
        var siteName = context.Configuration.SiteName?.Trim();
        var fix = string.IsNullOrEmpty(siteName)
            ? null
            : SocialTags.InsertMetaFix(head, "Add og:site_name from the configured siteName", FixSafety.Safe, "property", "og:site_name", TextNormalizer.EscapeAttribute(siteName));
        context.Report(HeadInsertion.DocumentAnchor(head), fixes: SocialTags.Fixes(fix));
    });
}
