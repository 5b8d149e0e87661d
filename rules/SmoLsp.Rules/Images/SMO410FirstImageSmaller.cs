using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Images;

/// <summary>
/// ogp.me: when a property has several values, "the first tag (from top to bottom) is given preference during
/// conflicts", and Facebook, LinkedIn and X take the first og:image for the card. A page that lists a small image
/// (a logo, a thumbnail) before its large one shares the small one. Sizes come from the local files, else from the
/// static og:image:width/height the page declares.
/// </summary>
public sealed class SMO410FirstImageSmaller : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO410",
        "The first og:image is smaller than a later one",
        "The first og:image is {0}, smaller than the {1} og:image on {2}: platforms show the first, so shares get the small picture; put the large image first",
        RuleCategory.Images,
        DiagnosticSeverity.Info)
    {
        ReadsLocalFiles = true,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var groups = OgImageGroup.Of(context.Head);
        if (groups.Count < 2 || SizeOf(context, groups[0]) is not { } first)
        {
            return;
        }

        foreach (var later in groups.Skip(1))
        {
            // Alternatives in @if/else branches are not listed together.
            if (context.Syntax.AreMutuallyExclusive(groups[0].Root.Element, later.Root.Element) || SizeOf(context, later) is not { } size)
            {
                continue;
            }

            if (size.Width >= first.Width && size.Height >= first.Height && (size.Width > first.Width || size.Height > first.Height))
            {
                var line = context.DescribeLine(later.Root.Element.StartTagSpan.Start);
                context.Report(groups[0].Root.Element.StartTagSpan, args: [$"{first.Width}x{first.Height}", $"{size.Width}x{size.Height}", line],
                    related: [new RelatedLocation(null, later.Root.Element.StartTagSpan, $"the larger og:image ({size.Width}x{size.Height})")]);
                return;
            }
        }
    }, includeFragments: true);

    /// <summary>The group's size: the local file's real one, else the static width and height the page declares.</summary>
    private static (int Width, int Height)? SizeOf(RuleContext context, OgImageGroup group)
    {
        if (LocalImage.SizedImageOf(context, group)?.Facts is { Width: { } w, Height: { } h })
        {
            return (w, h);
        }

        return group.Declared("og:image:width") is { } width && group.Declared("og:image:height") is { } height ? (width, height) : null;
    }
}
