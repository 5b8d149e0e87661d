using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Images;

namespace SmoLsp.Rules.Urls;

/// <summary>
/// ogp.me: og:image:secure_url is "an alternate url to use if the webpage requires HTTPS". An http: image with no
/// https alternative is blocked as mixed content where the card is shown on an https page.
/// </summary>
public sealed class SMO303InsecureOgImage : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO303",
        "og:image over http: without og:image:secure_url",
        "og:image is served over http: ('{0}') with no og:image:secure_url: platforms and apps that show cards on https pages need an https image",
        RuleCategory.Urls,
        DiagnosticSeverity.Info,
        FixAvailability.SafeOrSuggestion);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var group in OgImageGroup.Of(context.Head))
        {
            if (group.Root.Content is not { } value || group.Has("og:image:secure_url"))
            {
                continue;
            }

            var known = WebUrl.KnownText(context.Syntax, value, out var complete);
            if (known is null || !known.StartsWith("http:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var span = WebUrl.TrimmedSpan(context.Source, value.Span);
            context.Report(span, args: [complete ? known : known + "..."], fixes: SocialTags.Fixes(ShareUrls.HttpsFix(context, span, known, complete)));
        }
    }, includeFragments: true);
}
