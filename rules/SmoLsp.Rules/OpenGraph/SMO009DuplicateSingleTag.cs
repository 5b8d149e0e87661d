using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.OpenGraph;

/// <summary>
/// ogp.me: "the first tag (from top to bottom) is given preference during conflicts"; X takes the last twitter:card.
/// A layout and a page that both write a tag therefore show different cards per platform. Arrays (og:image,
/// og:locale:alternate, og:video, og:audio and their structured properties) are legal and not listed here.
/// </summary>
public sealed class SMO009DuplicateSingleTag : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO009",
        "Duplicate single-valued social tag",
        "{0} is already set on {1}: {2}; keep one",
        RuleCategory.OpenGraph,
        DiagnosticSeverity.Warning);

    private const int MaxEarlierCopies = 16;

    private static readonly string[] s_singleValued = ["og:title", "og:description", "og:url", "og:type", "og:site_name", "twitter:card"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var key in s_singleValued)
        {
            var metas = context.Head.GetMetas(key);
            for (var i = 1; i < metas.Count; i++)
            {
                if (FirstRenderedWith(context, metas, i) is not { } first)
                {
                    continue;
                }

                var line = context.DescribeLine(first.Element.StartTagSpan.Start);
                var consequence = key == "twitter:card"
                    ? "X uses the last twitter:card, so this copy wins there while other consumers read the first"
                    : "Facebook and other Open Graph consumers use the first, so this copy is ignored";
                var related = new RelatedLocation(null, first.Element.StartTagSpan, $"first {key}, {line}");
                context.Report(metas[i].Element.StartTagSpan, [key, line, consequence], related: [related]);
            }
        }
    }, includeFragments: true);

    /// <summary>The first earlier copy that can render together with <c>metas[index]</c> (not in another @if/else branch).</summary>
    private static MetaTag? FirstRenderedWith(RuleContext context, IReadOnlyList<MetaTag> metas, int index)
    {
        // The first few earlier copies suffice to find one that renders together; comparing with all of them made a
        // chain of 20,000 @if/else if alternatives quadratic (minutes).
        for (var j = 0; j < index && j < MaxEarlierCopies; j++)
        {
            if (!context.Syntax.AreMutuallyExclusive(metas[j].Element, metas[index].Element))
            {
                return metas[j];
            }
        }

        return null;
    }
}
