using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Twitter;

/// <summary>
/// X's Cards markup reference lists the twitter: tags X reads; it looks them up by exact name, so <c>twitter:cards</c>,
/// <c>twiter:card</c> or <c>twitter-title</c> is ignored and the card falls back to Open Graph or to a plain link.
/// </summary>
public sealed class SMO109UnknownXProperty : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO109",
        "Unknown or misspelled X card property",
        "\"{0}\" is not an X card property, so X ignores this tag: {1}",
        RuleCategory.Twitter,
        DiagnosticSeverity.Warning,
        FixAvailability.Safe);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(
        context => PropertyNames.Report(context, PropertyFamily.X, "X's Cards markup reference defines no such tag; remove it or use a tag X reads"),
        includeFragments: true);
}
