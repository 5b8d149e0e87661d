using System.Globalization;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.OpenGraph;

/// <summary>
/// Heuristic (squirrelscan, AIOSEO): no platform publishes a limit for og:title or og:description, but share cards
/// cut titles around 60 characters and descriptions around 200. Static text only; Razor expressions have no length.
/// </summary>
public sealed class SMO013LongOgText : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO013",
        "og:title or og:description too long",
        "{0} is {1} characters, over {2}: {3}",
        RuleCategory.OpenGraph,
        DiagnosticSeverity.Info,
        Thresholds:
        [
            new RuleThreshold("titleMaxLength", 60, "og:title length (characters) above which share cards usually cut the title; heuristic from squirrelscan and AIOSEO"),
            new RuleThreshold("descriptionMaxLength", 200, "og:description length (characters) above which share cards usually cut the text; heuristic from squirrelscan and AIOSEO"),
        ]);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        Check(context, "og:title", context.GetThreshold("titleMaxLength"), "share cards cut long titles, so put the point in the first {0} characters");
        Check(context, "og:description", context.GetThreshold("descriptionMaxLength"), "share cards show about two lines of description, so shorten it to {0} characters or fewer");
    }, includeFragments: true);

    private static void Check(RuleContext context, string key, double max, string advice)
    {
        foreach (var meta in context.Head.GetMetas(key))
        {
            if (meta.Content is not { IsStatic: true } value || meta.ContentAttribute?.ValueSpan is not { } span)
            {
                continue;
            }

            // Count what readers see: entities decoded, whitespace collapsed, an emoji or accented letter is one character.
            var length = new StringInfo(value.NormalizedText).LengthInTextElements;
            if (length > max)
            {
                var limit = max.ToString(CultureInfo.InvariantCulture);
                context.Report(span, [key, length, limit, string.Format(CultureInfo.InvariantCulture, advice, limit)]);
            }
        }
    }
}
