using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Rules.Images;

/// <summary>
/// A share image URL that redirects costs every crawler an extra round trip before the image, and crawlers fetch
/// under tight time limits; a redirect from https to http makes the image mixed content on the https pages cards are
/// shown on (as SMO303 says of an http og:image). Judged on what the host fetched (a live check, or <c>--online</c>):
/// the image must have answered in the end (else SMO408 or SMO414).
/// </summary>
public sealed class SMO416ImageUrlRedirects : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO416",
        "Share image URL redirects",
        "{0} '{1}' redirects ({2}): {3}",
        RuleCategory.Images,
        DiagnosticSeverity.Info,
        FixAvailability.None);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var file in LocalImage.ByFile(context))
        {
            var first = file[0];
            if (first.Facts?.Web is not { IsSuccess: true, Redirects.Count: > 0 } web)
            {
                continue;
            }

            var chain = Chain(web);
            var (severity, why) = Downgrades(web)
                ? (DiagnosticSeverity.Warning, $"the image ends up on http:, which https pages block as mixed content; point {first.Meta.Key} at an https URL")
                : (DiagnosticSeverity.Info, $"every crawler makes {web.Redirects.Count} extra request(s) before the image; point {first.Meta.Key} at {web.FinalUrl}");
            context.Report(first.ValueSpan, args: [first.Meta.Key, first.Url, chain, why], severity: severity);
        }
    }, includeFragments: true);

    /// <summary>"301 to https://a/x.png, 302 to https://b/x.png".</summary>
    internal static string Chain(WebResponseFacts web) => string.Join(", ", web.Redirects.Select(r => $"{r.Status} to {r.Location}"));

    private static bool Downgrades(WebResponseFacts web) =>
        web.Url.StartsWith("https:", StringComparison.OrdinalIgnoreCase) && web.FinalUrl.StartsWith("http:", StringComparison.OrdinalIgnoreCase);
}
