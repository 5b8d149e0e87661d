using System.Globalization;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Images;

/// <summary>
/// Facebook lays out the card from the declared <c>og:image:width</c>/<c>og:image:height</c> before it has the image;
/// sizes that disagree with the file (the image was replaced, the tag copied from another page) give a distorted or
/// re-laid-out card. ogp.me types both as integers (pixels).
/// </summary>
public sealed class SMO403ImageDimensionsMismatch : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO403",
        "Declared og:image size differs from the file",
        "{0} is '{1}' but {2} is {3} pixels {4}: Facebook lays out the card with the declared size",
        RuleCategory.Images,
        DiagnosticSeverity.Warning,
        FixAvailability.Safe)
    {
        ReadsLocalFiles = true,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var (group, image) in LocalImage.Groups(context, r => r.HasSize))
        {
            var (width, height) = (image.Facts!.Width!.Value, image.Facts.Height!.Value);

            foreach (var property in group.Properties)
            {
                var (actual, direction) = property.Key switch
                {
                    "og:image:width" => (width, "wide"),
                    "og:image:height" => (height, "high"),
                    _ => (0, string.Empty),
                };

                // A Razor value is the page's business at run time; an empty one is SMO007's.
                if (actual == 0 || property.Content is not { IsStatic: true } value)
                {
                    continue;
                }

                var declared = value.Text.Trim();
                if (int.TryParse(declared, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number == actual)
                {
                    continue;
                }

                var span = WebUrl.TrimmedSpan(context.Source, value.Span);
                var text = actual.ToString(CultureInfo.InvariantCulture);
                var fix = new CodeFix($"Set {property.Key} to {text}", FixSafety.Safe, [new TextEdit(span, text)]);
                context.Report(span, args: [property.Key, declared, image.DisplayPath, text, direction], fixes: [fix]);
            }
        }
    }, includeFragments: true);
}
