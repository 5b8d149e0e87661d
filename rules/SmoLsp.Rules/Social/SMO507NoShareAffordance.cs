using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Social;

/// <summary>
/// Social media optimisation starts with making content easy to share (squirrelscan's share-buttons check): an
/// article with neither a share-intent link nor a Web Share API button leaves readers to copy the address bar.
/// </summary>
public sealed class SMO507NoShareAffordance : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO507",
        "Content page offers no way to share it",
        "This {0} offers no way to share it: no share link (X, Facebook, LinkedIn, WhatsApp, Reddit, e-mail) and no Web Share API button (navigator.share)",
        RuleCategory.Social,
        DiagnosticSeverity.Info,
        FixAvailability.Suggestion)
    {
        // Differs per page: on a composed page whose layout lets pages add head tags, the page is told (docs/composition.md).
        Responsibility = HeadResponsibility.Page,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        var isArticle = head.GetMetaContent("og:type") is { IsStatic: true } type && type.NormalizedText.Equals("article", StringComparison.OrdinalIgnoreCase);
        var article = ContentArticle(context);
        if ((!isArticle && article is null) || head.HasWebShareTrigger || HasShareLink(head)
            || BlockInsertion.RendersElsewhere(head, "share"))
        {
            return;
        }

        var container = article is { EndTagSpan: not null } ? article
            : context.Syntax.Elements.FirstOrDefault(e => e.Name == "main" && e.EndTagSpan is not null)
            ?? (head.Body is { EndTagSpan: not null } body ? body : null);
        CodeFix? fix = null;
        if (container is not null && BlockInsertion.BeforeEndTag(context.Source, container, ShareBlock(head)) is { } edit)
        {
            fix = new CodeFix($"Add share links at the end of <{container.Name}>", FixSafety.Suggestion, [edit]);
        }

        context.Report(HeadInsertion.DocumentAnchor(head), args: [isArticle ? "article (og:type=article)" : "page's <article>"], fixes: SocialTags.Fixes(fix));
    });

    /// <summary>
    /// The first <c>&lt;article&gt;</c> that is page content: layouts also use the element for header and footer
    /// rows (eShopOnWeb's <c>&lt;header&gt;&lt;article class="row"&gt;</c>), which are not something to share.
    /// </summary>
    private static HtmlElement? ContentArticle(RuleContext context)
    {
        var head = context.Head;
        if (head.FirstArticle is null)
        {
            return null;
        }

        return head.Syntax.Elements.FirstOrDefault(e => e.Name == "article"
            && !e.HasAncestorOrSelf("header") && !e.HasAncestorOrSelf("footer") && !e.HasAncestorOrSelf("nav") && !e.HasAncestorOrSelf("aside")
            && !WrapsPageBody(context, e));
    }

    /// <summary>
    /// A layout's <c>&lt;article&gt;</c> around the page body (Blazor's template wraps <c>@Body</c> in one) says nothing
    /// about whether a page is content to share: in a composed page only the page's own articles count, and a layout
    /// alone does not count the one holding <c>@RenderBody()</c> / <c>@Body</c>.
    /// </summary>
    private static bool WrapsPageBody(RuleContext context, HtmlElement article)
    {
        if (context.Composition is { } composition)
        {
            return !composition.IsFromAnalyzedDocument(article.StartTagSpan);
        }

        var source = context.Source;
        foreach (var code in context.Syntax.Projection.CodeSpans)
        {
            if (article.ContentSpan.Contains(code) && (source.Slice(code).Contains("RenderBody", StringComparison.Ordinal) || source.Slice(code).SequenceEqual("@Body")))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasShareLink(HeadModel head) =>
        head.Anchors.Any(a => SocialLinks.Target(head.Syntax, a.Href) is { } target && ShareIntents.Classify(target) is not null);

    /// <summary>
    /// Intent links built from the page's own static URL (og:url, else canonical) and title; without a known URL, a
    /// Web Share API button, which shares the address the reader is on.
    /// </summary>
    private static List<(int, string)> ShareBlock(HeadModel head)
    {
        var language = head.Syntax.Language;
        if (WebUrl.PageUrl(head, out var pageUrl) is null || pageUrl is null)
        {
            return [(0, "<button type=\"button\" onclick=\"navigator.share({ title: document.title, url: location.href })\">Share</button>")];
        }

        var url = Uri.EscapeDataString(pageUrl);
        var title = head.GetMetaContent("og:title") is { IsStatic: true } og ? og.NormalizedText
            : head.Title?.Value is { IsStatic: true } t ? t.NormalizedText : null;
        var text = string.IsNullOrEmpty(title) ? string.Empty : "&amp;text=" + Uri.EscapeDataString(title);
        return
        [
            (0, "<div class=\"share\">"),
            (1, TemplateText.Markup($"<a href=\"https://twitter.com/intent/tweet?url={url}{text}\">Share on X</a>", language)),
            (1, $"<a href=\"https://www.facebook.com/sharer/sharer.php?u={url}\">Share on Facebook</a>"),
            (1, $"<a href=\"https://www.linkedin.com/sharing/share-offsite/?url={url}\">Share on LinkedIn</a>"),
            (0, "</div>"),
        ];
    }
}
