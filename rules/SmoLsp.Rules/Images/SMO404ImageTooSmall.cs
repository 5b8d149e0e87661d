using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Images;

/// <summary>
/// Facebook (Sharing best practices, "Images"): at least 1200x630 for high-resolution screens; at least 600x315 for
/// a large link card (smaller shows as a thumbnail); 200x200 is the minimum (the Sharing Debugger reports an error).
/// X (Cards markup): summary_large_image needs at least 300x157, summary at least 144x144. One id, graded severity.
/// </summary>
public sealed class SMO404ImageTooSmall : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO404",
        "Share image too small",
        "{0} '{1}': {2}",
        RuleCategory.Images,
        DiagnosticSeverity.Error,
        FixAvailability.None,
        Thresholds:
        [
            new RuleThreshold("minWidth", 200, "Facebook: the minimum image size is 200x200; smaller is an error in the Sharing Debugger (error)"),
            new RuleThreshold("minHeight", 200, "Facebook: the minimum image size is 200x200 (error)"),
            new RuleThreshold("largeWidth", 600, "Facebook: at least 600x315 to show a large link card rather than a thumbnail (warning)"),
            new RuleThreshold("largeHeight", 315, "Facebook: at least 600x315 for a large link card (warning)"),
            new RuleThreshold("recommendedWidth", 1200, "Facebook: 1200x630 for the best display on high-resolution screens (info)"),
            new RuleThreshold("recommendedHeight", 630, "Facebook: 1200x630 recommended (info)"),
            new RuleThreshold("largeCardMinWidth", 300, "X: summary_large_image images are at least 300x157 (error)"),
            new RuleThreshold("largeCardMinHeight", 157, "X: summary_large_image images are at least 300x157 (error)"),
            new RuleThreshold("summaryCardMinWidth", 144, "X: summary card images are at least 144x144 (error)"),
            new RuleThreshold("summaryCardMinHeight", 144, "X: summary card images are at least 144x144 (error)"),
        ])
    {
        ReadsLocalFiles = true,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var xImage = LocalImage.XImageTag(context.Head);
        var card = LocalImage.CardType(context.Head);
        foreach (var file in LocalImage.ByFile(context))
        {
            var first = file[0];
            if (first.Facts is not { } facts)
            {
                continue;
            }

            if (facts.Width is not { } width || facts.Height is not { } height)
            {
                // A raster image whose size cannot be read: the size rules cannot vouch for it. (SVG sizes are optional; SMO407 covers SVG.)
                if (facts.Format is Analysis.Workspace.ImageFormat.Png or Analysis.Workspace.ImageFormat.Jpeg or Analysis.Workspace.ImageFormat.Gif or Analysis.Workspace.ImageFormat.WebP)
                {
                    context.Report(first.ValueSpan, args: [first.Meta.Key, first.Url, $"the size of {first.DisplayPath} cannot be read ({facts.Problem ?? "unknown reason"})"], severity: DiagnosticSeverity.Warning);
                }

                continue;
            }

            var findings = new List<(DiagnosticSeverity Severity, string Text)>();
            if (LocalImage.IsOpenGraph(file))
            {
                if (Below(context, width, height, "minWidth", "minHeight") is { } min)
                {
                    findings.Add((DiagnosticSeverity.Error, $"below Facebook's minimum of {min}: the Sharing Debugger rejects it"));
                }
                else if (Below(context, width, height, "largeWidth", "largeHeight") is { } large)
                {
                    findings.Add((DiagnosticSeverity.Warning, $"below {large}: Facebook shows a small thumbnail instead of a large card"));
                }
                else if (Below(context, width, height, "recommendedWidth", "recommendedHeight") is { } recommended)
                {
                    findings.Add((DiagnosticSeverity.Info, $"below the {recommended} Facebook recommends for high-resolution screens"));
                }
            }

            if (LocalImage.IsXImage(file, xImage))
            {
                var x = card switch
                {
                    "summary_large_image" => Below(context, width, height, "largeCardMinWidth", "largeCardMinHeight"),
                    "summary" => Below(context, width, height, "summaryCardMinWidth", "summaryCardMinHeight"),
                    _ => null,
                };
                if (x is not null)
                {
                    findings.Add((DiagnosticSeverity.Error, $"below X's minimum of {x} for {card} cards: X shows the card without it"));
                }
            }

            if (findings.Count == 0)
            {
                continue;
            }

            var worst = findings.Max(f => f.Severity);
            var detail = $"{first.DisplayPath} is {width}x{height} pixels, " + string.Join("; and ", findings.Where(f => f.Severity == worst).Select(f => f.Text));
            context.Report(first.ValueSpan, args: [first.Meta.Key, first.Url, detail], severity: worst);
        }
    }, includeFragments: true);

    /// <summary>The "WxH" minimum when the image is narrower or shorter than it, else null.</summary>
    private static string? Below(RuleContext context, int width, int height, string widthThreshold, string heightThreshold)
    {
        var minWidth = context.GetThreshold(widthThreshold);
        var minHeight = context.GetThreshold(heightThreshold);
        return width < minWidth || height < minHeight ? $"{minWidth}x{minHeight}" : null;
    }
}
