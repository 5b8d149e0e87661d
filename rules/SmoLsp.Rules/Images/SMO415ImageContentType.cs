using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Rules.Images;

/// <summary>
/// Crawlers trust the server's Content-Type before the bytes: Facebook's Sharing Debugger rejects an og:image that
/// "could not be processed as an image because it has an invalid content type" (text/html, application/octet-stream,
/// none at all), which happens when a CDN or a misconfigured static file server does not know the extension. An image/*
/// type that names another format than the bytes (a PNG served as image/jpeg) is decoded by most consumers but
/// trips strict ones. Judged on what the host fetched (a live check, or <c>--online</c>); the bytes come from the
/// image's header.
/// </summary>
public sealed class SMO415ImageContentType : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO415",
        "Share image served with the wrong Content-Type",
        "{0} '{1}': {2}",
        RuleCategory.Images,
        DiagnosticSeverity.Error,
        FixAvailability.None);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var file in LocalImage.ByFile(context))
        {
            var first = file[0];
            if (first.Facts is not { Web: { IsSuccess: true } web } facts || ImageMediaTypes.Of(facts.Format) is not { } accepted)
            {
                continue;
            }

            var real = accepted[0];
            var (severity, detail) = web.ContentType switch
            {
                null => (DiagnosticSeverity.Error, $"{first.DisplayPath} is served without a Content-Type: Facebook rejects an image whose content type is not an image type; serve it as {real}"),
                { } type when !type.StartsWith("image/", StringComparison.Ordinal) =>
                    (DiagnosticSeverity.Error, $"{first.DisplayPath} is served as {type}, not as an image: Facebook rejects it (invalid content type); serve it as {real}"),
                { } type when !accepted.Contains(type) =>
                    (DiagnosticSeverity.Warning, $"{first.DisplayPath} is served as {type} but is {ImageMediaTypes.Article(facts.Format)}: strict consumers refuse it; serve it as {real}"),
                _ => (DiagnosticSeverity.Hint, null),
            };

            if (detail is not null)
            {
                context.Report(first.ValueSpan, args: [first.Meta.Key, first.Url, detail], severity: severity);
            }
        }
    }, includeFragments: true);
}
