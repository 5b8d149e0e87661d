using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Model;

public enum MetaKeyKind
{
    Property,
    Name,
}

/// <summary>A <c>&lt;meta&gt;</c> with a <c>property</c> or <c>name</c> key.</summary>
public sealed record MetaTag(HtmlElement Element, HtmlAttribute KeyAttribute, MetaKeyKind KeyKind, string Key, HtmlAttribute? ContentAttribute)
{
    /// <summary>The content value, or null when the tag has no <c>content</c> attribute.</summary>
    public TemplateValue? Content => ContentAttribute?.Value;

    public bool IsInHead => Element.HasAncestorOrSelf("head");
}

/// <summary>A <c>&lt;title&gt;</c> element or a Blazor <c>&lt;PageTitle&gt;</c> component.</summary>
public sealed record TitleElement(HtmlElement Element, TemplateValue Value, bool IsPageTitleComponent);

public sealed record LinkTag(HtmlElement Element, string Rel, TemplateValue? Href);

public sealed record AnchorLink(HtmlElement Element, TemplateValue Href, string Rel);

public sealed record JsonLdBlock(HtmlElement Element, TextSpan ContentSpan, string Text);

public enum DocumentRole
{
    /// <summary>A whole page (or layout) whose head the rules judge.</summary>
    Document,

    /// <summary>A partial, include or component with no head of its own: document-level rules do not run.</summary>
    Fragment,

    /// <summary>
    /// Has markup but is no page anyone shares: a redirect stub (<c>&lt;meta http-equiv="refresh"&gt;</c>), an error
    /// template (404, 500), an endpoint with no markup, a page that opts out of indexing. Document-level rules do not run.
    /// </summary>
    NotAPage,
}

/// <summary>The facts most rules need, gathered in one walk over the elements.</summary>
public sealed class HeadModel
{
    private readonly Dictionary<string, List<MetaTag>> _metaByKey = new(StringComparer.Ordinal);

    private HeadModel(ParsedTemplate syntax)
    {
        Syntax = syntax;
    }

    public ParsedTemplate Syntax { get; }

    public DocumentRole Role { get; private set; }

    /// <summary>True for fragments and for documents that are not pages (<see cref="DocumentRole.NotAPage"/>): no document-level rule runs.</summary>
    public bool IsFragment => Role != DocumentRole.Document;

    /// <summary>Why the document's own text says it is no page (a redirect, an endpoint, robots noindex), when it does.</summary>
    public string? NotAPageReason { get; private set; }

    public HtmlElement? Html { get; private set; }

    public HtmlElement? Head { get; private set; }

    public HtmlElement? Body { get; private set; }

    public IReadOnlyList<TitleElement> Titles { get; private set; } = [];

    public IReadOnlyList<MetaTag> Metas { get; private set; } = [];

    /// <summary>Every <c>&lt;meta&gt;</c> element, code samples included: what <see cref="NotAPage"/> reads, without a second pass over the elements.</summary>
    internal IReadOnlyList<HtmlElement> MetaElements { get; private set; } = [];

    public IReadOnlyList<LinkTag> Canonicals { get; private set; } = [];

    public IReadOnlyList<LinkTag> RelMeLinks { get; private set; } = [];

    public IReadOnlyList<AnchorLink> Anchors { get; private set; } = [];

    public IReadOnlyList<JsonLdBlock> JsonLd { get; private set; } = [];

    public HtmlElement? FirstH1 { get; private set; }

    public HtmlElement? FirstArticle { get; private set; }

    /// <summary>Blazor <c>&lt;HeadContent&gt;</c> blocks.</summary>
    public IReadOnlyList<HtmlElement> HeadContents { get; private set; } = [];

    /// <summary>True when some script or handler calls <c>navigator.share</c> (the Web Share API).</summary>
    public bool HasWebShareTrigger { get; private set; }

    /// <summary>Meta tags whose key is <paramref name="key"/> (lower case), written with either property= or name=, in document order.</summary>
    public IReadOnlyList<MetaTag> GetMetas(string key) => _metaByKey.TryGetValue(key, out var list) ? list : [];

    public MetaTag? GetMeta(string key) => _metaByKey.TryGetValue(key, out var list) ? list[0] : null;

    public bool HasMeta(string key) => _metaByKey.ContainsKey(key);

    /// <summary>The value a crawler would read for <paramref name="key"/>: the first tag's content, if any.</summary>
    public TemplateValue? GetMetaContent(string key) => GetMeta(key)?.Content;

    public TitleElement? Title => Titles.Count > 0 ? Titles[0] : null;

    private HeadExtension? _extension;
    /// <summary>
    /// True when other files still add to this head: a Blazor <c>&lt;HeadOutlet&gt;</c> or a Razor <c>RenderSection</c>
    /// in the head (pages fill them), or a partial or include this analysis could not expand. A composed page has its
    /// layout's slots filled, so this is false for it unless something could not be resolved; a layout analyzed alone
    /// has them open. Rules about tags that differ per page ("missing og:title") stay silent on such a head: the pages
    /// are told instead (see docs/composition.md).
    /// </summary>
    public bool IsExtendedElsewhere => Extension != HeadExtension.None;

