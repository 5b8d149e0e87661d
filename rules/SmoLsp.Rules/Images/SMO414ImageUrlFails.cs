using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Images;

/// <summary>
/// A share image on the web that gives no image: a server error (500, 503), a refusal (401, 403, 429), a timeout, a
/// refused connection, a redirect loop or more redirects than crawlers follow. Facebook's Sharing Debugger reports
/// such an og:image as "could not be downloaded", and the card is shown without it. 404 and 410 are SMO408's (the image
/// is not there), as a missing local file is. Judged only on what the host fetched (a live check, or <c>--online</c>).
/// </summary>
public sealed class SMO414ImageUrlFails : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO414",
        "Share image URL does not answer with the image",
        "{0} '{1}': {2}; crawlers get no image, so share cards show none",
        RuleCategory.Images,
        DiagnosticSeverity.Error,
        FixAvailability.None);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var file in LocalImage.ByFile(context))
        {
            var first = file[0];
            if (first.Facts?.Web is not { IsSuccess: false, IsNotFound: false } web)
            {
                continue;
            }

            var detail = web.Problem is { } problem
                ? $"{first.DisplayPath} could not be fetched: {problem}"
                : $"{first.DisplayPath} answers {web.Describe()}";
            context.Report(first.ValueSpan, args: [first.Meta.Key, first.Url, detail]);
        }
    }, includeFragments: true);
}
