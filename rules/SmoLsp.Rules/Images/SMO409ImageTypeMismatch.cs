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
        FixAvailability.Safe)
    {
        ReadsLocalFiles = true,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var (group, image) in LocalImage.Groups(context, r => r.Facts is { Format: not ImageFormat.Unknown }))
        {
            if (ImageMediaTypes.Of(image.Facts!.Format) is not { } accepted)
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
                context.Report(span, args: [value.NormalizedText, image.DisplayPath, ImageMediaTypes.Article(image.Facts.Format), real], fixes: [fix]);
            }
        }
    }, includeFragments: true);
}
