using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Rules.Images;

/// <summary>
/// html-proofer checks that local images exist. A share image whose file is missing (a typo, a file not committed,
/// a path that does not match the file's case on a Linux server), or is not an image at all (an empty file, an HTML
/// error page saved as .png), gives a card without an image. On the web (a live check, or <c>--online</c>) the same
/// problem is a URL that answers 404 Not Found or 410 Gone, or answers with something that is not an image; other
/// failures (500s, timeouts, redirect loops) are SMO414's.
/// </summary>
public sealed class SMO408LocalImageNotFound : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO408",
        "Share image not found",
        "{0} '{1}': {2}; share cards will show no image",
        RuleCategory.Images,
        DiagnosticSeverity.Error,
        FixAvailability.None)
    {
        ReadsLocalFiles = true,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var file in LocalImage.ByFile(context))
        {
            var first = file[0];
            var detail = first.Facts switch
            {
                // No extension: perhaps an endpoint that renders the image (/og?title=...); a missing file proves nothing.
                null when !first.IsWeb && LocalImage.LooksLikeImageFile(first.SitePath) => $"there is no file {first.DisplayPath}",
                { Web: { IsNotFound: true } web } => $"{first.DisplayPath} answers {web.Describe()}",
                { Web: { IsSuccess: false } } => null,
                { Format: ImageFormat.Unknown } facts => $"{first.DisplayPath} is not an image ({facts.Problem ?? "unknown content"})",
                _ => null,
            };

            if (detail is not null)
            {
                context.Report(first.ValueSpan, args: [first.Meta.Key, first.Url, detail]);
            }
        }
    }, includeFragments: true);
}
