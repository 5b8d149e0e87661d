using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Titles;

/// <summary>
/// Google's snippet guidance: "identical or similar descriptions on every page of a site aren't helpful"; a page's
/// description should summarise that page. Informational: a shared description is weak, not broken.
/// </summary>
public sealed class SMO211DuplicateDescriptionAcrossPages : SiteRule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO211",
        "Same meta description on several pages",
        "The meta description \"{0}\" is also the description of {1}: search engines may ignore a description that is not specific to the page. Summarise this page",
        RuleCategory.Titles,
        DiagnosticSeverity.Info);

    public override RuleDescriptor Descriptor => Rule;

    public override PageValue? Collect(HeadModel head)
    {
        if (head.GetMeta("description") is not { KeyKind: MetaKeyKind.Name, Content: { } content } meta)
        {
            return null;
        }

        // A Blazor page supplies its description inside <HeadContent>; other fragments are partials.
        if (head.IsFragment && !meta.Element.HasAncestorOrSelf("headcontent"))
        {
            return null;
        }

        return SiteValues.Of(content, meta.Element.Span);
    }
}
