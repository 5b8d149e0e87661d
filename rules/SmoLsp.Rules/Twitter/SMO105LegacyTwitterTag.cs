using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Twitter;

/// <summary>
/// twitter:image:src, twitter:text:title and twitter:url are absent from X's current Cards markup reference: the
/// first was renamed twitter:image, the others are no longer read (X uses the shared URL itself).
/// </summary>
public sealed class SMO105LegacyTwitterTag : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO105",
        "Legacy Twitter tag",
        "{0} is not part of X's current card markup: {1}",
        RuleCategory.Twitter,
        DiagnosticSeverity.Info,
        FixAvailability.Safe);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        foreach (var meta in head.GetMetas("twitter:image:src"))
        {
            // Renaming next to an existing twitter:image would make a duplicate: remove the legacy copy instead.
            var fix = head.HasMeta("twitter:image")
                ? new CodeFix("Remove twitter:image:src", FixSafety.Safe, [TextEdits.RemoveLineOrSpan(context.Source, meta.Element.Span)])
                : new CodeFix("Rename to twitter:image", FixSafety.Safe, [new TextEdit(meta.KeyAttribute.ValueSpan!.Value, "twitter:image")]);
            var advice = head.HasMeta("twitter:image") ? "the page already has twitter:image, remove this copy" : "rename it twitter:image";
            context.Report(meta.KeyAttribute.Span, args: [meta.Key, advice], fixes: [fix]);
        }

        Removable("twitter:text:title", "X reads twitter:title (or og:title); remove it");
        Removable("twitter:url", "X uses the URL that was shared (and og:url); remove it");

        void Removable(string key, string advice)
        {
            foreach (var meta in head.GetMetas(key))
            {
                var fix = new CodeFix($"Remove {key}", FixSafety.Safe, [TextEdits.RemoveLineOrSpan(context.Source, meta.Element.Span)]);
                context.Report(meta.KeyAttribute.Span, args: [key, advice], fixes: [fix]);
            }
        }
    }, includeFragments: true);
}
