using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Titles;

/// <summary>
/// og:description (ogp.me: "a one to two sentence description of your object") and twitter:description are the text
/// of a page's share card; one layout default on every page makes every card of the site say the same thing. SMO211
/// covers the meta description; a share description equal to the page's own meta description is left to it, so one
/// copied text is reported once. Information, like SMO211: a shared description is weak, not broken.
/// </summary>
public sealed class SMO212DuplicateShareDescriptionAcrossPages : SiteRule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO212",
        "Same og:description or twitter:description on several pages",
        "The share description \"{0}\" is also on {1}: the share cards of these pages all say the same. Describe this page",
        RuleCategory.Titles,
        DiagnosticSeverity.Info);

    public override RuleDescriptor Descriptor => Rule;

    public override PageValue? Collect(HeadModel head)
    {
        var description = head.GetMeta("description") is { KeyKind: MetaKeyKind.Name, Content: { } d } ? SiteValues.Of(d, default) : null;
        foreach (var key in (ReadOnlySpan<string>)["og:description", "twitter:description"])
        {
            // A Blazor page supplies its tags in <HeadContent>; other fragments are partials.
            if (head.GetMeta(key) is not { Content: { } content } meta || (head.IsFragment && !meta.Element.HasAncestorOrSelf("headcontent")))
            {
                continue;
            }

            if (SiteValues.Of(content, content.Span) is { } value && value.Key != description?.Key)
            {
                return value;
            }
        }

        return null;
    }
}
