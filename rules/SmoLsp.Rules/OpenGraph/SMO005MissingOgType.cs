using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.OpenGraph;

/// <summary>
/// ogp.me lists og:type as required but also says "any non-marked up webpage should be treated as og:type website",
/// so the omission changes little: information, and writing <c>website</c> states the default explicitly.
/// </summary>
public sealed class SMO005MissingOgType : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO005",
        "Missing og:type",
        "The page has no og:type: crawlers treat it as \"website\"; state it, or use \"article\" for posts so article:published_time and article:author are read",
        RuleCategory.OpenGraph,
        DiagnosticSeverity.Info,
        FixAvailability.Safe);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        // Site-wide: the layout answers for it even when pages add to its head; only a head partly unseen cannot be judged.
        if (head.HasUnknownHeadContent || head.HasMeta("og:type"))
        {
            return;
        }

        if (SocialTags.Misspelling(context, "og:type") is { } typo)
        {
            context.Report(typo);
            return;
        }

        // "website" is what every consumer assumes anyway, so writing it changes no share card: safe.
        var fix = SocialTags.InsertMetaFix(head, "Add og:type \"website\"", FixSafety.Safe, "property", "og:type", "website");
        context.Report(HeadInsertion.DocumentAnchor(head), fixes: SocialTags.Fixes(fix));
    });
}
