using System.Globalization;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Images;

/// <summary>
/// Facebook: images can be up to 8 MB; X: images must be less than 5 MB (Cards markup). Larger files are not shown
/// on that platform. MB here is 1024x1024 bytes; both limits are configurable in bytes.
/// </summary>
public sealed class SMO406ImageFileTooLarge : Rule
{
    private const double MiB = 1024 * 1024;

    public static readonly RuleDescriptor Rule = new(
        "SMO406",
        "Share image file too large",
        "{0} '{1}': {2} is {3} MB; {4}",
        RuleCategory.Images,
        DiagnosticSeverity.Error,
        FixAvailability.None,
        Thresholds:
        [
            new RuleThreshold("maxBytes", 8 * MiB, "Facebook: images can be up to 8 MB (error above)"),
            new RuleThreshold("warnBytes", 5 * MiB, "X: images must be less than 5 MB (warning above)"),
        ])
    {
        ReadsLocalFiles = true,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var max = context.GetThreshold("maxBytes");
        var warn = context.GetThreshold("warnBytes");
        foreach (var file in LocalImage.ByFile(context))
        {
            var first = file[0];
            if (first.Facts is not { } facts || facts.Bytes <= warn)
            {
                continue;
            }

            var (severity, why) = facts.Bytes > max
                ? (DiagnosticSeverity.Error, $"over {Mb(max)} MB, Facebook does not show it and X neither")
                : (DiagnosticSeverity.Warning, $"over {Mb(warn)} MB, X does not show it");
            context.Report(first.ValueSpan, args: [first.Meta.Key, first.Url, first.DisplayPath, Mb(facts.Bytes), why], severity: severity);
        }
    }, includeFragments: true);

    private static string Mb(double bytes) => (bytes / MiB).ToString("0.#", CultureInfo.InvariantCulture);
}
