using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;

namespace AcmeRules;

/// <summary>
/// Acme's shop feeds product pages to catalog crawlers and Pinterest rich pins, which drop a product without a price.
/// An og:type of "product" therefore needs product:price:amount.
/// </summary>
public sealed class ACME001ProductPageNeedsPrice : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "ACME001",
        "Product page without a price",
        "og:type is \"product\" but the page has no product:price:amount: catalog crawlers and rich pins drop products without a price",
        RuleCategory.OpenGraph,
        DiagnosticSeverity.Warning,
        FixAvailability.Suggestion)
    {
        HelpLinkUri = AcmeDocs.For("ACME001"),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        var type = head.GetMeta("og:type");

        // A Dynamic og:type (@Model.OgType) renders something we cannot know: judge only what the template says.
        if (type?.Content is not { IsStatic: true } content
            || !content.NormalizedText.Equals("product", StringComparison.OrdinalIgnoreCase)
            || head.HasMeta("product:price:amount"))
        {
            return;
        }

        // The price is not something the page says anywhere, so the fix is a suggestion with a placeholder
        // for a human to fill in: `check --fix` never applies it.
        var fixes = new List<CodeFix>();
        if (HeadInsertion.InsertLine(head, HeadInsertion.Meta(head, "property", "product:price:amount", "0.00")) is { } insert)
        {
            fixes.Add(new CodeFix("Add product:price:amount (fill in the price)", FixSafety.Suggestion, [insert]));
        }

        context.Report(type.Element.StartTagSpan, fixes: fixes);
    });
}
