using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Images;

/// <summary>
/// Facebook (Sharing best practices, "Pre-cache the image with the Sharing Debugger"): the crawler processes images
/// asynchronously, so the first person to share a URL gets a card without its image unless the page declares
/// <c>og:image:width</c> and <c>og:image:height</c>. The local file's header says what they are, so the fix needs no human.
/// </summary>
public sealed class SMO402MissingImageDimensions : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO402",
        "og:image without width and height",
        "og:image has no {0}: the first share of this page shows no image until Facebook has fetched it; {1} is {2} pixels",
        RuleCategory.Images,
        DiagnosticSeverity.Info,
        FixAvailability.Safe)
    {
        ReadsLocalFiles = true,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var (group, image) in LocalImage.Groups(context, r => r.HasSize))
        {
            var (width, height) = (image.Facts!.Width!.Value, image.Facts.Height!.Value);

            var missing = new List<(string Key, int Value)>();
            if (!group.Has("og:image:width"))
            {
                missing.Add(("og:image:width", width));
            }

            if (!group.Has("og:image:height"))
            {
                missing.Add(("og:image:height", height));
            }

            if (missing.Count == 0)
            {
                continue;
            }

            var root = group.Root.Element;
            var lines = missing.Select(m => LineInsertion.Meta(root, "property", m.Key, m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var names = string.Join(" and ", missing.Select(m => m.Key));
            var fix = new CodeFix($"Add {names} ({width}x{height})", FixSafety.Safe, [LineInsertion.After(context.Source, root, lines)]);
            context.Report(root.StartTagSpan, args: [names, image.DisplayPath, $"{width}x{height}"], fixes: [fix]);
        }
    }, includeFragments: true);
}
