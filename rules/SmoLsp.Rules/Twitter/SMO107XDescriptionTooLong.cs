using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Twitter;

/// <summary>
/// X Cards markup reference: twitter:description is at most 200 characters. X falls back to og:description; the
/// meta description is the page's own summary and the last source.
/// </summary>
public sealed class SMO107XDescriptionTooLong : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO107",
        "X card description too long",
        "The X card description is {0} characters, over X's limit of {1} (it comes from {2}): X truncates it. {3}",
        RuleCategory.Twitter,
        DiagnosticSeverity.Warning,
        FixAvailability.None,
        Thresholds: [new RuleThreshold("maxLength", 200, "X Cards markup reference: twitter:description, max 200 characters")]);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        var max = context.GetThreshold("maxLength");
        var pageDescriptions = head.GetMetas("description")
            .Where(m => m.ContentAttribute is not null)
            .Select(m => (m.ContentAttribute!.Value, m.ContentAttribute.Span));
        var sources = XCards.EffectiveSources(head, "twitter:description", "og:description", "the meta description", pageDescriptions);
        foreach (var source in sources)
        {
            if (!source.Value.IsStatic || source.Value.NormalizedText.Length <= max)
            {
                continue;
            }

            var advice = source.IsFallback
                ? $"Shorten it, or add a twitter:description of at most {max} characters"
                : "Shorten it";
            context.Report(source.Span, args: [source.Value.NormalizedText.Length, max, source.Origin, advice]);
        }
    }, includeFragments: true);
}
