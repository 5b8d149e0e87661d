using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.OpenGraph;

/// <summary>
/// ogp.me: article:published_time, article:modified_time and article:expiration_time are DateTime values, which
/// ogp.me defines as ISO 8601. "March 1, 2024" or "01/03/2024" are ambiguous or unreadable to consumers.
/// </summary>
public sealed class SMO014ArticleTimeNotIso8601 : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO014",
        "Article time not ISO 8601",
        "{0} \"{1}\" is not an ISO 8601 date-time, as ogp.me requires: {2}",
        RuleCategory.OpenGraph,
        DiagnosticSeverity.Warning);

    private static readonly string[] s_keys = ["article:published_time", "article:modified_time", "article:expiration_time"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;

        // The article:* properties belong to og:type article; without a static "article" here the tags mean nothing
        // to consumers (or the type is set elsewhere, e.g. in a layout), so they are not judged.
        if (!head.GetMetas("og:type").Any(m => m.Content is { IsStatic: true } type && type.NormalizedText == "article"))
        {
            return;
        }

        foreach (var key in s_keys)
        {
            foreach (var meta in head.GetMetas(key))
            {
                if (meta.Content is not { IsStatic: true } value || meta.ContentAttribute?.ValueSpan is not { } span)
                {
                    continue;
                }

                if (Iso8601DateTime.Problem(value.NormalizedText) is { } problem)
                {
                    context.Report(span, [key, value.NormalizedText, problem]);
                }
            }
        }
    }, includeFragments: true);
}
