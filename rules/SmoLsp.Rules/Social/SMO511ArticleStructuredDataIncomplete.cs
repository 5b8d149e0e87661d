using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Social;

/// <summary>
/// Google's Article structured data (Article, NewsArticle, BlogPosting) has no required properties, but recommends
/// headline, image and datePublished (with author and dateModified) so the article's title, image and date can be
/// shown in results (Mastodon's link cards also take a NewsArticle's headline and datePublished). A block that declares
/// an article and omits them tells its readers little more than the page's type. Information: none of them is required.
/// </summary>
public sealed class SMO511ArticleStructuredDataIncomplete : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO511",
        "JSON-LD article without headline, image or datePublished",
        "This JSON-LD {0} has no {1}: Google recommends headline, image and datePublished so the article shows its title, image and date in results",
        RuleCategory.Social,
        DiagnosticSeverity.Info);

    private static readonly string[] s_articleTypes = ["Article", "NewsArticle", "BlogPosting"];
    private static readonly string[] s_recommended = ["headline", "image", "datePublished"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var entity in JsonLdScript.Entities(context))
        {
            if (JsonLdScript.TypeNames(entity).FirstOrDefault(s_articleTypes.Contains) is not { } type || entity["@type"] is not { } typeNode)
            {
                continue;
            }

            var missing = s_recommended.Where(name => !HasValue(entity[name])).ToList();
            if (missing.Count > 0)
            {
                context.Report(typeNode.Span, args: [type, Join(missing)]);
            }
        }
    }, includeFragments: true);

    /// <summary>A property with something in it: a non-blank string, a non-empty array, an object.</summary>
    private static bool HasValue(JsonNode? node) => node?.Kind switch
    {
        JsonKind.String => !string.IsNullOrWhiteSpace(node.String),
        JsonKind.Array => node.Items.Any(HasValue),
        JsonKind.Object => true,
        _ => false,
    };

    private static string Join(List<string> names) => names.Count switch
    {
        1 => names[0],
        2 => names[0] + " or " + names[1],
        _ => string.Join(", ", names.GetRange(0, names.Count - 1)) + " or " + names[^1],
    };
}