    /// <summary>
    /// True when part of the head is markup this analysis cannot see (an unresolved partial, a <c>{% include %}</c>):
    /// even site-wide tags may be there, so no "missing tag" rule can judge the head.
    /// </summary>
    public bool HasUnknownHeadContent => (Extension & HeadExtension.Unknown) != 0;

    private HeadExtension Extension => _extension ??= ComputeExtension();

    [Flags]
    internal enum HeadExtension
    {
        None = 0,
        PageSlots = 1,
        Unknown = 2,
    }

    private HeadExtension ComputeExtension()
    {
        var syntax = Syntax;
        var headSpan = Head?.Span;
        var result = HeadExtension.None;
        if (syntax.Language.IsRazor())
        {
            foreach (var e in syntax.Elements)
            {
                if (e.SourceName == "HeadOutlet" || (e.Name == "component" && e.GetAttribute("type") is { ValueSpan: { } type }
                    && syntax.Source.Slice(type).Contains("HeadOutlet", StringComparison.Ordinal)))
                {
                    result |= HeadExtension.PageSlots;
                }
                else if (e.Name == "partial" && headSpan is { } s && s.Contains(e.StartTagSpan.Start))
                {
                    result |= HeadExtension.Unknown;
                }
            }
        }

        // Template code in the head (or, with no <head> element, before the body) that pulls in other markup.
        var end = headSpan?.End ?? Body?.StartTagSpan.Start ?? syntax.Source.Length;
        var start = headSpan?.Start ?? 0;
        if (syntax.Language.UsesTemplateTags())
        {
            return result | HeadTemplateTags.Extension(syntax, start, end);
        }

        foreach (var code in syntax.Projection.CodeSpans)
        {
            if (code.End <= start)
            {
                continue;
            }

            if (code.Start >= end)
            {
                break;
            }

            var text = syntax.Source.Text.AsSpan(code.Start, code.Length);
            if (text.Contains("RenderSection", StringComparison.Ordinal))
            {
                result |= HeadExtension.PageSlots;
            }

            if (text.Contains("Partial", StringComparison.Ordinal) || text.Contains("include", StringComparison.Ordinal) || text.Contains("{{>", StringComparison.Ordinal))
            {
                result |= HeadExtension.Unknown;
            }
        }

        return result;
    }

    /// <summary>Builds the model; the markup decides the document's role.</summary>
    public static HeadModel Build(ParsedTemplate syntax) => Build(syntax, null);

    /// <summary>
    /// Builds the model. <paramref name="role"/>, when given and not <see cref="DocumentRole.Document"/>, overrides what the
    /// markup suggests: the host's site conventions know that <c>_includes/head.html</c> is an include although it has a
    /// <c>&lt;head&gt;</c>, and that <c>404.html</c> is no page to share.
    /// </summary>
    public static HeadModel Build(ParsedTemplate syntax, DocumentRole? role, string? notAPageReason = null)
    {
        var model = new HeadModel(syntax);
        model.Walk();
        if (role is { } forced && forced != DocumentRole.Document)
        {
            model.Role = forced;
            model.NotAPageReason = forced == DocumentRole.NotAPage ? notAPageReason : null;
        }
        else if (NotAPage.Reason(model) is { } reason)
        {
            model.Role = DocumentRole.NotAPage;
            model.NotAPageReason = reason;
        }

        return model;
    }

    private void Walk()
    {
        var titles = new List<TitleElement>();
        var metas = new List<MetaTag>();
        var metaElements = new List<HtmlElement>();
        var canonicals = new List<LinkTag>();
        var relMe = new List<LinkTag>();
        var anchors = new List<AnchorLink>();
        var jsonLd = new List<JsonLdBlock>();
        var headContents = new List<HtmlElement>();
        var text = Syntax.Source.Text;
        // The projection: front matter and template tags before the doctype ({% load static %}) are blank there.
        var projected = Syntax.Projection.ProjectedText;
        var hasDoctype = projected.AsSpan(0, Math.Min(projected.Length, 4096)).TrimStart().StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase);
        var isRazor = Syntax.Language.IsRazor();

