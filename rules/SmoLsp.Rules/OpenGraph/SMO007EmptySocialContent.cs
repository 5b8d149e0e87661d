using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.OpenGraph;

/// <summary>
/// An og:* or twitter:* meta without a value says nothing, and may hide a value a layout or fallback would have given
/// (ogp.me: the first tag wins). html-eslint, seo-analyzer and html-proofer all flag it.
/// </summary>
public sealed class SMO007EmptySocialContent : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO007",
        "Social meta tag without content",
        "<meta {0}=\"{1}\"> {2}: platforms ignore it or show a blank; give it a value or remove the tag",
        RuleCategory.OpenGraph,
        DiagnosticSeverity.Error);

    public override RuleDescriptor Descriptor => Rule;

    // Element-level: a partial with <meta property="og:title" content=""> is wrong wherever it is rendered.
    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var meta in context.Head.Metas)
        {
            if (!SocialTags.IsOpenGraphKey(meta.Key) && !SocialTags.IsTwitterKey(meta.Key))
            {
                continue;
            }

            var keyAttribute = meta.KeyAttribute.Name;
            if (meta.ContentAttribute is null)
            {
                // <meta property="og:title" value="..."> is a common slip: only content= is read.
                var detail = meta.Element.GetAttribute("value") is not null
                    ? "has no content attribute (value= is not read; rename it to content=)"
                    : "has no content attribute";
                context.Report(meta.Element.StartTagSpan, [keyAttribute, meta.Key, detail]);
            }
            else if (meta.ContentAttribute.Value.IsEmpty)
            {
                // Dynamic content (content="@Model.Title") is present: only literally empty text is judged.
                context.Report(meta.ContentAttribute.Span, [keyAttribute, meta.Key, "has an empty content attribute"]);
            }
        }
    }, includeFragments: true);
}
