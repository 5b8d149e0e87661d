using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Titles;

/// <summary>Heuristic: seo-analyzer and squirrelscan call titles under 30 characters weak; configurable.</summary>
public sealed class SMO204TitleTooShort : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO204",
        "Title too short",
        "{0} \"{1}\" is {2} characters, under {3}: a short title says little in search results and share cards. Say what the page offers, then the site name",
        RuleCategory.Titles,
        DiagnosticSeverity.Info,
        Thresholds: [new RuleThreshold("minLength", 30, "seo-analyzer and squirrelscan treat titles under 30 characters as weak")]);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var min = context.GetThreshold("minLength");
        foreach (var title in context.Head.Titles)
        {
            // Empty titles are SMO202's; Razor expressions have no known length.
            if (title.Value.IsStatic && title.Value.NormalizedText.Length < min)
            {
                context.Report(title.Element.Span, args: [TitleText.ElementName(title), title.Value.NormalizedText, title.Value.NormalizedText.Length, min]);
            }
        }
    }, includeFragments: true);
}
