namespace SmoLsp.Analysis.Syntax;

public enum TemplateLanguage
{
    /// <summary>
    /// <c>.html</c>/<c>.htm</c>: plain HTML, or the templates of a static-site generator or server framework (Liquid,
    /// Go templates, Django/Jinja, Nunjucks), whose tags are masked the same way (<see cref="TemplateTagScanner"/>).
    /// </summary>
    Html,

    /// <summary>MVC views and Razor Pages (<c>.cshtml</c>).</summary>
    Cshtml,

    /// <summary>Blazor components (<c>.razor</c>).</summary>
    Razor,

    /// <summary>Liquid templates (<c>.liquid</c>: Jekyll, Eleventy, Shopify).</summary>
    Liquid,

    /// <summary>Nunjucks templates (<c>.njk</c>: Eleventy).</summary>
    Nunjucks,
}

public static class TemplateLanguages
{
    public static readonly IReadOnlyList<string> Extensions = [".html", ".htm", ".cshtml", ".razor", ".liquid", ".njk"];

    /// <summary>The language of a path by its extension, or null when SmoLsp does not read that kind of file.</summary>
    public static TemplateLanguage? FromPath(string path) => FromFileName(path.AsSpan());

    /// <summary>
    /// The language of a file name by its extension, or null when SmoLsp does not read that kind of file. A template
    /// that renders something other than HTML (<c>sitemap.xml.njk</c>, <c>feed.json.liquid</c>) is not read.
    /// </summary>
    public static TemplateLanguage? FromFileName(ReadOnlySpan<char> path)
    {
        var dot = path.LastIndexOf('.');
        if (dot < 0)
        {
            return null;
        }

        var ext = path[dot..];
        if (ext.Equals(".html", StringComparison.OrdinalIgnoreCase) || ext.Equals(".htm", StringComparison.OrdinalIgnoreCase))
        {
            return TemplateLanguage.Html;
        }

        if (ext.Equals(".cshtml", StringComparison.OrdinalIgnoreCase))
        {
            return TemplateLanguage.Cshtml;
        }

        if (ext.Equals(".razor", StringComparison.OrdinalIgnoreCase))
        {
            return TemplateLanguage.Razor;
        }

        var liquid = ext.Equals(".liquid", StringComparison.OrdinalIgnoreCase);
        if (!liquid && !ext.Equals(".njk", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // "sitemap.xml.njk" renders XML; "page.html.liquid" and "page.njk" render HTML.
        var stem = path[..dot];
        var separator = stem.LastIndexOfAny('/', '\\');
        var name = stem[(separator + 1)..];
        var inner = name.LastIndexOf('.');
        if (inner > 0)
        {
            var innerExt = name[inner..];
            if (!innerExt.Equals(".html", StringComparison.OrdinalIgnoreCase) && !innerExt.Equals(".htm", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return liquid ? TemplateLanguage.Liquid : TemplateLanguage.Nunjucks;
    }

    /// <summary>Razor: <c>.cshtml</c> or <c>.razor</c>.</summary>
    public static bool IsRazor(this TemplateLanguage language) => language is TemplateLanguage.Cshtml or TemplateLanguage.Razor;

    /// <summary>HTML and the curly-brace template languages (<c>{{ }}</c>, <c>{% %}</c>): everything but Razor.</summary>
    public static bool UsesTemplateTags(this TemplateLanguage language) => !language.IsRazor();
}
