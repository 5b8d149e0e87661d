using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Rules.Titles;

/// <summary>Google Search Central (title links): every page should have a title element; without one, tabs and results show the URL.</summary>
public sealed class SMO201MissingTitle : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO201",
        "Missing <title>",
        "The page has no <title>: browser tabs, bookmarks and search results fall back to the URL or guess from the page. Add a <title> that names the page{0}",
        RuleCategory.Titles,
        DiagnosticSeverity.Error,
        FixAvailability.SafeOrSuggestion)
    {
        // Differs per page: on a composed page whose layout lets pages add head tags, the page is told (docs/composition.md).
        Responsibility = HeadResponsibility.Page,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        if (head.Titles.Count > 0 || head.IsExtendedElsewhere)
        {
            return;
        }

        var (fix, source) = TitleFix(head);
        context.Report(HeadInsertion.DocumentAnchor(head), args: [source is null ? string.Empty : $" (the fix copies {source})"], fixes: SocialTags.Fixes(fix));
    });

    /// <summary>
    /// A title from what the page already says: og:title, else the first &lt;h1&gt;. Known text is safe to copy; a
    /// Razor expression may render differently in a title (a suggestion); with neither, a placeholder.
    /// </summary>
    private static (CodeFix? Fix, string? Source) TitleFix(HeadModel head)
    {
        var language = head.Syntax.Language;
        if (head.GetMetas("og:title").FirstOrDefault(m => m.Content is { IsEmpty: false }) is { Content: { } og })
        {
            return og.IsStatic
                ? (Insert(head, "Add <title> from og:title", FixSafety.Safe, TemplateText.Content(language, og.NormalizedText)), "og:title")
                : (Insert(head, "Add <title> from og:title", FixSafety.Suggestion, TextNormalizer.CollapseWhitespace(og.RawText)), "og:title");
        }

        if (head.FirstH1?.GetTextValue() is { IsEmpty: false } h1)
        {
            if (h1.IsStatic)
            {
                return (Insert(head, "Add <title> from <h1>", FixSafety.Safe, TemplateText.Content(language, h1.NormalizedText)), "the first <h1>");
            }

            // Markup inside a title is shown as text: only a heading that is code alone can be copied.
            if (!h1.RawText.Contains('<', StringComparison.Ordinal))
            {
                return (Insert(head, "Add <title> from <h1>", FixSafety.Suggestion, TextNormalizer.CollapseWhitespace(h1.RawText)), "the first <h1>");
            }
        }

        return (Insert(head, "Add <title> (placeholder)", FixSafety.Suggestion, "TODO: page title"), null);
    }

    private static CodeFix? Insert(HeadModel head, string title, FixSafety safety, string text)
    {
        var markup = $"<title>{text}</title>";
        var edit = AfterDocumentMetadata(head, markup) ?? HeadInsertion.InsertLine(head, markup);
        return edit is null ? null : new CodeFix(title, safety, [edit]);
    }

    /// <summary>Right after &lt;meta charset&gt; / &lt;meta name="viewport"&gt;, where templates put the title.</summary>
    private static TextEdit? AfterDocumentMetadata(HeadModel head, string markup)
    {
        if (head.Head is null)
        {
            return null;
        }

        HtmlElement? anchor = null;
        foreach (var e in head.Syntax.Elements)
        {
            var isDocumentMeta = e.Name == "meta" && (e.GetAttribute("charset") is not null || head.GetMetas("viewport").Any(m => m.Element == e));
            if (isDocumentMeta && e.Parent == head.Head)
            {
                anchor = e;
            }
        }

        if (anchor is null)
        {
            return null;
        }

        var source = head.Syntax.Source;
        var indent = source.GetIndentation(anchor.Span.Start);
        var lineStart = source.Lines.GetLineStart(source.Lines.GetLineNumber(anchor.Span.Start));
        return lineStart + indent.Length == anchor.Span.Start
            ? TextEdit.Insert(anchor.Span.End, source.Lines.NewLine + indent + markup)
            : null;
    }
}
