using System.Globalization;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Images;

/// <summary>
/// WhatsApp documents no limit for link-preview images, but shows no thumbnail for larger files: Branch's help center
/// ("WhatsApp generally displays thumbnail previews for images up to 300 KB") and the usual developer reports put the
/// limit near 300 KB. A heuristic from observation, hence information and a configurable threshold. WhatsApp reads the
/// first og:image (else twitter:image), so only that file is judged.
/// </summary>
public sealed class SMO412ImageTooLargeForWhatsApp : Rule
{
    private const double KiB = 1024;

    public static readonly RuleDescriptor Rule = new(
        "SMO412",
        "Share image too large for WhatsApp previews",
        "{0} '{1}': {2} is {3} KB; WhatsApp shows no preview image for files over about {4} KB (observed, not documented). Compress it (a 1200x630 JPEG at quality 80 is usually under 200 KB)",
        RuleCategory.Images,
        DiagnosticSeverity.Info,
        FixAvailability.None,
        Thresholds: [new RuleThreshold("maxBytes", 300 * KiB, "WhatsApp (observed; Branch help center: previews for images up to 300 KB)")])
    {
        ReadsLocalFiles = true,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        var tag = head.GetMetas("og:image").FirstOrDefault(m => m.Content is { IsEmpty: false })
            ?? head.GetMetas("twitter:image").FirstOrDefault(m => m.Content is { IsEmpty: false });
        if (tag is null || LocalImage.Of(context).FirstOrDefault(r => ReferenceEquals(r.Meta, tag)) is not { Facts: { } facts } image)
        {
            return;
        }

        var max = context.GetThreshold("maxBytes");
        if (facts.Bytes > max)
        {
            context.Report(image.ValueSpan, args: [tag.Key, image.Url, image.DisplayPath, Kb(facts.Bytes), Kb(max)]);
        }
    }, includeFragments: true);

    private static string Kb(double bytes) => Math.Round(bytes / KiB).ToString(CultureInfo.InvariantCulture);
}
