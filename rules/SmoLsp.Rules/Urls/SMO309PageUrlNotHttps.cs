using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Urls;

/// <summary>
/// Facebook counts likes and shares at the exact og:url, and http: and https: URLs are different URLs: a site served
/// over https whose og:url (or canonical link) still says http: counts its shares under the old scheme, and tells
/// search engines to prefer a URL that only redirects. The configured siteUrl says which scheme the site uses.
/// </summary>
public sealed class SMO309PageUrlNotHttps : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO309",
        "og:url or canonical on http: while the site is https",
        "{0} '{1}' uses http:, but siteUrl says the site is served over https: shares are counted at the exact URL, so this page's count splits between the two schemes; use https:",
        RuleCategory.Urls,
        DiagnosticSeverity.Warning,
        FixAvailability.Safe);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        if (WebUrl.Parse(context.Configuration.SiteUrl) is not { Scheme: "https" } site)
        {
            return;
        }

        foreach (var url in ShareUrls.PageUrls(context))
        {
            // Another host is another site's business (a shop on its own domain may still be http:).
            if (WebUrl.Parse(url.Known, url.IsComplete) is not { Scheme: "http" } target || target.SiteHost != site.SiteHost)
            {
                continue;
            }

            context.Report(url.Span, args: [url.Label, url.IsComplete ? url.Known : url.Known + "..."], fixes: SocialTags.Fixes(ShareUrls.HttpsFix(context, url.Span, url.Known, url.IsComplete)));
        }
    }, includeFragments: true);
}
