using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Titles;

/// <summary>
/// Google's title-link guidance asks for a distinct title per page: identical titles make search results and share
/// cards of different pages look the same, and search engines may rewrite them. Needs every page, so it is a site
/// rule: <c>smolsp check</c> compares the pages of one run (one shard with <c>--shard</c>).
/// </summary>
public sealed class SMO210DuplicateTitleAcrossPages : SiteRule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO210",
        "Same title on several pages",
        "The title \"{0}\" is also the title of {1}: search results and share cards cannot tell these pages apart. Give each page its own title",
        RuleCategory.Titles,
        DiagnosticSeverity.Warning);

    public override RuleDescriptor Descriptor => Rule;

    public override PageValue? Collect(HeadModel head)
    {
        // Pages and layouts have a head of their own; a Blazor page supplies its title with <PageTitle> from a
        // component file, which counts too. Other fragments are partials whose title is not a page's.
        if (head.Title is not { } title || (head.IsFragment && !title.IsPageTitleComponent))
        {
            return null;
        }

        return SiteValues.Of(title.Value, title.Element.Span);
    }
}
