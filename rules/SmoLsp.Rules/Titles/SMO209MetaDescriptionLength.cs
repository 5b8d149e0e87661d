using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Titles;

/// <summary>
/// Heuristic: tools disagree on the range (Yoast 120–156, squirrelscan 120–160); Google cuts snippets by width. The
/// defaults flag only clear cases, under 70 or over 160 characters; both are configurable.
/// </summary>
public sealed class SMO209MetaDescriptionLength : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO209",
        "Meta description too short or too long",
        "The meta description is {0} characters, {1}",
        RuleCategory.Titles,
        DiagnosticSeverity.Info,
        Thresholds:
        [
            new RuleThreshold("minLength", 70, "shorter descriptions say too little for a search snippet (Yoast and squirrelscan start at 120)"),
            new RuleThreshold("maxLength", 160, "search snippets are cut around 155-160 characters (Yoast 156, squirrelscan 160)"),
        ]);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var min = context.GetThreshold("minLength");
        var max = context.GetThreshold("maxLength");
        foreach (var meta in context.Head.GetMetas("description"))
        {
            // Razor expressions have no known length; empty descriptions are SMO208's.
            if (meta.ContentAttribute is not { Value.IsStatic: true } content)
            {
                continue;
            }

            var length = content.Value.NormalizedText.Length;
            if (length > max)
            {
                context.Report(content.Span, args: [length, $"over {max}: search engines cut longer snippets. Put the essentials first and shorten it"]);
            }
            else if (length < min)
            {
                context.Report(content.Span, args: [length, $"under {min}: too little for a search snippet, so search engines may use page text instead. Say what the page offers"]);
            }
        }
    }, includeFragments: true);
}
