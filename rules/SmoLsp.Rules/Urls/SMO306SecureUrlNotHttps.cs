using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Urls;

/// <summary>
/// ogp.me: og:image:secure_url (and og:video:secure_url, og:audio:secure_url) is "an alternate url to use if the
/// webpage requires HTTPS". An http: URL there defeats its only purpose: platforms that show cards on https pages
/// take it for the https copy and get mixed content, which browsers block.
/// </summary>
public sealed class SMO306SecureUrlNotHttps : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO306",
        "secure_url is not https",
        "{0} is '{1}', an http: URL: ogp.me defines secure_url as the https address of the media, so platforms that need https get none; use https:",
        RuleCategory.Urls,
        DiagnosticSeverity.Warning,
        FixAvailability.SafeOrSuggestion);

    private static readonly string[] s_keys = ["og:image:secure_url", "og:video:secure_url", "og:audio:secure_url"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var meta in context.Head.Metas)
        {
            if (!s_keys.Contains(meta.Key) || meta.Content is not { } value)
            {
                continue;
            }

            var known = WebUrl.KnownText(context.Syntax, value, out var complete);
            if (known is null || !known.StartsWith("http:", StringComparison.OrdinalIgnoreCase))
            {
                continue; // https:, relative (SMO301) or protocol-relative (SMO302), or unknown until the page runs
            }

            var span = WebUrl.TrimmedSpan(context.Source, value.Span);
            context.Report(span, args: [meta.Key, complete ? known : known + "..."], fixes: SocialTags.Fixes(ShareUrls.HttpsFix(context, span, known, complete)));
        }
    }, includeFragments: true);
}
