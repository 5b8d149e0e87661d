using SmoLsp.Analysis.Composition;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Analysis.Site;

/// <summary>
/// Which templates of a static-site or server-template site are pages, by the engine's conventions. Includes and
/// partials are fragments even when they hold the <c>&lt;head&gt;</c> (minima's <c>_includes/head.html</c>): the layout
/// that includes them is the document. Error templates (404, 500), output formats that are not pages (Hugo's
/// <c>*.print.html</c>), front matter that makes XML or a redirect are not pages. Null: the markup decides.
/// </summary>
internal static class SitePages
{
    private static readonly HashSet<string> s_errorPages = new(StringComparer.OrdinalIgnoreCase)
    {
        "400", "401", "403", "404", "410", "500", "502", "503", "50x", "403_csrf",
    };

    private static readonly HashSet<string> s_djangoFragmentFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "includes", "include", "partials", "_partials", "components", "blocks", "snippets", "macros",
    };

    private static readonly HashSet<string> s_hugoFragmentFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "partials", "_partials", "shortcodes", "_shortcodes", "_markup",
    };

    // Hugo output formats that are not HTML pages people share (an AMP page is one, so "amp" is not here).
    private static readonly HashSet<string> s_hugoNonPageFormats = new(StringComparer.OrdinalIgnoreCase)
    {
        "print", "rss", "xml", "json", "txt", "calendar", "ics", "csv", "robots", "sitemap",
    };

    public static (DocumentRole? Role, string? Reason) RoleOf(SiteContext site, TemplateDocument document, ParsedTemplate syntax)
    {
        if (site.Engine is SiteEngine.Html or SiteEngine.Razor)
        {
            return (null, null);
        }

        var name = TemplatePath.FileNameWithoutExtension(document.Path);
        var folders = Folders(site.Root, document.Path);
        var frontMatter = syntax.Projection.FrontMatter;
        if (s_errorPages.Contains(name))
        {
            return (DocumentRole.NotAPage, "an error page");
        }

        switch (site.Engine)
        {
            case SiteEngine.Jekyll or SiteEngine.Nunjucks:
                if (folders.Count > 0 && folders[0] == "_includes" && !RendersContent(syntax))
                {
                    return (DocumentRole.Fragment, "an include");
                }

                if (frontMatter?.Get("permalink") is { } permalink && !IsHtmlPermalink(permalink.Text))
                {
                    return (DocumentRole.NotAPage, "not HTML (permalink " + permalink.Text + ")");
                }

                if (frontMatter is not null && (frontMatter.Has("redirect_to") || frontMatter.Get("layout")?.Text == "redirect"))
                {
                    return (DocumentRole.NotAPage, "a redirect");
                }

                break;
            case SiteEngine.Hugo:
                if (folders.Any(s_hugoFragmentFolders.Contains) || name.StartsWith('_') || name.StartsWith("render-", StringComparison.Ordinal))
                {
                    return (DocumentRole.Fragment, "a partial");
                }

                var dot = name.LastIndexOf('.');
                if (dot > 0 && s_hugoNonPageFormats.Contains(name[(dot + 1)..]))
                {
                    return (DocumentRole.NotAPage, "the " + name[(dot + 1)..] + " output format");
                }

                break;
            case SiteEngine.Django or SiteEngine.Jinja:
                if (folders.Any(s_djangoFragmentFolders.Contains))
                {
                    return (DocumentRole.Fragment, "an include");
                }

                break;
        }

        return (null, null);
    }

    /// <summary>True for a child template: <c>{% extends %}</c>, or (Go) a file of <c>{{ define }}</c>s only.</summary>
    public static bool ExtendsAnother(ParsedTemplate syntax)
    {
        foreach (var tag in syntax.Projection.Tags)
        {
            if (tag.Kind == TemplateTagKind.Statement && tag.Keyword == "extends")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The folders between the site root and the file (all of the file's folders when the root is unknown).</summary>
    public static List<string> Folders(string? root, string path)
    {
        var normalized = path.Replace('\\', '/');
        if (root is not null)
        {
            var r = root.Replace('\\', '/').TrimEnd('/') + "/";
            if (normalized.StartsWith(r, StringComparison.Ordinal))
            {
                normalized = normalized[r.Length..];
            }
        }

        var parts = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts.Count > 0)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        return parts;
    }

    /// <summary>A layout in Eleventy's <c>_includes</c>: it renders a page's content (<c>{{ content | safe }}</c>) or is a whole document.</summary>
    private static bool RendersContent(ParsedTemplate syntax)
    {
        var text = syntax.Source.Text;
        foreach (var tag in syntax.Projection.Tags)
        {
            if (tag.Kind == TemplateTagKind.Output && TemplateSlots.IsContentExpression(text.AsSpan(tag.Expression.Start, tag.Expression.Length)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHtmlPermalink(string permalink)
    {
        var p = permalink.Trim();
        if (p is "false")
        {
            return false;
        }

        var slash = p.LastIndexOf('/');
        var last = p[(slash + 1)..];
        var dot = last.LastIndexOf('.');
        return dot < 0 || last.Contains("{{", StringComparison.Ordinal) || last[dot..].Equals(".html", StringComparison.OrdinalIgnoreCase) || last[dot..].Equals(".htm", StringComparison.OrdinalIgnoreCase);
    }
}
