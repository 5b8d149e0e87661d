using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Workspace;
using SmoLsp.Rules.Images;

namespace SmoLsp.Rules.Urls;

/// <summary>
/// og:url and the canonical link name the page itself. Facebook's crawler fetches og:url and builds the card from
/// what that URL answers, counting shares there; search engines index the canonical URL (Google: the canonical should
/// be a URL that answers 200, not one that redirects or errs). So both must answer 200 directly: an error gives cards
/// and search results of the error page, and a redirect makes crawlers follow a chain and count the page at its end.
/// Judged on what the host fetched (a live check, or <c>--online</c>); relative and Razor values are not fetched.
/// </summary>
public sealed class SMO310PageUrlDoesNotAnswer : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO310",
        "og:url or canonical does not answer 200",
        "{0} '{1}' {2}",
        RuleCategory.Urls,
        DiagnosticSeverity.Error,
        FixAvailability.None);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        if (!context.Workspace.FetchesWeb())
        {
            return;
        }

        foreach (var url in ShareUrls.PageUrls(context))
        {
            if (!url.IsComplete || !WebAddress.IsHttp(url.Known) || context.Workspace.GetPageResponse(url.Known) is not { } web)
            {
                continue;
            }

            var fetched = web.Url == url.Known ? string.Empty : $" (fetched as {web.Url})";
            if (web.Problem is { } problem)
            {
                context.Report(url.Span, args: [url.Label, url.Known, $"could not be fetched{fetched}: {problem}; crawlers that follow it get no page, so shares get no card"]);
            }
            else if (!web.IsSuccess)
            {
                var after = web.Redirects.Count > 0 ? $" after {SMO416ImageUrlRedirects.Chain(web)}" : string.Empty;
                context.Report(url.Span, args: [url.Label, url.Known, $"answers {web.Describe()}{after}{fetched}: crawlers that follow it get the error page, so shares and search results show that page's title and image"]);
            }
            else if (web.Redirects.Count > 0)
            {
                context.Report(url.Span, args: [url.Label, url.Known, $"redirects ({SMO416ImageUrlRedirects.Chain(web)}){fetched}: crawlers follow the chain and count the page at {web.FinalUrl}; name the final URL"],
                    severity: DiagnosticSeverity.Warning);
            }
        }
    }, includeFragments: true);
}
