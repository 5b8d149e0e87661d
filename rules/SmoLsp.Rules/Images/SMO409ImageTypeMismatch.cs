using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Rules.Images;

/// <summary>
/// ogp.me: og:image:type is "a MIME type for this image". When it contradicts the file (a PNG declared
/// image/jpeg, usually after the image was replaced and the tags copied), a consumer that trusts the declaration may
/// reject or mis-decode the image. Judged only against the header of the local file the og:image names.
/// </summary>
public sealed class SMO409ImageTypeMismatch : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO409",
        "og:image:type differs from the file's format",
        "og:image:type says '{0}', but {1} is {2} ({3}): write the file's real type",
        RuleCategory.Images,
        DiagnosticSeverity.Warning,
        FixAvailability.Safe);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var (group, image) in LocalImage.Groups(context, r => r.Facts is { Format: not ImageFormat.Unknown }))
        {
            if (MimeTypes(image.Facts!.Format) is not { } accepted)
            {
                continue;
            }

            // A type written before the og:image describes no image (SMO010's finding).
            foreach (var type in group.Properties.Where(p => p.Key == "og:image:type" && p.Element.Index > group.Root.Element.Index))
            {
                if (type.Content is not { IsStatic: true } value || type.ContentAttribute?.ValueSpan is not { } span)
                {
                    continue;
                }

                // Parameters (image/png; charset=...) and case do not change the type.
                var declared = value.NormalizedText.Split(';')[0].Trim().ToLowerInvariant();
                if (declared.Length == 0 || accepted.Contains(declared))
                {
                    continue;
                }

                var real = accepted[0];
                var fix = new CodeFix($"Write og:image:type {real}", FixSafety.Safe, [new TextEdit(span, real)]);
                context.Report(span, args: [value.NormalizedText, image.DisplayPath, Article(image.Facts.Format), real], fixes: [fix]);
            }
        }
    }, includeFragments: true);

    /// <summary>The registered MIME type of a format first, then the aliases consumers accept for it (image/jpg is common and harmless).</summary>
    private static string[]? MimeTypes(ImageFormat format) => format switch
    {
        ImageFormat.Png => ["image/png", "image/apng"],
        ImageFormat.Jpeg => ["image/jpeg", "image/jpg", "image/pjpeg"],
        ImageFormat.Gif => ["image/gif"],
        ImageFormat.WebP => ["image/webp"],
        ImageFormat.Svg => ["image/svg+xml"],
        ImageFormat.Avif => ["image/avif"],
        ImageFormat.Heic => ["image/heic", "image/heif"],
        ImageFormat.JpegXl => ["image/jxl"],
        ImageFormat.Bmp => ["image/bmp", "image/x-ms-bmp"],
        ImageFormat.Tiff => ["image/tiff"],
        ImageFormat.Ico => ["image/vnd.microsoft.icon", "image/x-icon"],
        _ => null,
    };

    private static string Article(ImageFormat format) => format switch
    {
        ImageFormat.Png => "a PNG image",
        ImageFormat.Jpeg => "a JPEG image",
        ImageFormat.Gif => "a GIF image",
        ImageFormat.WebP => "a WebP image",
        ImageFormat.Svg => "an SVG image",
        ImageFormat.Avif => "an AVIF image",
        ImageFormat.Heic => "a HEIC image",
        ImageFormat.JpegXl => "a JPEG XL image",
        ImageFormat.Bmp => "a BMP image",
        ImageFormat.Tiff => "a TIFF image",
        _ => "an ICO image",
    };
}