        foreach (var e in Syntax.Elements)
        {
            switch (e.Name)
            {
                case "html":
                    Html ??= e;
                    break;
                case "head":
                    Head ??= e;
                    break;
                case "body":
                    Body ??= e;
                    break;
                case "title":
                    // <title> inside inline SVG is a tooltip, not the document title; one in a code sample is text.
                    if (!e.HasAncestorOrSelf("svg") && !IsInCodeSample(e))
                    {
                        titles.Add(new TitleElement(e, e.GetTextValue(), IsPageTitleComponent: false));
                    }

                    break;
                case "pagetitle" when isRazor && e.SourceName == "PageTitle":
                    titles.Add(new TitleElement(e, e.GetTextValue(), IsPageTitleComponent: true));
                    break;
                case "headcontent" when isRazor && e.SourceName == "HeadContent":
                    headContents.Add(e);
                    break;
                case "meta":
                    metaElements.Add(e);
                    if (!IsInCodeSample(e))
                    {
                        AddMeta(e, metas);
                    }

                    break;
                case "link":
                    if (!IsInCodeSample(e))
                    {
                        AddLink(e, canonicals, relMe);
                    }

                    break;
                case "a":
                    if (e.GetAttribute("href") is { } href)
                    {
                        anchors.Add(new AnchorLink(e, href.Value, RelOf(e)));
                    }

                    if (!HasWebShareTrigger && HandlerCallsShare(e))
                    {
                        HasWebShareTrigger = true;
                    }

                    break;
                case "script":
                    var type = e.GetAttributeValue("type");
                    if (type is { IsStatic: true } && type.NormalizedText.Equals("application/ld+json", StringComparison.OrdinalIgnoreCase))
                    {
                        jsonLd.Add(new JsonLdBlock(e, e.ContentSpan, Syntax.Source.Text.Substring(e.ContentSpan.Start, e.ContentSpan.Length)));
                    }
                    else if (!HasWebShareTrigger && text.AsSpan(e.ContentSpan.Start, e.ContentSpan.Length).Contains("navigator.share", StringComparison.Ordinal))
                    {
                        HasWebShareTrigger = true;
                    }

                    break;
                case "h1":
                    FirstH1 ??= e;
                    break;
                case "article":
                    FirstArticle ??= e;
                    break;
                case "button":
                    if (!HasWebShareTrigger && HandlerCallsShare(e))
                    {
                        HasWebShareTrigger = true;
                    }

                    break;
            }
        }

        Titles = titles;
        Metas = metas;
        MetaElements = metaElements;
        Canonicals = canonicals;
        RelMeLinks = relMe;
        Anchors = anchors;
        JsonLd = jsonLd;
        HeadContents = headContents;

        // A document has a head of its own: <html>, <head>, a doctype, or (plain HTML, where head tags are optional) a <title>.
        var isDocument = Html is not null || Head is not null || hasDoctype || (!isRazor && titles.Count > 0);
        Role = isDocument ? DocumentRole.Document : DocumentRole.Fragment;
    }

    /// <summary>
    /// Markup inside <c>&lt;pre&gt;</c>, <c>&lt;code&gt;</c>, <c>&lt;samp&gt;</c>, <c>&lt;xmp&gt;</c> or <c>&lt;template&gt;</c> is a
    /// code sample or inert content, not the page's head (a tutorial showing <c>&lt;title&gt;</c> has one title).
    /// </summary>
    private static bool IsInCodeSample(HtmlElement e)
    {
        for (var p = e.Parent; p is not null; p = p.Parent)
        {
            if (p.Name is "pre" or "code" or "samp" or "xmp" or "template")
            {
                return true;
            }
        }

        return false;
    }

    private static bool HandlerCallsShare(HtmlElement e)
    {
        foreach (var a in e.Attributes)
        {
            if (a.Name.StartsWith("on", StringComparison.Ordinal) && a.ValueSpan is { } v
                && e.Owner.Source.Text.AsSpan(v.Start, v.Length).Contains("navigator.share", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string RelOf(HtmlElement e) =>
        e.GetAttributeValue("rel") is { IsStatic: true } rel ? rel.NormalizedText.ToLowerInvariant() : string.Empty;

    private void AddMeta(HtmlElement e, List<MetaTag> metas)
    {
        var keyAttribute = e.GetAttribute("property");
        var kind = MetaKeyKind.Property;
        if (keyAttribute is null || !keyAttribute.Value.IsStatic)
        {
            keyAttribute = e.GetAttribute("name");
            kind = MetaKeyKind.Name;
        }

        if (keyAttribute is null || !keyAttribute.Value.IsStatic)
        {
            return;
        }

        var key = keyAttribute.Value.NormalizedText.ToLowerInvariant();
        var meta = new MetaTag(e, keyAttribute, kind, key, e.GetAttribute("content"));
        metas.Add(meta);
        if (!_metaByKey.TryGetValue(key, out var list))
        {
            _metaByKey[key] = list = [];
        }

        list.Add(meta);
    }

    private static void AddLink(HtmlElement e, List<LinkTag> canonicals, List<LinkTag> relMe)
    {
        var rel = RelOf(e);
        if (rel.Length == 0)
        {
            return;
        }

        foreach (var token in rel.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token == "canonical")
            {
                canonicals.Add(new LinkTag(e, rel, e.GetAttributeValue("href")));
            }
            else if (token == "me")
            {
                relMe.Add(new LinkTag(e, rel, e.GetAttributeValue("href")));
            }
        }
    }
}
