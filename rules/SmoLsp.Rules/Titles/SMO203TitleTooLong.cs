using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Titles;

/// <summary>
/// Heuristic: Google sets no title limit but truncates to the device width (about 600px); SEO tools warn at 60–70
/// characters. 60 is the common default; configurable.
/// </summary>
public sealed class SMO203TitleTooLong : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO203",
        "Title too long",
        "{0} is {1} characters, over {2}: search results cut long titles to the width of the page. Put the words that matter first and shorten it",
        RuleCategory.Titles,
        DiagnosticSeverity.Warning,
        Thresholds: [new RuleThreshold("maxLength", 60, "Google truncates titles to the device width; SEO tools use 60-70 characters")]);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var max = context.GetThreshold("maxLength");
        foreach (var title in context.Head.Titles)
        {
            // A Razor expression renders at runtime: its length is unknown and never judged.
            if (title.Value.IsStatic && title.Value.NormalizedText.Length > max)
            {
                context.Report(title.Element.Span, args: [TitleText.ElementName(title), title.Value.NormalizedText.Length, max]);
            }
        }
    }, includeFragments: true);
}
