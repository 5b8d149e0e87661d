using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Titles;

/// <summary>Lighthouse meta-description audit fails an empty description: it gives search engines nothing.</summary>
public sealed class SMO208EmptyMetaDescription : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO208",
        "Empty meta description",
        "The meta description is empty: search engines write their own snippet from page text. Write one or two sentences that summarise the page, or remove the tag",
        RuleCategory.Titles,
        DiagnosticSeverity.Warning);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var meta in context.Head.GetMetas("description"))
        {
            if (meta.Content is null or { IsEmpty: true })
            {
                context.Report(meta.ContentAttribute?.Span ?? meta.Element.StartTagSpan);
            }
        }
    }, includeFragments: true);
}
