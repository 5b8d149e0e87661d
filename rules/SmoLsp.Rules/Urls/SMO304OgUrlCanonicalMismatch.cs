using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Urls;

/// <summary>
/// Facebook aggregates likes and shares at og:url, search engines at the canonical URL; when they differ the page's
/// share counts and its search listing point at different URLs (squirrelscan's og-url-match check).
/// </summary>
public sealed class SMO304OgUrlCanonicalMismatch : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO304",
        "og:url differs from the canonical URL",
        "og:url '{0}' and the canonical link '{1}' name different pages: Facebook counts shares at og:url, search engines index the canonical URL; make them the same",
        RuleCategory.Urls,
        DiagnosticSeverity.Warning);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        if (head.Canonicals.Count == 0)
        {
            return;
        }

        foreach (var ogUrl in head.GetMetas("og:url"))
        {
            if (ogUrl.Content is not { IsStatic: true } value || WebUrl.Parse(value.Text) is not { IsHttp: true } og)
            {
                continue;
            }

            // Tags in different @if/else branches are alternatives: compare with a canonical that renders with this og:url.
            var canonical = head.Canonicals.FirstOrDefault(c => !context.Syntax.AreMutuallyExclusive(ogUrl.Element, c.Element));
            if (canonical?.Href is not { IsStatic: true } href || Resolve(value.Text, href.Text) is not { } canonicalUrl)
            {
                continue;
            }

            if (WebUrl.ComparisonKey(og) != WebUrl.ComparisonKey(canonicalUrl))
            {
                context.Report(
                    WebUrl.TrimmedSpan(context.Source, value.Span),
                    args: [value.Text.Trim(), href.Text.Trim()],
                    related: [new RelatedLocation(null, WebUrl.TrimmedSpan(context.Source, href.Span), "the canonical link")]);
            }
        }
    }, includeFragments: true);

    /// <summary>The canonical as an absolute URL; a relative one (SMO305's finding) is read against og:url.</summary>
    private static LinkTarget? Resolve(string ogUrl, string canonical) => WebUrl.Classify(canonical) switch
    {
        UrlForm.Absolute or UrlForm.ProtocolRelative => WebUrl.Parse(canonical),
        UrlForm.RootRelative or UrlForm.PathRelative => WebUrl.Parse(WebUrl.ResolvePathRelative(ogUrl, canonical)),
        _ => null,
    };
}
