using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Twitter;

/// <summary>X Cards markup reference: twitter:image:alt is at most 420 characters.</summary>
public sealed class SMO108XImageAltTooLong : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO108",
        "twitter:image:alt too long",
        "twitter:image:alt is {0} characters, over X's limit of {1}: describe the image in fewer words",
        RuleCategory.Twitter,
        DiagnosticSeverity.Warning,
        FixAvailability.None,
        Thresholds: [new RuleThreshold("maxLength", 420, "X Cards markup reference: twitter:image:alt, max 420 characters")]);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var max = context.GetThreshold("maxLength");
        foreach (var meta in context.Head.GetMetas("twitter:image:alt"))
        {
            if (meta.ContentAttribute is { Value.IsStatic: true } content && content.Value.NormalizedText.Length > max)
            {
                context.Report(content.Span, args: [content.Value.NormalizedText.Length, max]);
            }
        }
    }, includeFragments: true);
}
