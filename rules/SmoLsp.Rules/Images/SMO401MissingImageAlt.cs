using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Images;

/// <summary>
/// ogp.me: "If the page specifies an og:image it should specify og:image:alt." X reads twitter:image:alt and falls
/// back to the og:* tags, so a twitter:image is covered by an og:image:alt.
/// </summary>
public sealed class SMO401MissingImageAlt : Rule
{
    public const string Placeholder = "TODO: describe the image";

    public static readonly RuleDescriptor Rule = new(
        "SMO401",
        "Share image without alt text",
        "{0} has no {1}: people using screen readers get no description of the card image; describe what the image shows",
        RuleCategory.Images,
        DiagnosticSeverity.Warning,
        FixAvailability.Suggestion);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        foreach (var group in OgImageGroup.Of(head))
        {
            if (HasUrl(group.Root) && !group.Has("og:image:alt"))
            {
                Report(context, group.Root, "property", "og:image:alt", "og:image:alt");
            }
        }

        if (head.HasMeta("twitter:image:alt") || head.HasMeta("og:image:alt"))
        {
            return;
        }

        foreach (var image in head.GetMetas("twitter:image"))
        {
            if (HasUrl(image))
            {
                Report(context, image, "name", "twitter:image:alt", "twitter:image:alt (nor an og:image:alt to fall back on)");
            }
        }
    }, includeFragments: true);

    private static bool HasUrl(MetaTag meta) => meta.Content is { IsEmpty: false };

    private static void Report(RuleContext context, MetaTag image, string keyAttribute, string altKey, string missing)
    {
        // A placeholder the author must replace: only a person can say what the image shows.
        var edit = LineInsertion.After(context.Source, image.Element, LineInsertion.Meta(image.Element, keyAttribute, altKey, Placeholder));
        var fix = new CodeFix($"Add {altKey} (placeholder)", FixSafety.Suggestion, [edit]);
        context.Report(image.Element.StartTagSpan, args: [image.Key, missing], fixes: [fix]);
    }
}
