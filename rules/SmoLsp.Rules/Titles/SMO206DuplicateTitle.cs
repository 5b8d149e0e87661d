using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Titles;

/// <summary>
/// A document has one title: browsers use the first <c>&lt;title&gt;</c> (HTML spec, document.title), crawlers
/// may take another. Titles in different branches of one <c>@if/else</c> are alternatives, not copies.
/// </summary>
public sealed class SMO206DuplicateTitle : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO206",
        "More than one title",
        "A second {0} in the document: browsers use the first one ({1}) and search engines may pick either. Keep one title",
        RuleCategory.Titles,
        DiagnosticSeverity.Error);

    private const int MaxEarlierTitles = 16;

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var titles = context.Head.Titles;
        for (var i = 1; i < titles.Count; i++)
        {
            // Each title is compared with the earlier ones; the first few suffice to find a copy and keep a
            // pathological document (thousands of titles in one if/else chain) from costing quadratic time.
            for (var j = 0; j < i && j < MaxEarlierTitles; j++)
            {
                if (context.Syntax.AreMutuallyExclusive(titles[j].Element, titles[i].Element))
                {
                    continue;
                }

                var first = titles[j];
                var line = context.DescribeLine(first.Element.Span.Start);
                context.Report(
                    titles[i].Element.Span,
                    args: [TitleText.ElementName(titles[i]), line],
                    related: [new RelatedLocation(null, first.Element.Span, "The first title")]);
                break;
            }
        }
    });
}
