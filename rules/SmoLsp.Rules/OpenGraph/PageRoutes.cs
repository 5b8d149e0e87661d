using SmoLsp.Analysis;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Rules.OpenGraph;

/// <summary>A page's URL path, and whether it is certain (written in the template) or derived from a convention.</summary>
internal sealed record PageRoute(string Path, bool IsCertain);

/// <summary>
/// What the template itself says about its URL: a Razor <c>@page "/route"</c> directive, Razor Pages' file
/// convention (<c>Pages/Blog/Post.cshtml</c> -> <c>/Blog/Post</c>), or a site's root <c>index.html</c>. Never guesses
/// beyond that: layouts, MVC views and other HTML files have no knowable route.
/// </summary>
internal static class PageRoutes
{
    public static PageRoute? Of(TemplateDocument document, ParsedTemplate syntax, SmoLspConfiguration configuration)
    {
        var path = document.Path.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        return syntax.Language switch
        {
            TemplateLanguage.Html => IsRootIndex(path, configuration.WebRoot) ? new PageRoute("/", true) : null,
            _ => FromPageDirective(path, syntax),
        };
    }

    private static bool IsRootIndex(string path, string? webRoot)
    {
        var file = path[(path.LastIndexOf('/') + 1)..];
        if (!file.Equals("index.html", StringComparison.OrdinalIgnoreCase) && !file.Equals("index.htm", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var root = webRoot?.Replace('\\', '/').Trim().TrimEnd('/');
        if (root is null or "" or ".")
        {
            // No web root configured: the workspace root, or wwwroot (ASP.NET Core's default) when files live there.
            return path.Length == file.Length || path.Equals("wwwroot/" + file, StringComparison.Ordinal);
        }

        return path.Equals(root + "/" + file, StringComparison.Ordinal);
    }

    private static PageRoute? FromPageDirective(string path, ParsedTemplate syntax)
    {
        var pages = syntax.Projection.Directives.Where(d => d.Name == "page").ToList();
        if (pages.Count != 1)
        {
            // No @page: a view, layout or component without a route. Several: a Blazor page with alternative routes.
            return null;
        }

        var value = pages[0].Value.Trim();
        string? literal = null;
        if (value.Length >= 2 && value[0] == '"' && value.IndexOf('"', 1) is var close and > 0)
        {
            literal = value[1..close];
        }
        else if (value.Length > 0)
        {
            return null;
        }

        if (literal is not null && literal.AsSpan().IndexOfAny("{}*?#") >= 0)
        {
            return null; // route parameters: the URL differs per request
        }

        if (literal is not null && literal.StartsWith('/'))
        {
            return new PageRoute(literal, true);
        }

        if (literal is not null && literal.StartsWith("~/", StringComparison.Ordinal))
        {
            return new PageRoute(literal[1..], true);
        }

        // Razor Pages only: a bare @page (or a relative template) routes by the file's place under Pages/.
        if (syntax.Language != TemplateLanguage.Cshtml || ConventionalPath(path) is not { } conventional)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(literal))
        {
            return new PageRoute(conventional.TrimEnd('/') + "/" + literal, false);
        }

        // "/" is the same whatever URL casing the app uses; "/Blog/Post" may be served as "/blog/post".
        return new PageRoute(conventional, conventional == "/");
    }

    private static string? ConventionalPath(string path)
    {
        int at;
        if (path.LastIndexOf("/Pages/", StringComparison.Ordinal) is var slash and >= 0)
        {
            at = slash + 1;
        }
        else if (path.StartsWith("Pages/", StringComparison.Ordinal))
        {
            at = 0;
        }
        else
        {
            return null;
        }

        // Areas add a route prefix configured outside the template.
        if (path.AsSpan(0, at).Contains("Areas/", StringComparison.Ordinal))
        {
            return null;
        }

        var relative = path[(at + "Pages/".Length)..];
        if (!relative.EndsWith(".cshtml", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var segments = relative[..^".cshtml".Length].Split('/').ToList();
        if (segments[^1].Equals("Index", StringComparison.OrdinalIgnoreCase))
        {
            segments.RemoveAt(segments.Count - 1);
        }

        return "/" + string.Join('/', segments);
    }
}
