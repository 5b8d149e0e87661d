using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Images;

/// <summary>
/// A card in a feed is recognised by its picture: one default image (usually the logo) on every page makes every share
/// of the site look the same. Google's Discover guidance asks for compelling, high-quality images and says "avoid using
/// a site logo as your image"; the social platforms publish no rule, so this is a heuristic and information only. Needs
/// every page, so it is a site rule.
/// </summary>
public sealed class SMO411SameImageAcrossPages : SiteRule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO411",
        "Same og:image on several pages",
        "og:image \"{0}\" is also the share image of {1}: every share of these pages shows the same picture, so readers cannot tell them apart in a feed; give each page (at least each article) its own image",
        RuleCategory.Images,
        DiagnosticSeverity.Info);

    public override RuleDescriptor Descriptor => Rule;

    public override PageValue? Collect(HeadModel head)
    {
        // A Blazor page supplies its tags in <HeadContent>; other fragments are partials, whose image is not a page's.
        if (head.GetMetas("og:image").FirstOrDefault(m => m.Content is { IsEmpty: false }) is not { Content: { IsStatic: true } value } meta
            || (head.IsFragment && !meta.Element.HasAncestorOrSelf("headcontent")))
        {
            return null;
        }

        var text = value.Text.Trim();
        var key = WebUrl.Classify(text) switch
        {
            // Scheme ignored, host in lower case: the same file however the pages spell its origin.
            UrlForm.Absolute or UrlForm.ProtocolRelative => WebUrl.Parse(text) is { Host.Length: > 0 } url && (url.IsHttp || url.Scheme.Length == 0)
                ? url.Host + url.Path + (url.Query is null ? string.Empty : "?" + url.Query)
                : null,
            UrlForm.RootRelative or UrlForm.AppRelative => text.TrimStart('~'),
            _ => null, // a path relative to each page names a different file on each
        };
        return key is null ? null : new PageValue(key, text, WebUrl.TrimmedSpan(head.Syntax.Source, value.Span));
    }
}
