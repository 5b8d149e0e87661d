using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Titles;

/// <summary>Google Search Central (title links): an empty title is as good as none; Google then writes its own.</summary>
public sealed class SMO202EmptyTitle : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO202",
        "Empty title",
        "{0} is empty: browser tabs and search results fall back to the URL or guess from the page. Write a title that names the page",
        RuleCategory.Titles,
        DiagnosticSeverity.Error);

    public override RuleDescriptor Descriptor => Rule;

    // Fragments too: a Blazor page's <PageTitle> is its title even though the component has no <head>.
    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var title in context.Head.Titles)
        {
            if (title.Value.IsEmpty)
            {
                context.Report(title.Element.Span, args: [TitleText.ElementName(title)]);
            }
        }
    }, includeFragments: true);
}
