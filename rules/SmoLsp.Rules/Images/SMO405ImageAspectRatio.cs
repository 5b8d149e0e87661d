using System.Globalization;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Images;

/// <summary>
/// Facebook shows link images at 1.91:1 (1200x630) and crops anything else; X crops summary_large_image images to
/// 2:1 and summary images to 1:1 (Cards markup). Within 10% (configurable) the crop is negligible: 1200x630 passes
/// both 1.91:1 and 2:1.
/// </summary>
public sealed class SMO405ImageAspectRatio : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO405",
        "Share image aspect ratio will be cropped",
        "{0} '{1}': {2} is {3} pixels ({4}:1); {5}",
        RuleCategory.Images,
        DiagnosticSeverity.Info,
        FixAvailability.None,
        Thresholds: [new RuleThreshold("tolerance", 0.1, "How far (as a fraction) the ratio may be from the platform's before cropping is worth a note; 10% keeps 1200x630 fine for both 1.91:1 and 2:1")])
    {
        ReadsLocalFiles = true,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var xImage = LocalImage.XImageTag(context.Head);
        var card = LocalImage.CardType(context.Head);
        var tolerance = context.GetThreshold("tolerance");
        foreach (var file in LocalImage.ByFile(context))
        {
            var first = file[0];
            if (first.Facts is not { Width: { } width, Height: { } height } facts)
            {
                continue;
            }

            var expectations = new List<(double Ratio, string Text)>();
            if (LocalImage.IsOpenGraph(file))
            {
                expectations.Add((1.91, "Facebook and LinkedIn show 1.91:1 and crop the rest"));
            }

            if (LocalImage.IsXImage(file, xImage))
            {
                switch (card)
                {
                    case "summary_large_image":
                        expectations.Add((2.0, "X's summary_large_image card shows 2:1"));
                        break;
                    case "summary":
                        expectations.Add((1.0, "X's summary card shows it square (1:1)"));
                        break;
                }
            }

            var ratio = (double)width / height;
            var off = expectations.Where(e => Math.Abs((ratio / e.Ratio) - 1) > tolerance).Select(e => e.Text).ToList();
            if (off.Count > 0)
            {
                var shown = Math.Round(ratio, 2).ToString("0.##", CultureInfo.InvariantCulture);
                context.Report(first.ValueSpan, args: [first.Meta.Key, first.Url, first.DisplayPath, LocalImage.Size(facts), shown, string.Join("; ", off)]);
            }
        }
    }, includeFragments: true);
}
