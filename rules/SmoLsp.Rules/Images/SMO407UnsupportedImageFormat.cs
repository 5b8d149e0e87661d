using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Rules.Images;

/// <summary>
/// X (Cards markup): JPG, PNG, WEBP and GIF are supported, SVG is not, and only the first frame of an animated GIF
/// is used. Facebook does not render SVG share images either. AVIF, HEIC, JPEG XL, BMP, TIFF and ICO are named
/// so the message says what the file is; an animated PNG or WebP also shows only its first frame.
/// </summary>
public sealed class SMO407UnsupportedImageFormat : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO407",
        "Share image format not shown by platforms",
        "{0} '{1}': {2}",
        RuleCategory.Images,
        DiagnosticSeverity.Warning,
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
            if (first.Facts is not { } facts)
            {
                continue;
            }

            var (severity, detail) = facts.Format switch
            {
                ImageFormat.Svg => (DiagnosticSeverity.Warning, $"{first.DisplayPath} is an SVG image, which X and Facebook do not show; use a PNG or JPEG"),
                ImageFormat.Avif or ImageFormat.Heic or ImageFormat.JpegXl or ImageFormat.Bmp or ImageFormat.Tiff or ImageFormat.Ico =>
                    (DiagnosticSeverity.Warning, $"{first.DisplayPath} is {Name(facts.Format)} image, a format X and Facebook do not show; use a PNG or JPEG"),
                _ when facts.IsAnimated => (DiagnosticSeverity.Info, $"{first.DisplayPath} is an animated {AnimatedName(facts.Format)}: X and Facebook show only its first frame"),
                _ => (DiagnosticSeverity.Hint, null),
            };

            if (detail is not null)
            {
                context.Report(first.ValueSpan, args: [first.Meta.Key, first.Url, detail], severity: severity);
            }
        }
    }, includeFragments: true);

    private static string Name(ImageFormat format) => format switch
    {
        ImageFormat.Avif => "an AVIF",
        ImageFormat.Heic => "a HEIC",
        ImageFormat.JpegXl => "a JPEG XL",
        ImageFormat.Bmp => "a BMP",
        ImageFormat.Tiff => "a TIFF",
        _ => "an ICO",
    };

    private static string AnimatedName(ImageFormat format) => format switch
    {
        ImageFormat.Png => "PNG",
        ImageFormat.WebP => "WebP",
        _ => "GIF",
    };
}
