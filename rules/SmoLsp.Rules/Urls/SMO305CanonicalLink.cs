using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Urls;

/// <summary>
/// Lighthouse's <c>canonical</c> audit: a document should have one canonical link with an absolute URL. Graded:
/// missing is information (a default, not an error), duplicated or relative is a warning.
/// </summary>
public sealed class SMO305CanonicalLink : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO305",
        "Canonical link missing, duplicated or relative",
        "The canonical link {0}",
        RuleCategory.Urls,
        DiagnosticSeverity.Info)
    {
        // Differs per page: on a composed page whose layout lets pages add head tags, the page is told (docs/composition.md).
        Responsibility = HeadResponsibility.Page,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        var canonicals = head.Canonicals.DistinctBy(c => c.Element.Index).ToList();
        if (canonicals.Count == 0)
        {
            // A layout whose pages add head tags leaves the canonical URL, which differs per page, to them.
            if (!head.IsFragment && !head.IsExtendedElsewhere)
            {
                context.Report(
                    HeadInsertion.DocumentAnchor(head),
                    args: ["is missing: search engines and Facebook then choose the page's URL themselves; add <link rel=\"canonical\" href=\"https://...\"> with the page's absolute URL"],
                    severity: DiagnosticSeverity.Info);
            }

            return;
        }

        for (var i = 0; i < canonicals.Count; i++)
        {
            CheckHref(context, canonicals[i]);
            var first = canonicals.Take(i).FirstOrDefault(c => !context.Syntax.AreMutuallyExclusive(c.Element, canonicals[i].Element));
            if (first is not null)
            {
                ReportDuplicate(context, first, canonicals[i]);
            }
        }
    }, includeFragments: true);

    private static void ReportDuplicate(RuleContext context, LinkTag first, LinkTag extra)
    {
        var a = first.Href is { IsStatic: true } h1 ? h1.Text.Trim() : null;
        var b = extra.Href is { IsStatic: true } h2 ? h2.Text.Trim() : null;
        var detail = a is not null && b is not null && a != b
            ? $"is declared twice with different URLs ('{a}' and '{b}'): Google ignores conflicting canonical links; keep one"
            : "is declared more than once: keep one, so crawlers never see two conflicting values";
        context.Report(
            extra.Element.StartTagSpan,
            args: [detail],
            severity: DiagnosticSeverity.Warning,
            related: [new RelatedLocation(null, first.Element.StartTagSpan, "the first canonical link")]);
    }

    private static void CheckHref(RuleContext context, LinkTag link)
    {
        var attribute = link.Element.GetAttribute("href");
        if (attribute is null || link.Href is null)
        {
            context.Report(link.Element.StartTagSpan, args: ["has no href: it names no page; add the page's absolute URL"], severity: DiagnosticSeverity.Warning);
            return;
        }

        var value = link.Href;
        if (value.IsEmpty)
        {
            context.Report(attribute.Span, args: ["has an empty href: it names no page; add the page's absolute URL"], severity: DiagnosticSeverity.Warning);
            return;
        }

        var known = WebUrl.KnownText(context.Syntax, value, out var complete);
        if (known is null)
        {
            return;
        }

        var form = WebUrl.Classify(known);
        var relative = form switch
        {
            UrlForm.ProtocolRelative or UrlForm.AppRelative => true,
            UrlForm.PathRelative => complete, // "@Model.Url" may render anything
            UrlForm.RootRelative => complete || (known.Length > 1 && known[1] is not ('/' or '\\')),
            _ => false,
        };
        if (relative)
        {
            context.Report(
                WebUrl.TrimmedSpan(context.Source, value.Span),
                args: [$"has a relative href ('{(complete ? known : known + "...")}'): Google and Lighthouse ask for an absolute URL such as https://example.com/page"],
                severity: DiagnosticSeverity.Warning);
        }
    }
}
