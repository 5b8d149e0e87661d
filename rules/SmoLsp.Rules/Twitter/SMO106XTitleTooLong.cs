using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Twitter;

/// <summary>X Cards markup reference: twitter:title is at most 70 characters. X falls back to og:title, then the page title.</summary>
public sealed class SMO106XTitleTooLong : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO106",
        "X card title too long",
        "The X card title is {0} characters, over X's limit of {1} (it comes from {2}): X truncates it. {3}",
        RuleCategory.Twitter,
        DiagnosticSeverity.Warning,
        FixAvailability.None,
        Thresholds: [new RuleThreshold("maxLength", 70, "X Cards markup reference: twitter:title, max 70 characters")]);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        var max = context.GetThreshold("maxLength");
        var sources = XCards.EffectiveSources(head, "twitter:title", "og:title", "<title>", head.Titles.Select(t => (t.Value, t.Element.Span)));
        foreach (var source in sources)
        {
            // A Razor expression renders at runtime: its length is unknown and never judged.
            if (!source.Value.IsStatic || source.Value.NormalizedText.Length <= max)
            {
                continue;
            }

            var advice = source.IsFallback
                ? $"Shorten it, or add a twitter:title of at most {max} characters"
                : "Shorten it";
            context.Report(source.Span, args: [source.Value.NormalizedText.Length, max, source.Origin, advice]);
        }
    }, includeFragments: true);
}
