using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Rules.OpenGraph;

/// <summary>
/// ogp.me lists og:url among the four required properties (the object's permanent id); Facebook aggregates likes
/// and shares at og:url, so without it every URL variant (query strings, tracking parameters) counts apart.
/// </summary>
public sealed class SMO004MissingOgUrl : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO004",
        "Missing og:url",
        "The page has no og:url: Facebook counts likes and shares per URL variant (query strings, tracking parameters) instead of once; add the page's canonical absolute URL",
        RuleCategory.OpenGraph,
        DiagnosticSeverity.Warning,
        FixAvailability.SafeOrSuggestion)
    {
        // Differs per page: on a composed page whose layout lets pages add head tags, the page is told (docs/composition.md).
        Responsibility = HeadResponsibility.Page,
    };

    private const string Key = "og:url";

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        if (head.IsExtendedElsewhere || head.HasMeta(Key))
        {
            return;
        }

        if (SocialTags.Misspelling(context, Key) is { } typo)
        {
            context.Report(typo);
            return;
        }

        var site = SiteUrls.SiteRoot(context.Configuration.SiteUrl);
        var canonical = head.Canonicals.Count == 1 ? head.Canonicals[0].Href : null;
        var route = PageRoutes.Of(context.Document, context.Syntax, context.Configuration);
        CodeFix? fix;
        if (canonical is { IsStatic: true } && CanonicalUrl(canonical.NormalizedText, site) is { } fromCanonical)
        {
            // The page already states its canonical URL; og:url should be the same (SMO304 checks they agree).
            fix = Insert("Add og:url from the canonical link", FixSafety.Safe, TextNormalizer.EscapeAttribute(fromCanonical));
        }
        else if (site is not null && route is { IsCertain: true })
        {
            fix = Insert("Add og:url from siteUrl and the page route", FixSafety.Safe, TextNormalizer.EscapeAttribute(site + route.Path));
        }
        else if (canonical is { IsDynamic: true })
        {
            // The same expression renders the same URL, but whether it renders an absolute one is unknown.
            fix = Insert("Add og:url from the canonical link expression", FixSafety.Suggestion, canonical.ToAttributeText());
        }
        else if (site is not null)
        {
            // A layout or a page without a knowable route: the bare site URL would label every page as the home page.
            fix = Insert("Add og:url from siteUrl (complete the path)", FixSafety.Suggestion, TextNormalizer.EscapeAttribute(site + (route?.Path ?? "/")));
        }
        else
        {
            fix = Insert("Add og:url (placeholder)", FixSafety.Suggestion, "TODO: absolute canonical URL of this page");
        }

        context.Report(HeadInsertion.DocumentAnchor(head), fixes: SocialTags.Fixes(fix));

        CodeFix? Insert(string title, FixSafety safety, string content) =>
            SocialTags.InsertMetaFix(head, title, safety, "property", Key, content);
    });

    /// <summary>An absolute canonical href, or a site-root-relative one joined to the site URL; null otherwise.</summary>
    private static string? CanonicalUrl(string href, string? site)
    {
        if (SiteUrls.IsAbsoluteHttp(href))
        {
            return href;
        }

        // "about" is relative to the page's own URL, which is unknown; "/about" and "~/about" are relative to the site.
        var siteRelative = (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal)) || href.StartsWith("~/", StringComparison.Ordinal);
        return siteRelative && site is not null ? SiteUrls.Absolute(href, site) : null;
    }
}
