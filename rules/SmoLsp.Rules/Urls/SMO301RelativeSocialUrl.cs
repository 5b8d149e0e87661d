using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Rules.Urls;

/// <summary>
/// ogp.me types og:url and og:image as URLs, and crawlers do not resolve relative ones: the Facebook Sharing
/// Debugger rejects them and the card shows no image. Razor's <c>~/</c> is resolved only by tag helpers on
/// href/src, never in <c>content=</c>.
/// </summary>
public sealed class SMO301RelativeSocialUrl : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO301",
        "Relative URL in a social tag",
        "{0} is a relative URL ('{1}'): Facebook, LinkedIn and X only read absolute URLs such as https://example.com/img/card.png{2}",
        RuleCategory.Urls,
        DiagnosticSeverity.Error,
        FixAvailability.SafeOrSuggestion);

    private static readonly HashSet<string> s_urlKeys = new(StringComparer.Ordinal)
    {
        "og:url", "og:image", "og:image:url", "og:image:secure_url", "twitter:image",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var meta in context.Head.Metas)
        {
            if (s_urlKeys.Contains(meta.Key) && meta.Content is { } value)
            {
                Check(context, meta, value);
            }
        }
    }, includeFragments: true);

    private static void Check(RuleContext context, MetaTag meta, TemplateValue value)
    {
        var known = WebUrl.KnownText(context.Syntax, value, out var complete);
        if (known is null)
        {
            return;
        }

        var form = WebUrl.Classify(known);
        if (form is not (UrlForm.RootRelative or UrlForm.AppRelative or UrlForm.PathRelative))
        {
            return;
        }

        // A Razor value is judged only when its literal start already makes it relative ("~/img/@Model.Slug.png",
        // "/img/@name"); "@Url.Action(...)" or "@Model.Image" may well render an absolute URL.
        if (!complete && !(form == UrlForm.AppRelative || (form == UrlForm.RootRelative && known.Length > 1 && known[1] is not ('/' or '\\'))))
        {
            return;
        }

        var fix = BuildFix(context, value, known, form, complete);
        var hint = fix is null ? ": set \"siteUrl\" in smolsp.json to get a fix" : string.Empty;
        var shown = complete ? known : known + "...";
        context.Report(WebUrl.TrimmedSpan(context.Source, value.Span), args: [meta.Key, shown, hint], fixes: SocialTags.Fixes(fix));
    }

    private static CodeFix? BuildFix(RuleContext context, TemplateValue value, string known, UrlForm form, bool complete)
    {
        var source = context.Source;
        var language = context.Syntax.Language;
        var span = WebUrl.TrimmedSpan(source, value.Span);
        var siteUrl = context.Configuration.SiteUrl;
        var pageUrl = WebUrl.PageUrl(context.Head, out var pageText) is not null ? pageText : null;
        switch (form)
        {
            case UrlForm.RootRelative:
            {
                // "/img/x.png" is relative to the host: the site's origin is all that is missing.
                var origin = siteUrl is not null ? WebUrl.Origin(siteUrl) : pageUrl is not null ? WebUrl.Origin(pageUrl) : null;
                return origin is null ? null : Fix(origin + known, FixSafety.Safe, TextEdit.Insert(span.Start, TemplateText.Attribute(origin, language)));
            }

            case UrlForm.AppRelative:
            {
                // "~/" is the application root: the configured site URL says where that is (it may have a path base).
                var root = siteUrl ?? (pageUrl is not null ? WebUrl.Origin(pageUrl) : null);
                if (root is null || source.Text[span.Start] != '~')
                {
                    return null;
                }

                var safety = siteUrl is not null ? FixSafety.Safe : FixSafety.Suggestion;
                return Fix(root + known[1..], safety, new TextEdit(new TextSpan(span.Start, 1), TemplateText.Attribute(root, language)));
            }

            case UrlForm.PathRelative when complete:
            {
                // "img/x.png" is relative to the page: exact against the page's own URL, a guess against the site root.
                var resolved = pageUrl is not null ? WebUrl.ResolvePathRelative(pageUrl, known) : null;
                var safety = FixSafety.Safe;
                if (resolved is null && siteUrl is not null)
                {
                    resolved = WebUrl.ResolvePathRelative(siteUrl + "/", known);
                    safety = FixSafety.Suggestion;
                }

                return resolved is null ? null : Fix(resolved, safety, new TextEdit(span, TemplateText.Attribute(resolved, language)));
            }

            default:
                return null;
        }
    }

    private static CodeFix Fix(string result, FixSafety safety, TextEdit edit) =>
        new(safety == FixSafety.Safe ? $"Make the URL absolute: {result}" : $"Make the URL absolute (check the base): {result}", safety, [edit]);
}
