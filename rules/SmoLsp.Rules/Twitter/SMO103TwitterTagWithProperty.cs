using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Twitter;

/// <summary>
/// X's Cards markup reference writes every tag as <c>&lt;meta name="twitter:..."&gt;</c>. X also reads property=
/// today, hence information only; name= is what X documents and what other consumers of twitter: tags expect.
/// </summary>
public sealed class SMO103TwitterTagWithProperty : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO103",
        "Twitter tag written with property=",
        "{0} is written property=\"{0}\"; X documents its tags as name=\"{0}\". Use name=",
        RuleCategory.Twitter,
        DiagnosticSeverity.Info,
        FixAvailability.Safe);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var meta in context.Head.Metas)
        {
            if (meta.KeyKind != MetaKeyKind.Property || !SocialTags.IsTwitterKey(meta.Key))
            {
                continue;
            }

            // A tag that already has a name= attribute cannot simply be renamed: report, but leave the edit to a human.
            var fixes = meta.Element.GetAttribute("name") is null
                ? new[] { new CodeFix("Use name=", FixSafety.Safe, [new TextEdit(meta.KeyAttribute.NameSpan, "name")]) }
                : [];
            context.Report(meta.KeyAttribute.Span, args: [meta.Key], fixes: fixes);
        }
    }, includeFragments: true);
}
