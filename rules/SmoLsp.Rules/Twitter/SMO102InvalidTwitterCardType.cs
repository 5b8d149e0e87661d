using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Twitter;

/// <summary>X Cards markup reference: twitter:card is one of summary, summary_large_image, app or player.</summary>
public sealed class SMO102InvalidTwitterCardType : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO102",
        "Unknown twitter:card type",
        "twitter:card is \"{0}\", which X does not know, so no card is shown: use one of summary, summary_large_image, app, player{1}",
        RuleCategory.Twitter,
        DiagnosticSeverity.Error,
        FixAvailability.Safe);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var meta in context.Head.GetMetas("twitter:card"))
        {
            // Dynamic values render at runtime and empty ones are SMO007's: only known text is judged.
            if (meta is not { ContentAttribute: { ValueSpan: { } valueSpan } content } || !content.Value.IsStatic)
            {
                continue;
            }

            var value = content.Value.NormalizedText;
            if (XCards.CardTypes.Contains(value, StringComparer.Ordinal))
            {
                continue;
            }

            var closest = XCards.ClosestCardType(value);
            var fixes = closest is null
                ? []
                : new[] { new CodeFix($"Change to {closest}", FixSafety.Safe, [new TextEdit(valueSpan, closest)]) };
            context.Report(content.Span, args: [value, closest is null ? string.Empty : $" (did you mean {closest}?)"], fixes: fixes);
        }
    }, includeFragments: true);
}
