using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Titles;

/// <summary>
/// Google Search Central (title links): avoid vague titles such as "Home"; editors and project templates insert
/// defaults ("Document", "Untitled", "My ASP.NET Application") that ship unnoticed.
/// </summary>
public sealed class SMO205PlaceholderTitle : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO205",
        "Placeholder title",
        "{0} \"{1}\" is a placeholder: search results, tabs and share cards show it as is. Write a title that says what this page is about",
        RuleCategory.Titles,
        DiagnosticSeverity.Warning);

    public override RuleDescriptor Descriptor => Rule;

    // Only known text: a layout's "@ViewData["Title"] - App" is a placeholder only when the page sets no title,
    // which needs layout composition to know.
    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var title in context.Head.Titles)
        {
            if (title.Value.IsStatic && TitleText.IsPlaceholder(title.Value.NormalizedText))
            {
                context.Report(title.Element.Span, args: [TitleText.ElementName(title), title.Value.NormalizedText]);
            }
        }
    }, includeFragments: true);
}
